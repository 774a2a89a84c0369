import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { LabelView } from '../../conversations/read/conversation-labels.js';
import { LabelChip } from './label-chip.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationLabels } from './use-conversation-labels.ts';
import { useConversationText } from './use-conversation-text.ts';

const Labels = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 4px;
`;

const Add = styled.select`
  max-inline-size: 130px;
  border: 1px dashed ${themeColor('grey40')};
  border-radius: 9px;
  background: none;
  font: inherit;
  font-size: 11px;
  padding: 0 4px;
  color: ${themeColor('grey80')};
`;

interface ThreadLabelsProps {
  conversationId: string;
  /** Changes when the conversation changed elsewhere: its labels are read again. */
  version: unknown;
  all: LabelView[];
  canLabel: boolean;
}

/** The conversation's labels in the thread's header: × takes one off, the menu puts another on. */
export const ThreadLabels = ({ conversationId, version, all, canLabel }: ThreadLabelsProps) => {
  const { tm } = useConversationText();
  const { labels, busy, add, remove } = useConversationLabels(conversationId, version);
  const missing = all.filter((label) => !labels.some((on) => on.id === label.id));
  return (
    <Labels data-testid="thread-labels">
      {labels.map((label) => (
        <LabelChip key={label.id} label={label} onRemove={canLabel ? () => void remove(label.id) : undefined} removeTitle={tm('labels.remove', { name: label.name })} />
      ))}
      {canLabel && missing.length ? (
        <Add value="" disabled={busy} onChange={(event) => event.target.value && void add(event.target.value)} aria-label={tm('labels.add')} data-testid="label-add">
          <option value="">{tm('labels.add')}</option>
          {missing.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </Add>
      ) : null}
    </Labels>
  );
};

import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { useNotice, type NoticeMessage, type RecordJSON } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { bulkAction, formData } from './action-client.ts';
import { ControlBar, PillButton, PillSelect } from './inbox-controls.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Bar = styled(ControlBar)`
  background: ${themeColor('primary20')};
`;

interface BulkBarProps {
  setup: InboxSetup;
  selected: string[];
  onDone: () => void;
}

/** What can be done to the selected conversations at once: take them, resolve them, label them. Each is checked on its own. */
export const BulkBar = ({ setup, selected, onDone }: BulkBarProps) => {
  const { tm, language } = useConversationText();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);
  const run = async (actionName: string, data: Record<string, string>) => {
    setBusy(true);
    try {
      const answer = await bulkAction<{ records: RecordJSON[]; notice?: NoticeMessage }>({
        resourceId: RESOURCE_IDS.conversations,
        actionName,
        recordIds: selected,
        method: 'post',
        data: formData(data),
      });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: RESOURCE_IDS.conversations });
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Bar data-testid="bulk-bar">
      <span>{tm('inboxPage.bulk.selected', { count: selected.length, formattedCount: selected.length.toLocaleString(language) })}</span>
      {setup.can.assign ? (
        <PillButton type="button" disabled={busy} onClick={() => void run('bulkAssign', { assigneeId: 'me' })} data-testid="bulk-take">
          {tm('inboxPage.bulk.take')}
        </PillButton>
      ) : null}
      {setup.can.resolve ? (
        <PillButton type="button" disabled={busy} onClick={() => void run('bulkResolve', {})} data-testid="bulk-resolve">
          {tm('inboxPage.bulk.resolve')}
        </PillButton>
      ) : null}
      {setup.can.label && setup.labels.length ? (
        <>
          <PillSelect value="" disabled={busy} onChange={(event) => event.target.value && void run('bulkLabel', { add: event.target.value })} aria-label={tm('inboxPage.bulk.addLabel')} data-testid="bulk-add-label">
            <option value="">{tm('inboxPage.bulk.addLabel')}</option>
            {setup.labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </PillSelect>
          <PillSelect value="" disabled={busy} onChange={(event) => event.target.value && void run('bulkLabel', { remove: event.target.value })} aria-label={tm('inboxPage.bulk.removeLabel')} data-testid="bulk-remove-label">
            <option value="">{tm('inboxPage.bulk.removeLabel')}</option>
            {setup.labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </PillSelect>
        </>
      ) : null}
      <PillButton type="button" onClick={onDone} data-testid="bulk-clear">
        {tm('inboxPage.bulk.clear')}
      </PillButton>
    </Bar>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { intentLabel } from './intent-label.ts';
import { LabelChip } from './label-chip.tsx';
import { PanelField } from './panel-field.tsx';
import { Heading, Section } from './panel-section.ts';
import { StatusPill } from './status-pill.ts';
import { useConversationText } from './use-conversation-text.ts';
import { WindowTimer } from './window-timer.tsx';
import { SlaTimers } from './sla-timers.tsx';

const Gap = styled.div`
  block-size: 10px;
`;

/** Where the conversation stands: the 24-hour window, its status, who has it, its intent and labels. */
export const PanelState = ({ panel, now }: { panel: ConversationPanel; now: number }) => {
  const { tm } = useConversationText();
  const { assignee } = panel;
  return (
    <Section>
      <Heading>{tm('conversationView.panel.window')}</Heading>
      <WindowTimer window={panel.window} now={now} />
      <Gap />
      <PanelField label={tm('conversationView.panel.status')} testId="panel-status">
        <StatusPill $tone={panel.status}>{tm(`conversationView.conversationStatus.${panel.status}`, { defaultValue: panel.status })}</StatusPill>
      </PanelField>
      <PanelField label={tm('conversationView.panel.assignee')} muted={!assignee} testId="panel-assignee">
        {assignee ? assignee.name : tm('conversationView.panel.unassigned')}
      </PanelField>
      <PanelField label={tm('conversationView.panel.intent')} muted={!panel.intent} testId="panel-intent">
        {panel.intent ? <StatusPill $tone="intent">{intentLabel(panel.intent, tm)}</StatusPill> : tm('conversationView.panel.noIntent')}
      </PanelField>
      {panel.labels.length ? (
        <PanelField label={tm('conversationView.panel.labels')} testId="panel-labels">
          {panel.labels.map((label) => (
            <React.Fragment key={label.id}>
              <LabelChip label={label} />{' '}
            </React.Fragment>
          ))}
        </PanelField>
      ) : null}
      <SlaTimers timers={panel.sla} />
    </Section>
  );
};

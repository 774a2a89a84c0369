import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { RecordJSON } from 'adminjs';
import type { ConversationEventView, ConversationPanel as Panel } from '../../conversations/read/conversation-panel.js';
import { AuditTrail } from './audit-trail.tsx';
import { ConversationActions } from './conversation-actions.tsx';
import { PanelAssistant } from './panel-assistant.tsx';
import { PanelAttributionCost } from './panel-attribution-cost.tsx';
import { PanelContact } from './panel-contact.tsx';
import { PanelHistory } from './panel-history.tsx';
import { PanelState } from './panel-state.tsx';

const Aside = styled.aside`
  display: flex;
  flex-direction: column;
  gap: 12px;
  min-inline-size: 0;
  text-align: start;
`;

interface ConversationPanelProps {
  record: RecordJSON;
  panel: Panel | null;
  events: ConversationEventView[];
  now: number;
  onChanged: () => Promise<void>;
}

/** Beside the timeline: the customer, the conversation's state, the workflow buttons, the AI assistant, the customer's earlier conversations and the audit trail. */
export const ConversationPanel = ({ record, panel, events, now, onChanged }: ConversationPanelProps) => {
  if (!panel) return <Aside data-testid="side-panel" />;
  return (
    <Aside data-testid="side-panel">
      <PanelContact panel={panel} />
      <PanelState panel={panel} now={now} />
      <PanelAttributionCost panel={panel} />
      <ConversationActions record={record} assigneeId={panel.assignee?.id ?? null} onChanged={onChanged} />
      <PanelAssistant conversationId={record.id} panel={panel} onChanged={onChanged} />
      <PanelHistory conversationId={record.id} />
      <AuditTrail events={events} />
    </Aside>
  );
};

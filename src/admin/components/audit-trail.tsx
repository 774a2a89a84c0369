import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ConversationEventView } from '../../conversations/read/conversation-panel.js';
import { intentLabel } from './intent-label.ts';
import { formatDateTime } from './message-format.ts';
import { Value } from './panel-field.tsx';
import { Heading, Section } from './panel-section.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Events = styled.ol`
  list-style: none;
  margin: 0;
  padding: 0;
  max-block-size: 260px;
  overflow-y: auto;
`;

const Event = styled.li`
  font-size: 12px;
  padding-block: 4px;
  border-block-end: 1px solid ${themeColor('grey20')};
  &:last-child {
    border-block-end: 0;
  }
`;

const When = styled.time`
  color: ${themeColor('grey60')};
`;

/** Who did what to the conversation, newest first; the full trail is the audit trail resource. */
export const AuditTrail = ({ events }: { events: ConversationEventView[] }) => {
  const { tm, language } = useConversationText();
  const eventText = (event: ConversationEventView) => {
    const params = {
      actor: event.actor?.name || tm('conversationView.events.system'),
      assignee: event.assigneeName ?? tm('conversationView.events.someone'),
      lead: event.leadName ?? tm('conversationView.events.aLead'),
      intent: typeof event.details.intent === 'string' ? intentLabel(event.details.intent, tm) : '',
      kind: event.kind,
    };
    return tm(`conversationView.events.${event.kind}`, { ...params, defaultValue: tm('conversationView.events.other', params) });
  };
  return (
    <Section data-testid="audit-trail">
      <Heading>{tm('conversationView.panel.auditTrail')}</Heading>
      {events.length === 0 ? <Value $muted>{tm('conversationView.panel.noEvents')}</Value> : null}
      <Events>
        {events.map((event) => (
          <Event key={event.id} data-testid="audit-event" data-kind={event.kind}>
            <div dir="auto">{eventText(event)}</div>
            <When dateTime={event.createdAt} dir="auto">
              {formatDateTime(event.createdAt, language)}
            </When>
          </Event>
        ))}
      </Events>
    </Section>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ConversationEventView } from '../../conversations/read/conversation-panel.js';
import { intentLabel } from './intent-label.ts';
import { formatDateTime } from './message-format.ts';
import { Value } from './panel-field.tsx';
import { Heading, PanelList, PanelListItem, Section } from './panel-section.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const When = styled.time`
  color: ${themeColor('grey60')};
`;

/** Who did what to the conversation, newest first; the full trail is the audit trail resource. */
export const AuditTrail = ({ events }: { events: ConversationEventView[] }) => {
  const { tm, language } = useConversationText();
  const eventText = (event: ConversationEventView) => {
    const names = (key: string) => (Array.isArray(event.details[key]) ? (event.details[key] as unknown[]).map(String).join(', ') : '');
    const params = {
      actor: event.actor?.name || tm('conversationView.events.system'),
      assignee: event.assigneeName ?? tm('conversationView.events.someone'),
      lead: event.leadName ?? tm('conversationView.events.aLead'),
      intent: typeof event.details.intent === 'string' ? intentLabel(event.details.intent, tm) : '',
      added: names('added'),
      removed: names('removed'),
      kind: event.kind,
      reason: typeof event.details.reason === 'string' ? tm(`assistant.reason.${event.details.reason}`) : '',
    };
    // Taking a conversation oneself reads "Amina took the conversation", not "Amina assigned it to Amina".
    const kind = event.kind === 'assigned' && event.actor && event.actor.id === event.details.assigneeId ? 'assignedSelf' : event.kind;
    const labels = event.kind === 'labels_changed' ? (params.added && params.removed ? '.both' : params.added ? '.added' : '.removed') : '';
    return tm(`conversationView.events.${kind}${labels}`, { ...params, defaultValue: tm('conversationView.events.other', params) });
  };
  return (
    <Section data-testid="audit-trail">
      <Heading>{tm('conversationView.panel.auditTrail')}</Heading>
      {events.length === 0 ? <Value $muted>{tm('conversationView.panel.noEvents')}</Value> : null}
      <PanelList>
        {events.map((event) => (
          <PanelListItem key={event.id} data-testid="audit-event" data-kind={event.kind}>
            <div dir="auto">{eventText(event)}</div>
            <When dateTime={event.createdAt} dir="auto">
              {formatDateTime(event.createdAt, language)}
            </When>
          </PanelListItem>
        ))}
      </PanelList>
    </Section>
  );
};

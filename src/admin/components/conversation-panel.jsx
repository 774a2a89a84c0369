import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { useTranslation } from 'adminjs';
import { RESOURCE_ID, formatDateTime, languageOf } from './conversation-format.jsx';
import { ConversationActions } from './conversation-panel-actions.jsx';
import CustomerText from './customer-text.jsx';
import { Heading, Section } from './conversation-styles.jsx';

// Intents are routing names (school, company…); a host's own rules may add names without a translation.
const intentLabel = (intent, tm) => tm(`intents.${intent}`, RESOURCE_ID, { defaultValue: intent });

// Beside the timeline: who the customer is, what they are to the CRM, the conversation's state,
// the 24-hour window counting down, the workflow buttons and the audit trail.

const Panel = styled.aside`
  display: flex;
  flex-direction: column;
  gap: 12px;
  min-inline-size: 0;
  text-align: start;
`;

const Field = styled.div`
  display: grid;
  grid-template-columns: minmax(90px, 40%) 1fr;
  gap: 8px;
  padding-block: 3px;
  font-size: 13px;
`;

const Name = styled.span`
  color: #6b7280;
`;

const Value = styled.span`
  overflow-wrap: anywhere;
  color: ${({ $muted }) => ($muted ? '#9ca3af' : '#111827')};
`;

const Pill = styled.span`
  display: inline-block;
  padding: 1px 8px;
  border-radius: 10px;
  font-size: 12px;
  font-weight: 600;
  background: ${({ $tone }) => ({ open: '#dcfce7', pending: '#fef3c7', resolved: '#e5e7eb' })[$tone] ?? '#e0e7ff'};
  color: ${({ $tone }) => ({ open: '#166534', pending: '#92400e', resolved: '#374151' })[$tone] ?? '#3730a3'};
`;

const Timer = styled.div`
  font-size: 13px;
  font-weight: 600;
  color: ${({ $open }) => ($open ? '#166534' : '#9d0616')};
`;

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
  border-block-end: 1px solid #f3f4f6;
  &:last-child {
    border-block-end: 0;
  }
`;

const Row = ({ label, children, muted, testId }) => (
  <Field data-testid={testId}>
    <Name>{label}</Name>
    <Value $muted={muted} dir="auto">
      {children}
    </Value>
  </Field>
);

const pad = (n) => String(n).padStart(2, '0');

export const remainingLabel = (ms, tm) => {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0
    ? tm('conversationView.window.hoursMinutes', RESOURCE_ID, { hours, minutes: pad(minutes) })
    : tm('conversationView.window.minutesSeconds', RESOURCE_ID, { minutes, seconds: pad(seconds) });
};

const WindowTimer = ({ window, now }) => {
  const { translateMessage: tm, i18n } = useTranslation();
  const closesAt = window.closesAt ? Date.parse(window.closesAt) : null;
  const remaining = closesAt === null ? 0 : closesAt - now;
  const open = remaining > 0;
  let text;
  if (closesAt === null) text = tm('conversationView.window.neverOpened', RESOURCE_ID);
  else if (open) text = tm('conversationView.window.openFor', RESOURCE_ID, { time: remainingLabel(remaining, tm) });
  else text = tm('conversationView.window.closedSince', RESOURCE_ID, { time: formatDateTime(window.closesAt, languageOf(i18n)) });
  return (
    <Timer $open={open} data-testid="window-timer" data-open={String(open)} role="timer">
      {text}
    </Timer>
  );
};

const eventText = (event, tm) => {
  const actor = event.actor?.name || tm('conversationView.events.system', RESOURCE_ID);
  const params = {
    actor,
    assignee: event.assigneeName ?? tm('conversationView.events.someone', RESOURCE_ID),
    lead: event.leadName ?? tm('conversationView.events.aLead', RESOURCE_ID),
    intent: typeof event.details?.intent === 'string' ? intentLabel(event.details.intent, tm) : '',
    kind: event.kind,
  };
  return tm(`conversationView.events.${event.kind}`, RESOURCE_ID, { ...params, defaultValue: tm('conversationView.events.other', RESOURCE_ID, params) });
};

export const ConversationPanel = ({ record, panel, events, now, onChanged }) => {
  const { translateMessage: tm, i18n } = useTranslation();
  const language = languageOf(i18n);
  if (!panel) return <Panel data-testid="side-panel" />;
  const { contact, crmRecord, lead, assignee } = panel;
  return (
    <Panel data-testid="side-panel">
      <Section>
        <Heading>{tm('conversationView.panel.contact', RESOURCE_ID)}</Heading>
        <Row label={tm('conversationView.panel.name', RESOURCE_ID)} testId="panel-contact-name">
          {contact.name ? <CustomerText text={contact.name} /> : '—'}
        </Row>
        <Row label={tm('conversationView.panel.phone', RESOURCE_ID)} testId="panel-contact-phone">
          <span dir="ltr">{contact.phone ?? '—'}</span>
        </Row>
        <Row label={tm('conversationView.panel.profileName', RESOURCE_ID)} muted={!contact.profileName}>
          {contact.profileName ? <CustomerText text={contact.profileName} /> : '—'}
        </Row>
        {contact.userId && !contact.waId ? <Row label={tm('conversationView.panel.username', RESOURCE_ID)}>{contact.userId}</Row> : null}
        <Row label={tm('conversationView.panel.crmRecord', RESOURCE_ID)} muted={!crmRecord} testId="panel-crm-record">
          {crmRecord ? `${crmRecord.label ?? crmRecord.id ?? ''} (${crmRecord.type})` : tm('conversationView.panel.noCrmRecord', RESOURCE_ID)}
        </Row>
        <Row label={tm('conversationView.panel.lead', RESOURCE_ID)} muted={!lead} testId="panel-lead">
          {lead ? (
            <a href={`${window.REDUX_STATE?.paths?.rootPath ?? '/admin'}/resources/b2b_leads/records/${encodeURIComponent(lead.id)}/show`}>
              {lead.organisationName}
              {lead.contactName ? ` — ${lead.contactName}` : ''}
            </a>
          ) : (
            tm('conversationView.panel.noLead', RESOURCE_ID)
          )}
        </Row>
        <Row label={tm('conversationView.panel.number', RESOURCE_ID)}>
          {panel.account.name}
          {panel.account.displayPhoneNumber ? <span dir="ltr"> ({panel.account.displayPhoneNumber})</span> : null}
        </Row>
      </Section>

      <Section>
        <Heading>{tm('conversationView.panel.window', RESOURCE_ID)}</Heading>
        <WindowTimer window={panel.window} now={now} />
        <div style={{ height: 10 }} />
        <Row label={tm('conversationView.panel.status', RESOURCE_ID)} testId="panel-status">
          <Pill $tone={panel.status}>{tm(`conversationView.conversationStatus.${panel.status}`, RESOURCE_ID, { defaultValue: panel.status })}</Pill>
        </Row>
        <Row label={tm('conversationView.panel.assignee', RESOURCE_ID)} muted={!assignee} testId="panel-assignee">
          {assignee ? assignee.name : tm('conversationView.panel.unassigned', RESOURCE_ID)}
        </Row>
        <Row label={tm('conversationView.panel.intent', RESOURCE_ID)} muted={!panel.intent} testId="panel-intent">
          {panel.intent ? <Pill $tone="intent">{intentLabel(panel.intent, tm)}</Pill> : tm('conversationView.panel.noIntent', RESOURCE_ID)}
        </Row>
        {panel.labels.length ? <Row label={tm('conversationView.panel.labels', RESOURCE_ID)}>{panel.labels.join(', ')}</Row> : null}
      </Section>

      <ConversationActions record={record} panel={panel} onChanged={onChanged} />

      <Section data-testid="audit-trail">
        <Heading>{tm('conversationView.panel.auditTrail', RESOURCE_ID)}</Heading>
        {events.length === 0 ? <Value $muted>{tm('conversationView.panel.noEvents', RESOURCE_ID)}</Value> : null}
        <Events>
          {events.map((event) => (
            <Event key={event.id} data-testid="audit-event" data-kind={event.kind}>
              <div dir="auto">{eventText(event, tm)}</div>
              <time dateTime={event.createdAt} style={{ color: '#9ca3af' }} dir="auto">
                {formatDateTime(event.createdAt, language)}
              </time>
            </Event>
          ))}
        </Events>
      </Section>
    </Panel>
  );
};

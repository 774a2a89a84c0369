import React from 'react';
import { ViewHelpers } from 'adminjs';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { CustomerText } from './customer-text.tsx';
import { PanelField } from './panel-field.tsx';
import { Heading, Section } from './panel-section.ts';
import { useConversationText } from './use-conversation-text.ts';

/** Who the customer is, what they are to the CRM, and the number they wrote to. */
export const PanelContact = ({ panel }: { panel: ConversationPanel }) => {
  const { tm } = useConversationText();
  const { contact, crmRecord, lead, account } = panel;
  return (
    <Section>
      <Heading>{tm('conversationView.panel.contact')}</Heading>
      <PanelField label={tm('conversationView.panel.name')} testId="panel-contact-name">
        {contact.name ? <CustomerText text={contact.name} /> : '—'}
      </PanelField>
      <PanelField label={tm('conversationView.panel.phone')} testId="panel-contact-phone">
        <span dir="ltr">{contact.phone ?? '—'}</span>
      </PanelField>
      <PanelField label={tm('conversationView.panel.profileName')} muted={!contact.profileName}>
        {contact.profileName ? <CustomerText text={contact.profileName} /> : '—'}
      </PanelField>
      {!contact.waId && (contact.username || contact.userId) ? (
        <PanelField label={tm('conversationView.panel.username')} testId="panel-contact-username">
          <CustomerText text={contact.username ?? contact.userId ?? ''} />
        </PanelField>
      ) : null}
      <PanelField label={tm('conversationView.panel.crmRecord')} muted={!crmRecord} testId="panel-crm-record">
        {crmRecord ? (crmRecord.label ?? crmRecord.id ?? '') : tm('conversationView.panel.noCrmRecord')}
      </PanelField>
      <PanelField label={tm('conversationView.panel.lead')} muted={!lead} testId="panel-lead">
        {lead ? (
          <a href={new ViewHelpers().showUrl(RESOURCE_IDS.leads, encodeURIComponent(lead.id))}>
            {lead.organisationName}
            {lead.contactName && lead.contactName !== lead.organisationName ? ` — ${lead.contactName}` : ''}
          </a>
        ) : (
          tm('conversationView.panel.noLead')
        )}
      </PanelField>
      <PanelField label={tm('conversationView.panel.number')}>
        {account.name}
        {account.displayPhoneNumber ? <span dir="ltr"> ({account.displayPhoneNumber})</span> : null}
      </PanelField>
    </Section>
  );
};

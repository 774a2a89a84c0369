import React from 'react';
import type { SharedContactView } from '../../conversations/read/conversation-message-content.js';
import { Card, Label, Muted, Strong } from './content-parts.ts';
import { CustomerText } from './customer-text.tsx';
import { ExternalLink } from './external-link.tsx';
import { useConversationText } from './use-conversation-text.ts';

/** Contact cards the customer shared: names as text, numbers and addresses left to right. */
export const SharedContacts = ({ contacts }: { contacts: SharedContactView[] }) => {
  const { tm } = useConversationText();
  return (
    <>
      {contacts.map((contact, index) => (
        <Card key={index}>
          <Label>{tm('conversationView.kind.contacts')}</Label>
          <Strong dir="auto">{contact.name ? <CustomerText text={contact.name} /> : '—'}</Strong>
          {contact.organisation ? <Muted dir="auto">{contact.organisation}</Muted> : null}
          {contact.phones.map((phone, i) => (
            <div key={`p${i}`}>
              {tm('conversationView.contact.phone')}: <span dir="ltr">{phone.phone ?? phone.waId}</span>
              {phone.type ? <Muted as="span"> ({phone.type})</Muted> : null}
            </div>
          ))}
          {contact.emails.map((email, i) => (
            <div key={`e${i}`}>
              {tm('conversationView.contact.email')}: <span dir="ltr">{email}</span>
            </div>
          ))}
          {contact.urls.map((url, i) => (
            <div key={`u${i}`}>
              {tm('conversationView.contact.web')}: <ExternalLink href={url}>{url}</ExternalLink>
            </div>
          ))}
        </Card>
      ))}
    </>
  );
};

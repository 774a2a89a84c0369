import React from 'react';
import type { MessageContent } from '../../conversations/read/conversation-message-content.js';
import { Card, Label, Muted, Strong } from './content-parts.ts';
import { ExternalLink } from './external-link.tsx';
import { useConversationText } from './use-conversation-text.ts';

/** A shared location: its name and address as text, coordinates left to right, links checked by the server. */
export const LocationCard = ({ content }: { content: Extract<MessageContent, { kind: 'location' }> }) => {
  const { tm } = useConversationText();
  return (
    <Card>
      <Label>{tm('conversationView.kind.location')}</Label>
      {content.name ? <Strong dir="auto">📍 {content.name}</Strong> : null}
      {content.address ? <Muted dir="auto">{content.address}</Muted> : null}
      {content.latitude !== null ? (
        <Muted dir="ltr">
          {content.latitude}, {content.longitude}
        </Muted>
      ) : null}
      {content.mapUrl ? <ExternalLink href={content.mapUrl}>{tm('conversationView.location.openMap')}</ExternalLink> : null}
      {content.url ? (
        <div>
          <ExternalLink href={content.url}>{tm('conversationView.location.link')}</ExternalLink>
        </div>
      ) : null}
    </Card>
  );
};

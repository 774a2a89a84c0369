import React from 'react';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { Card, Label, Muted } from './content-parts.ts';
import { InteractiveContent } from './interactive-content.tsx';
import { LocationCard } from './location-card.tsx';
import { MediaBlock } from './media-block.tsx';
import { MessageBody } from './message-body.tsx';
import { OrderContent } from './order-content.tsx';
import { SharedContacts } from './shared-contacts.tsx';
import { useConversationText } from './use-conversation-text.ts';

/** 95 → 1:35, as a call log shows it. */
function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * What is inside one bubble, for every kind the server describes; other kinds fall back to their
 * text. Every string from the customer is React text; media come from the permission-checked
 * media route; links are http(s) only and open in a new tab.
 */
export const MessageContent = ({ message }: { message: TimelineMessage }) => {
  const { tm } = useConversationText();
  const { content, body } = message;
  switch (content.kind) {
    case 'text':
      return <MessageBody text={body} />;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return <MediaBlock message={message} content={content} />;
    case 'location':
      return <LocationCard content={content} />;
    case 'contacts':
      return <SharedContacts contacts={content.contacts} />;
    case 'interactive':
      return <InteractiveContent content={content} body={body} />;
    case 'button':
      return (
        <Card>
          <Label>{tm('conversationView.kind.button')}</Label>
          <div dir="auto">{content.text ?? body}</div>
        </Card>
      );
    case 'order':
      return <OrderContent content={content} />;
    case 'template':
      return (
        <>
          <Label>{tm('conversationView.template.name', { name: content.name ?? '?', language: content.language ?? '?' })}</Label>
          <MessageBody text={body} />
        </>
      );
    case 'reaction':
      return (
        <Muted>
          {tm('conversationView.kind.reaction')} {content.emoji ?? ''}
        </Muted>
      );
    case 'call':
      return (
        <Card>
          <Label>{tm(`conversationExtras.call.${message.direction}`)}</Label>
          <div>
            {tm(`conversationExtras.call.${content.outcome}`)}
            {content.durationSeconds !== null ? ` · ${formatDuration(content.durationSeconds)}` : ''}
          </div>
        </Card>
      );
    case 'media_placeholder':
      return <Muted>{tm('conversationExtras.mediaPlaceholder')}</Muted>;
    default:
      return <MessageBody text={body} />;
  }
};

import React from 'react';
import { Icon } from '@adminjs/design-system';
import type { InboxRow } from '../../conversations/read/inbox-list.js';
import { CustomerText } from './customer-text.tsx';
import { useConversationText } from './use-conversation-text.ts';

/** What stands for a message without text, and the icon of its kind. */
const KINDS: Record<string, string> = {
  image: 'Image',
  video: 'Video',
  audio: 'Mic',
  document: 'FileText',
  sticker: 'Smile',
  location: 'MapPin',
  contacts: 'User',
  template: 'Clipboard',
  interactive: 'List',
  order: 'ShoppingCart',
};

const TICKS: Record<string, string> = { sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', queued: '🕓', sending: '🕓' };

/** A row's last message in one line: our ticks, an icon for media, the text (or the kind's name), as text only. */
export const RowPreview = ({ message }: { message: InboxRow['lastMessage'] }) => {
  const { tm } = useConversationText();
  if (!message) return <span>{tm('inboxPage.preview.none')}</span>;
  if (message.deleted) return <i>{tm('inboxPage.preview.deleted')}</i>;
  const icon = KINDS[message.type];
  const words =
    message.type === 'reaction'
      ? tm('inboxPage.preview.reaction', { emoji: message.text ?? '' })
      : (message.text ?? message.fileName ?? tm(`inboxPage.preview.${message.type}`, { defaultValue: tm('inboxPage.preview.other') }));
  return (
    <>
      {message.direction === 'outbound' ? (
        <span data-testid="row-ticks" data-status={message.status} aria-label={tm(`conversationView.status.${message.status}`)}>
          {TICKS[message.status] ?? ''}{' '}
        </span>
      ) : null}
      {icon ? <Icon icon={icon} size={13} /> : null} {message.text || message.fileName ? <CustomerText text={words} /> : words}
    </>
  );
};

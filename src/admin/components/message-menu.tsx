import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Icon } from '@adminjs/design-system';
import { EmojiPicker } from './emoji-picker.tsx';
import { themeColor } from './theme-tokens.ts';
import type { ShownMessage } from './timeline-merge.ts';
import { useConversationText } from './use-conversation-text.ts';

/** WhatsApp's quick reactions. */
const QUICK = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

const Menu = styled.div`
  position: relative;
  display: flex;
  gap: 2px;
  align-items: center;
  opacity: 0;
  transition: opacity 0.1s;
  [data-testid='message']:hover &,
  [data-testid='message']:focus-within &,
  &[data-open='true'] {
    opacity: 1;
  }
`;

const Tool = styled.button`
  display: inline-flex;
  align-items: center;
  gap: 3px;
  border: 1px solid ${themeColor('border')};
  background: ${themeColor('white')};
  border-radius: 12px;
  padding: 1px 6px;
  font: inherit;
  font-size: 12px;
  cursor: pointer;
  color: ${themeColor('grey80')};
`;

const Reactions = styled.div`
  position: absolute;
  inset-block-end: calc(100% + 4px);
  inset-inline-start: 0;
  z-index: 10;
  display: flex;
  gap: 2px;
  padding: 4px;
  background: ${themeColor('white')};
  border-radius: 18px;
  box-shadow: ${({ theme }) => theme.shadows.card};
  button {
    border: 0;
    background: none;
    font-size: 20px;
    cursor: pointer;
    border-radius: 50%;
  }
  button[aria-pressed='true'] {
    background: ${themeColor('grey20')};
  }
`;

export interface MessageMenuHandlers {
  onReplyTo: (message: ShownMessage) => void;
  /** An empty emoji takes the business's reaction away. */
  onReact: (message: ShownMessage, emoji: string) => void;
}

/**
 * Under a message that reached WhatsApp: reply to it (quoted), or react (the quick six or any
 * emoji); picking the business's current reaction again takes it away, as on a phone.
 */
export const MessageMenu = ({ message, handlers }: { message: ShownMessage; handlers: MessageMenuHandlers }) => {
  const { tm } = useConversationText();
  const [open, setOpen] = useState<'quick' | 'picker' | null>(null);
  if (!message.wamid || message.pending || message.type === 'reaction') return null;
  const current = message.reactions.find((reaction) => reaction.from === 'agent')?.emoji ?? '';
  const react = (emoji: string) => {
    setOpen(null);
    handlers.onReact(message, emoji === current ? '' : emoji);
  };
  return (
    <Menu data-open={open !== null} data-testid="message-menu">
      <Tool type="button" onClick={() => handlers.onReplyTo(message)} data-testid="message-reply">
        <Icon icon="CornerUpLeft" size={12} /> {tm('composer.reply')}
      </Tool>
      <Tool type="button" onClick={() => setOpen(open ? null : 'quick')} aria-expanded={open !== null} data-testid="message-react">
        <Icon icon="Smile" size={12} /> {tm('composer.react')}
      </Tool>
      {open === 'quick' ? (
        <Reactions role="menu" aria-label={tm('composer.react')}>
          {QUICK.map((emoji) => (
            <button key={emoji} type="button" role="menuitem" aria-pressed={emoji === current} onClick={() => react(emoji)} data-testid="quick-reaction">
              {emoji}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={() => setOpen('picker')} aria-label={tm('composer.moreReactions')} data-testid="more-reactions">
            ＋
          </button>
        </Reactions>
      ) : null}
      {open === 'picker' ? <EmojiPicker onPick={react} onClose={() => setOpen(null)} /> : null}
    </Menu>
  );
};

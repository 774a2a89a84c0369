import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { CustomerText } from './customer-text.tsx';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Quote = styled.button<{ $outbound: boolean }>`
  display: block;
  inline-size: 100%;
  text-align: start;
  border: 0;
  border-inline-start: 3px solid ${({ $outbound }) => ($outbound ? whatsAppColors.ownQuoteBar : whatsAppColors.readTick)};
  background: ${whatsAppColors.quoteTint};
  border-radius: 4px;
  padding: 4px 8px;
  margin-block-end: 4px;
  font: inherit;
  font-size: 12px;
  color: ${themeColor('grey80')};
  cursor: pointer;
  overflow: hidden;
  display: -webkit-box;
  -webkit-line-clamp: 3;
  -webkit-box-orient: vertical;
`;

/** The message this one answers, as a button that scrolls to it; said so when it is not in this conversation. */
export const QuotedMessage = ({ message, onJump }: { message: TimelineMessage; onJump: (messageId: string) => void }) => {
  const { tm } = useConversationText();
  const { quoted } = message;
  if (!message.replyToWamid) return null;
  const who = quoted ? tm(quoted.direction === 'inbound' ? 'conversationView.quoted.customer' : 'conversationView.quoted.agent') : '';
  const what = quoted
    ? (quoted.body ?? quoted.fileName ?? tm(`conversationView.kind.${quoted.type}`, { defaultValue: quoted.type }))
    : tm('conversationView.quoted.missing');
  return (
    <Quote
      type="button"
      $outbound={quoted?.direction === 'outbound'}
      onClick={() => quoted && onJump(quoted.id)}
      disabled={!quoted}
      data-testid="quoted-message"
      dir="auto"
    >
      <strong>{who || tm('conversationView.quoted.label')}</strong> <CustomerText text={what} />
    </Quote>
  );
};

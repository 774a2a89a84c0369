import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { CustomerText } from './customer-text.tsx';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Bar = styled.div`
  display: flex;
  align-items: center;
  gap: 8px;
  background: ${themeColor('white')};
  border-inline-start: 4px solid ${whatsAppColors.ownQuoteBar};
  border-radius: 6px;
  padding: 4px 8px;
  font-size: 13px;
`;

const Quote = styled.div`
  flex: 1;
  min-inline-size: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  color: ${themeColor('grey80')};
`;

const Close = styled.button`
  border: 0;
  background: none;
  color: ${themeColor('grey60')};
  font-size: 18px;
  cursor: pointer;
`;

/** "Replying to …" above the box, as in WhatsApp Web: what is sent next quotes that message. */
export const ReplyTarget = ({ preview, onCancel }: { preview: string; onCancel: () => void }) => {
  const { tm } = useConversationText();
  return (
    <Bar data-testid="reply-target">
      <Quote dir="auto">
        <strong>{tm('composer.replyingTo')}</strong> <CustomerText text={preview} />
      </Quote>
      <Close type="button" onClick={onCancel} aria-label={tm('composer.cancelReplyTo')} title={tm('composer.cancelReplyTo')}>
        ×
      </Close>
    </Bar>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { formatTime } from './message-format.ts';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Notice = styled.div`
  align-self: center;
  margin-block: 6px;
  padding: 4px 12px;
  border-radius: 8px;
  background: ${whatsAppColors.notice};
  color: ${themeColor('grey80')};
  font-size: 12px;
  text-align: center;
  max-inline-size: 80%;
`;

/** What WhatsApp itself says in a conversation (a changed number, a welcome request), centred like WhatsApp does. */
export const SystemNotice = ({ message }: { message: TimelineMessage }) => {
  const { tm, language } = useConversationText();
  const { content } = message;
  const text =
    content.kind === 'system'
      ? tm(`conversationView.system.${content.systemType ?? 'other'}`, { defaultValue: message.body ?? tm('conversationView.system.other') })
      : tm('conversationView.requestWelcome');
  return (
    <Notice dir="auto">
      {text} · {formatTime(message.at, language)}
    </Notice>
  );
};

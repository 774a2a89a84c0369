import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { MessageStatus } from '../../domain/message-status.ts';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { formatDateTime } from './message-format.ts';
import { whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const MARKS: Record<MessageStatus, string> = {
  queued: '🕓',
  sending: '🕓',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
  unknown: '?',
  received: '',
};

const Mark = styled.span<{ $status: MessageStatus }>`
  font-weight: 700;
  letter-spacing: -3px;
  padding-inline-end: 3px;
  color: ${({ $status, theme }) => ($status === 'read' ? whatsAppColors.readTick : $status === 'failed' ? theme.colors.error : theme.colors.grey60)};
`;

/** The ticks of a message of ours; hovering tells when each step happened. */
export const StatusMark = ({ message }: { message: TimelineMessage }) => {
  const { tm, language } = useConversationText();
  const steps = (
    [
      ['sent', message.sentAt],
      ['delivered', message.deliveredAt],
      ['read', message.readAt],
      ['failed', message.failedAt],
    ] as const
  ).flatMap(([status, at]) => (at ? [`${tm(`conversationView.status.${status}`)} ${formatDateTime(at, language)}`] : []));
  const current = tm(`conversationView.status.${message.status}`);
  return (
    <Mark $status={message.status} title={[current, ...steps].join('\n')} aria-label={current} data-testid="status-mark">
      {MARKS[message.status]}
    </Mark>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { FailureDetails } from './failure-details.tsx';
import { MessageContent } from './message-content.tsx';
import { MessageMenu, type MessageMenuHandlers } from './message-menu.tsx';
import { MessageReactions } from './message-reactions.tsx';
import { formatDateTime, formatTime } from './message-format.ts';
import { QuotedMessage } from './quoted-message.tsx';
import { StatusMark } from './status-mark.tsx';
import { SystemNotice } from './system-notice.tsx';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import type { ShownMessage } from './timeline-merge.ts';
import { useConversationText } from './use-conversation-text.ts';

// Inbound on the start side, outbound on the end side (logical properties: the layout mirrors itself in Arabic).

const Row = styled.div<{ $outbound?: boolean }>`
  display: flex;
  flex-direction: column;
  align-items: ${({ $outbound }) => ($outbound ? 'flex-end' : 'flex-start')};
  margin-block: 4px;
`;

const Bubble = styled.div<{ $outbound: boolean; $failed: boolean; $pending: boolean }>`
  position: relative;
  max-inline-size: min(75%, 560px);
  min-inline-size: 96px;
  padding: 6px 10px 4px;
  border-radius: 10px;
  border-start-start-radius: ${({ $outbound }) => ($outbound ? '10px' : '2px')};
  border-start-end-radius: ${({ $outbound }) => ($outbound ? '2px' : '10px')};
  background: ${({ $outbound, $failed, theme }) => ($failed ? theme.colors.errorLight : $outbound ? whatsAppColors.outgoingBubble : theme.colors.white)};
  border: 1px solid ${({ $failed, theme }) => ($failed ? theme.colors.error : whatsAppColors.bubbleEdge)};
  box-shadow: 0 1px 0.5px ${whatsAppColors.bubbleShadow};
  text-align: start;
  color: ${themeColor('grey100')};
  font-size: 14px;
  line-height: 1.4;
  opacity: ${({ $pending }) => ($pending ? 0.7 : 1)};
`;

const Meta = styled.div`
  display: flex;
  justify-content: flex-end;
  align-items: center;
  gap: 6px;
  font-size: 11px;
  color: ${themeColor('grey60')};
  margin-block-start: 2px;
  white-space: nowrap;
`;

// An automatic message says so where a person's name would be.
const Automatic = styled.span`
  font-style: italic;
`;

const Unsupported = styled.div`
  color: ${themeColor('grey60')};
  font-style: italic;
`;

interface TimelineMessageProps {
  message: ShownMessage;
  onJump: (messageId: string) => void;
  onRetried: (messageId: string) => void;
  /** Reply to it, react to it (for those who may answer). */
  menu?: MessageMenuHandlers;
}

// Memoised: the view re-renders every second for the window countdown, its messages need not.
export const TimelineMessage = React.memo(function TimelineMessage({ message, onJump, onRetried, menu }: TimelineMessageProps) {
  const { tm, language } = useConversationText();
  const { content } = message;
  const outbound = message.direction === 'outbound';
  const row = { 'data-testid': 'message', 'data-message-id': message.id, 'data-status': message.status, 'data-direction': message.direction, 'data-kind': content.kind };
  if (content.kind === 'system' || content.kind === 'request_welcome') {
    return (
      <Row {...row}>
        <SystemNotice message={message} />
      </Row>
    );
  }
  const failed = message.status === 'failed';
  return (
    <Row $outbound={outbound} {...row}>
      <Bubble $outbound={outbound} $failed={failed} $pending={Boolean(message.pending)}>
        <QuotedMessage message={message} onJump={onJump} />
        {content.kind === 'unsupported' ? <Unsupported>{tm('conversationView.unsupported', { type: content.originalType })}</Unsupported> : null}
        {message.referredProduct ? <Unsupported dir="auto">{tm('conversationExtras.referredProduct', { product: message.referredProduct.productId })}</Unsupported> : null}
        {message.deletedAt ? <Unsupported data-testid="message-deleted">{tm('conversationExtras.deleted')}</Unsupported> : <MessageContent message={message} />}
        {failed || (content.kind === 'unsupported' && message.error) ? <FailureDetails message={message} onRetried={onRetried} /> : null}
        <Meta>
          {message.automation ? <Automatic data-testid="automatic-mark">{tm(`automation.message.${message.automation}`)}</Automatic> : null}
          {outbound && message.origin ? <span>{tm('conversationExtras.businessApp')}</span> : null}
          {outbound && !message.origin && message.sentBy?.name ? <span dir="auto">{message.sentBy.name}</span> : null}
          {message.editedAt && !message.deletedAt ? (
            <span data-testid="message-edited" title={message.editHistory.map((version) => version.body ?? '').join('\n')}>
              {tm('conversationExtras.edited')}
            </span>
          ) : null}
          <time dateTime={message.at} title={formatDateTime(message.at, language)} dir="auto">
            {formatTime(message.at, language)}
          </time>
          {outbound ? <StatusMark message={message} /> : null}
        </Meta>
      </Bubble>
      <MessageReactions reactions={message.reactions} />
      {menu ? <MessageMenu message={message} handlers={menu} /> : null}
    </Row>
  );
});

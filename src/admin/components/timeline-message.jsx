import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { RESOURCE_ID, formatDateTime, formatTime, languageOf } from './conversation-format.jsx';
import CustomerText from './customer-text.jsx';
import { MessageContent } from './timeline-content.jsx';

const api = new ApiClient();

// One message of the timeline. Inbound on the start side, outbound on the end side (logical
// properties: the layout mirrors itself in Arabic).

const Row = styled.div`
  display: flex;
  flex-direction: column;
  align-items: ${({ $outbound }) => ($outbound ? 'flex-end' : 'flex-start')};
  margin-block: 4px;
`;

const Bubble = styled.div`
  position: relative;
  max-inline-size: min(75%, 560px);
  min-inline-size: 96px;
  padding: 6px 10px 4px;
  border-radius: 10px;
  border-start-start-radius: ${({ $outbound }) => ($outbound ? '10px' : '2px')};
  border-start-end-radius: ${({ $outbound }) => ($outbound ? '2px' : '10px')};
  background: ${({ $outbound, $failed }) => ($failed ? '#fdecee' : $outbound ? '#d9fdd3' : '#ffffff')};
  border: 1px solid ${({ $failed }) => ($failed ? '#f5b5bd' : 'rgba(0, 0, 0, 0.06)')};
  box-shadow: 0 1px 0.5px rgba(11, 20, 26, 0.13);
  text-align: start;
  color: #111b21;
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
  color: #667781;
  margin-block-start: 2px;
  white-space: nowrap;
`;

const Mark = styled.span`
  font-weight: 700;
  letter-spacing: -3px;
  padding-inline-end: 3px;
  color: ${({ $status }) => ($status === 'read' ? '#53bdeb' : $status === 'failed' ? '#c20012' : '#667781')};
`;

const Quote = styled.button`
  display: block;
  inline-size: 100%;
  text-align: start;
  border: 0;
  border-inline-start: 3px solid ${({ $outbound }) => ($outbound ? '#06cf9c' : '#53bdeb')};
  background: rgba(0, 0, 0, 0.05);
  border-radius: 4px;
  padding: 4px 8px;
  margin-block-end: 4px;
  font: inherit;
  font-size: 12px;
  color: #3b4a54;
  cursor: pointer;
  overflow: hidden;
  display: -webkit-box;
  -webkit-line-clamp: 3;
  -webkit-box-orient: vertical;
`;

const Reactions = styled.div`
  display: flex;
  gap: 2px;
  margin-block-start: -6px;
  margin-inline: 8px;
  z-index: 1;
`;

const Reaction = styled.span`
  background: #fff;
  border: 1px solid #e5e7eb;
  border-radius: 12px;
  padding: 0 6px;
  font-size: 14px;
  box-shadow: 0 1px 1px rgba(0, 0, 0, 0.08);
`;

const Failure = styled.div`
  margin-block-start: 6px;
  padding: 6px 8px;
  border-radius: 6px;
  background: #fff5f5;
  border: 1px solid #f5b5bd;
  color: #9d0616;
  font-size: 12px;
  white-space: pre-wrap;
  text-align: start;
`;

const RetryButton = styled.button`
  margin-block-start: 6px;
  border: 1px solid #c20012;
  color: #c20012;
  background: #fff;
  border-radius: 4px;
  padding: 2px 10px;
  font-size: 12px;
  cursor: pointer;
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

const Notice = styled.div`
  align-self: center;
  margin-block: 6px;
  padding: 4px 12px;
  border-radius: 8px;
  background: #fff8d6;
  color: #54656f;
  font-size: 12px;
  text-align: center;
  max-inline-size: 80%;
`;

const MARKS = { queued: '🕓', sending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', unknown: '?' };

const StatusMark = ({ message }) => {
  const { translateMessage: tm, i18n } = useTranslation();
  const language = languageOf(i18n);
  const steps = [
    ['sent', message.sentAt],
    ['delivered', message.deliveredAt],
    ['read', message.readAt],
    ['failed', message.failedAt],
  ]
    .filter(([, at]) => at)
    .map(([status, at]) => `${tm(`conversationView.status.${status}`, RESOURCE_ID)} ${formatDateTime(at, language)}`);
  const title = [tm(`conversationView.status.${message.status}`, RESOURCE_ID), ...steps].join('\n');
  return (
    <Mark $status={message.status} title={title} aria-label={tm(`conversationView.status.${message.status}`, RESOURCE_ID)} data-testid="status-mark">
      {MARKS[message.status] ?? ''}
    </Mark>
  );
};

const FailureDetails = ({ message, onRetried }) => {
  const { translateMessage: tm } = useTranslation();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);
  const { error } = message;
  const explanation = error?.explanationKey ? tm(error.explanationKey, RESOURCE_ID, { defaultValue: '' }) : '';
  const meta = error?.title
    ? tm(error.code !== null ? 'conversationView.failure.meta' : 'conversationView.failure.metaNoCode', RESOURCE_ID, { title: error.title, code: error.code })
    : '';
  const retry = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: 'whatsapp_messages', recordId: message.id, actionName: 'retry', method: 'post', data: new FormData() });
      if (response.data.notice) addNotice({ ...response.data.notice, resourceId: 'whatsapp_messages' });
      onRetried(message.id);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {explanation || meta || error?.details ? (
        <Failure data-testid="message-error">
          {[explanation, meta, error?.details].filter(Boolean).map((line, index) => (
            <div key={index} dir="auto">
              {line}
            </div>
          ))}
        </Failure>
      ) : null}
      {message.direction === 'outbound' && message.status === 'failed' ? (
        <RetryButton type="button" onClick={retry} disabled={busy} data-testid="message-retry">
          {tm('conversationView.failure.retry', RESOURCE_ID)}
        </RetryButton>
      ) : null}
    </>
  );
};

const QuotedMessage = ({ message, onJump }) => {
  const { translateMessage: tm } = useTranslation();
  const { quoted } = message;
  if (!message.replyToWamid) return null;
  const who = quoted ? tm(quoted.direction === 'inbound' ? 'conversationView.quoted.customer' : 'conversationView.quoted.agent', RESOURCE_ID) : '';
  const what = quoted
    ? quoted.body ?? quoted.fileName ?? tm(`conversationView.kind.${quoted.type}`, RESOURCE_ID, { defaultValue: quoted.type })
    : tm('conversationView.quoted.missing', RESOURCE_ID);
  return (
    <Quote
      type="button"
      $outbound={quoted?.direction === 'outbound'}
      onClick={() => quoted && onJump(quoted.id)}
      disabled={!quoted}
      data-testid="quoted-message"
      dir="auto"
    >
      <strong>{who || tm('conversationView.quoted.label', RESOURCE_ID)}</strong> <CustomerText text={what} />
    </Quote>
  );
};

// Memoised: the view re-renders every second for the window countdown, its messages need not.
export const TimelineMessage = React.memo(function TimelineMessage({ message, onJump, onRetried }) {
  const { translateMessage: tm, i18n } = useTranslation();
  const outbound = message.direction === 'outbound';
  const common = {
    'data-testid': 'message',
    'data-message-id': message.id,
    'data-status': message.status,
    'data-direction': message.direction,
    'data-kind': message.content.kind,
  };
  if (message.content.kind === 'system' || message.content.kind === 'request_welcome') {
    const text =
      message.content.kind === 'request_welcome'
        ? tm('conversationView.requestWelcome', RESOURCE_ID)
        : tm(`conversationView.system.${message.content.systemType ?? 'other'}`, RESOURCE_ID, { defaultValue: message.body ?? tm('conversationView.system.other', RESOURCE_ID) });
    return (
      <Row {...common}>
        <Notice dir="auto">
          {text} · {formatTime(message.at, languageOf(i18n))}
        </Notice>
      </Row>
    );
  }
  const failed = message.status === 'failed';
  const unsupported = message.content.kind === 'unsupported';
  return (
    <Row $outbound={outbound} {...common}>
      <Bubble $outbound={outbound} $failed={failed} $pending={message.pending}>
        <QuotedMessage message={message} onJump={onJump} />
        {unsupported ? (
          <div style={{ color: '#6b7280', fontStyle: 'italic' }}>
            {tm('conversationView.unsupported', RESOURCE_ID, { type: message.content.originalType })}
          </div>
        ) : null}
        <MessageContent message={message} />
        {failed || (unsupported && message.error) ? <FailureDetails message={message} onRetried={onRetried} /> : null}
        <Meta>
          {outbound && message.sentBy?.name ? <span dir="auto">{message.sentBy.name}</span> : null}
          <time dateTime={message.at} title={formatDateTime(message.at, languageOf(i18n))} dir="auto">
            {formatTime(message.at, languageOf(i18n))}
          </time>
          {outbound ? <StatusMark message={message} /> : null}
        </Meta>
      </Bubble>
      {message.reactions.length ? (
        <Reactions data-testid="reactions" aria-label={tm('conversationView.reactions', RESOURCE_ID)}>
          {message.reactions.map((reaction, index) => (
            <Reaction key={index} title={tm(`conversationView.reactionFrom.${reaction.from}`, RESOURCE_ID, { defaultValue: '' })} data-testid="reaction">
              {reaction.emoji}
            </Reaction>
          ))}
        </Reactions>
      ) : null}
    </Row>
  );
});

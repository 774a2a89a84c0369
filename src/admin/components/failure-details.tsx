import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { useNotice } from 'adminjs';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { formData, recordAction } from './action-client.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Failure = styled.div`
  margin-block-start: 6px;
  padding: 6px 8px;
  border-radius: 6px;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('errorLight')};
  color: ${themeColor('errorDark')};
  font-size: 12px;
  white-space: pre-wrap;
  text-align: start;
`;

const RetryButton = styled.button`
  margin-block-start: 6px;
  border: 1px solid ${themeColor('error')};
  color: ${themeColor('error')};
  background: ${themeColor('white')};
  border-radius: 4px;
  padding: 2px 10px;
  font-size: 12px;
  cursor: pointer;
  &:disabled {
    opacity: 0.5;
    cursor: default;
  }
`;

/** Why a message failed (our explanation, Meta's title and code, its details), and a retry for ours. */
export const FailureDetails = ({ message, onRetried }: { message: TimelineMessage; onRetried: (messageId: string) => void }) => {
  const { tm } = useConversationText();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);
  const { error } = message;
  const explanation = error?.explanationKey ? tm(error.explanationKey, { defaultValue: '' }) : '';
  const meta = error?.title ? tm(error.code !== null ? 'conversationView.failure.meta' : 'conversationView.failure.metaNoCode', { title: error.title, code: error.code }) : '';
  const lines = [explanation, meta, error?.details].filter((line): line is string => Boolean(line));
  const retry = async () => {
    setBusy(true);
    try {
      const resourceId = RESOURCE_IDS.messages;
      const answer = await recordAction({ resourceId, recordId: message.id, actionName: 'retry', method: 'post', data: formData({}) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId });
      onRetried(message.id);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {lines.length ? (
        <Failure data-testid="message-error">
          {lines.map((line, index) => (
            <div key={index} dir="auto">
              {line}
            </div>
          ))}
        </Failure>
      ) : null}
      {message.direction === 'outbound' && message.status === 'failed' ? (
        <RetryButton type="button" onClick={retry} disabled={busy} data-testid="message-retry">
          {tm('conversationView.failure.retry')}
        </RetryButton>
      ) : null}
    </>
  );
};

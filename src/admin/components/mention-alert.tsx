import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { rootPath } from './admin-paths.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';
import { useMentions } from './use-mentions.ts';

const Toast = styled.div`
  position: fixed;
  inset-block-end: 24px;
  inset-inline-end: 24px;
  z-index: 100;
  display: flex;
  align-items: center;
  gap: 12px;
  max-inline-size: 360px;
  padding: 10px 14px;
  background: ${themeColor('grey100')};
  color: ${themeColor('white')};
  border-radius: 8px;
  box-shadow: ${({ theme }) => theme.shadows.card};
  font-size: 14px;
  a {
    color: ${themeColor('primary20')};
    font-weight: 600;
  }
  button {
    border: 0;
    background: none;
    color: inherit;
    font-size: 18px;
    cursor: pointer;
  }
`;

const Count = styled.a`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 1px 8px;
  border-radius: 10px;
  background: ${themeColor('primary100')};
  color: ${themeColor('white')};
  font-size: 12px;
  font-weight: 600;
  text-decoration: none;
`;

const conversationUrl = (id: string) => `${rootPath()}/resources/${RESOURCE_IDS.conversations}/records/${encodeURIComponent(id)}/show`;

/**
 * The agent's unseen @mentions: a count that opens the list of mentions, and a notice the moment
 * a colleague mentions them, with a link to the conversation.
 */
export const MentionAlert = ({ conversationId }: { conversationId?: string }) => {
  const { tm } = useConversationText();
  const { count, latest, dismiss } = useMentions();
  return (
    <>
      {count ? (
        <Count href={`${rootPath()}/resources/${RESOURCE_IDS.mentions}`} data-testid="mention-count" title={tm('composer.mentions.count', { count })}>
          @ {count}
        </Count>
      ) : null}
      {latest?.conversationId ? (
        <Toast role="status" data-testid="mention-toast">
          <span>{tm('composer.mentions.new')}</span>
          {latest.conversationId !== conversationId ? <a href={conversationUrl(latest.conversationId)}>{tm('composer.mentions.open')}</a> : null}
          <button type="button" onClick={dismiss} aria-label={tm('composer.mentions.dismiss')}>
            ×
          </button>
        </Toast>
      ) : null}
    </>
  );
};

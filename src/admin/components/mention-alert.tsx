import React, { useEffect } from 'react';
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

/** Long enough to read and click; the count stays. */
const SHOWN_FOR_MS = 12_000;

const conversationUrl = (id: string) => `${rootPath()}/resources/${RESOURCE_IDS.conversations}/records/${encodeURIComponent(id)}/show`;

/** The agent's unseen @mentions, as a count that opens the list of them. */
export const MentionCount = () => {
  const { tm } = useConversationText();
  const { count } = useMentions();
  if (!count) return null;
  return (
    <Count href={`${rootPath()}/resources/${RESOURCE_IDS.mentions}`} data-testid="mention-count" title={tm('composer.mentions.count', { count })}>
      @ {count}
    </Count>
  );
};

/** A notice the moment a colleague mentions the agent, with a link to the conversation when it is another one. */
export const MentionAlert = ({ conversationId }: { conversationId?: string }) => {
  const { tm } = useConversationText();
  const { latest, dismiss } = useMentions();
  useEffect(() => {
    if (!latest) return undefined;
    const timer = setTimeout(dismiss, SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [latest]);
  return (
    <>
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

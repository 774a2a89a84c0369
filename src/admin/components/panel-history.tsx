import React, { useEffect, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { ViewHelpers } from 'adminjs';
import type { EarlierConversation } from '../../conversations/read/earlier-conversations.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { EarlierConversationsAnswer } from '../resources/conversation-view-actions.js';
import { recordAction } from './action-client.ts';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime } from './message-format.ts';
import { Value } from './panel-field.tsx';
import { Heading, PanelList, PanelListItem, Section } from './panel-section.ts';
import { StatusPill } from './status-pill.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Item = styled(PanelListItem)`
  & > a {
    display: flex;
    gap: 6px;
    align-items: center;
    color: ${themeColor('primary100')};
    text-decoration: none;
  }
`;

const Opening = styled.div`
  color: ${themeColor('grey80')};
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
`;

/** Where another conversation opens: in the Inbox page when the panel is shown there, else its own page. */
const hrefOf = (conversationId: string): string => {
  if (window.location.pathname.includes('/resources/')) return new ViewHelpers().showUrl(RESOURCE_IDS.conversations, conversationId);
  return `${window.location.pathname}?conversation=${encodeURIComponent(conversationId)}`;
};

/** The customer's other conversations (on this number and the others), newest first: what was said before. */
export const PanelHistory = ({ conversationId }: { conversationId: string }) => {
  const { tm, language } = useConversationText();
  const [conversations, setConversations] = useState<EarlierConversation[] | null>(null);
  useEffect(() => {
    let current = true;
    recordAction<EarlierConversationsAnswer>({ resourceId: RESOURCE_IDS.conversations, recordId: conversationId, actionName: 'earlierConversations' })
      .then((answer) => current && setConversations(answer.conversations ?? []))
      .catch(() => current && setConversations([]));
    return () => {
      current = false;
    };
  }, [conversationId]);
  if (!conversations) return null;
  return (
    <Section data-testid="panel-history">
      <Heading>{tm('conversationView.panel.history')}</Heading>
      {conversations.length === 0 ? <Value $muted>{tm('conversationView.panel.noHistory')}</Value> : null}
      <PanelList>
        {conversations.map((conversation) => (
          <Item key={conversation.id} data-testid="history-conversation">
            <a href={hrefOf(conversation.id)}>
              <StatusPill $tone={conversation.status}>{tm(`conversationView.conversationStatus.${conversation.status}`)}</StatusPill>
              <span>{formatDateTime(conversation.lastMessageAt ?? conversation.startedAt, language)}</span>
              <span>· {conversation.number}</span>
            </a>
            {conversation.opening ? (
              <Opening>
                <CustomerText text={conversation.opening} />
              </Opening>
            ) : null}
          </Item>
        ))}
      </PanelList>
    </Section>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Reactions = styled.div`
  display: flex;
  gap: 2px;
  margin-block-start: -6px;
  margin-inline: 8px;
  z-index: 1;
`;

const Reaction = styled.span`
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('border')};
  border-radius: 12px;
  padding: 0 6px;
  font-size: 14px;
  box-shadow: ${({ theme }) => theme.shadows.card};
`;

/** The emoji reactions under a bubble, each saying who reacted. */
export const MessageReactions = ({ reactions }: { reactions: TimelineMessage['reactions'] }) => {
  const { tm } = useConversationText();
  if (!reactions.length) return null;
  return (
    <Reactions data-testid="reactions" aria-label={tm('conversationView.reactions')}>
      {reactions.map((reaction, index) => (
        <Reaction key={index} title={tm(`conversationView.reactionFrom.${reaction.from}`, { defaultValue: '' })} data-testid="reaction">
          {reaction.emoji}
        </Reaction>
      ))}
    </Reactions>
  );
};

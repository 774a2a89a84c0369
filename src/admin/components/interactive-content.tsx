import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { MessageContent } from '../../conversations/read/conversation-message-content.js';
import { Card, Label, Muted } from './content-parts.ts';
import { MessageBody } from './message-body.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Options = styled(Label)`
  margin-block-start: 6px;
`;

const Chips = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-block-start: 4px;
`;

const Chip = styled.span`
  border: 1px solid ${themeColor('primary40')};
  border-radius: 12px;
  padding: 1px 8px;
  font-size: 12px;
`;

const REPLY_KEYS: Record<string, string> = {
  button_reply: 'conversationView.interactive.buttonReply',
  list_reply: 'conversationView.interactive.listReply',
  nfm_reply: 'conversationView.interactive.flowReply',
};

/** A customer's answer to buttons, a list or a Flow; or the choices a message of ours offered. */
export const InteractiveContent = ({ content, body }: { content: Extract<MessageContent, { kind: 'interactive' }>; body: string | null }) => {
  const { tm } = useConversationText();
  const replyKey = REPLY_KEYS[content.interactiveType];
  if (!replyKey) {
    return (
      <>
        <MessageBody text={content.title ?? body} />
        {content.options.length ? (
          <>
            <Options>{tm('conversationView.interactive.sent')}</Options>
            <Chips>
              {content.options.map((option, i) => (
                <Chip key={i} dir="auto">
                  {option}
                </Chip>
              ))}
            </Chips>
          </>
        ) : null}
      </>
    );
  }
  return (
    <Card>
      <Label>{tm('conversationView.kind.interactive')}</Label>
      <div dir="auto">{tm(replyKey, { title: content.title ?? '' })}</div>
      {content.description ? <Muted dir="auto">{content.description}</Muted> : null}
      {content.answers.map((answer) => (
        <div key={answer.key} dir="auto">
          <strong>{answer.key}</strong>: {answer.value}
        </div>
      ))}
    </Card>
  );
};

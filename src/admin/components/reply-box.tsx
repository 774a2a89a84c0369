import React, { useState, type KeyboardEvent } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import type { RecordJSON } from 'adminjs';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { ReplyText } from './reply-text.tsx';
import { TemplatePicker } from './template-picker.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';
import { useReply } from './use-reply.ts';

const Box = styled.div`
  border-block-start: 1px solid ${themeColor('border')};
  background: ${themeColor('grey20')};
  padding: 10px 12px;
  display: flex;
  flex-direction: column;
  gap: 8px;
`;

const Line = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 8px;
`;

const Note = styled.div<{ $warning?: boolean }>`
  font-size: 13px;
  color: ${({ $warning, theme }) => ($warning ? theme.colors.warning : theme.colors.grey60)};
`;

const Toggle = styled.button`
  align-self: flex-start;
  border: 0;
  background: none;
  color: ${themeColor('primary100')};
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  padding: 0;
`;

interface ReplyBoxProps extends PendingCallbacks {
  record: RecordJSON;
  panel: ConversationPanel | null;
  windowOpen: boolean;
}

/** Free text inside the 24-hour window, a template outside it (or when the agent prefers one). Enter sends, Shift+Enter adds a line. */
export const ReplyBox = ({ record, panel, windowOpen, ...callbacks }: ReplyBoxProps) => {
  const { tm } = useConversationText();
  const reply = useReply(record.id, callbacks);
  const [templateMode, setTemplateMode] = useState(false);
  const available = new Set(record.recordActions.map((action) => action.name));
  const canReply = available.has('reply');
  const canTemplate = available.has('sendTemplate');
  if (!panel) return null;
  if (!canReply && !canTemplate) {
    return (
      <Box>
        <Note>{tm('conversationView.reply.notAllowed')}</Note>
      </Box>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void reply.send();
    }
  };
  return (
    <Box data-testid="reply-box">
      {!windowOpen && canReply ? <Note $warning>{tm(panel.window.closesAt ? 'conversationView.reply.windowClosed' : 'conversationView.reply.neverWrote')}</Note> : null}
      {canTemplate && (templateMode || !windowOpen || !canReply) ? (
        <TemplatePicker recordId={record.id} preferredLanguage={panel.templateLanguage} {...callbacks} />
      ) : (
        <Line>
          <ReplyText
            ref={reply.input}
            rows={1}
            dir="auto"
            value={reply.text}
            onChange={(event) => reply.setText(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder={tm('conversationView.reply.placeholder')}
            aria-label={tm('conversationView.reply.placeholder')}
            data-testid="reply-text"
          />
          <Button variant="contained" type="button" onClick={() => void reply.send()} disabled={reply.busy || !reply.text.trim()} data-testid="reply-send">
            {tm('conversationView.reply.send')}
          </Button>
        </Line>
      )}
      {canReply && canTemplate && windowOpen ? (
        <Toggle type="button" onClick={() => setTemplateMode(!templateMode)} data-testid="reply-mode">
          {tm(templateMode ? 'conversationView.reply.useText' : 'conversationView.reply.useTemplate')}
        </Toggle>
      ) : null}
    </Box>
  );
};

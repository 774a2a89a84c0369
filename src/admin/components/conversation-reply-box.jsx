import React, { useEffect, useRef, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { RESOURCE_ID } from './conversation-format.jsx';
import { TemplatePicker } from './conversation-template-picker.jsx';

const api = new ApiClient();

// Free text inside the 24-hour window, a template outside it (or when the agent prefers one).
// Enter sends, Shift+Enter adds a line; a refused send keeps what was typed.

const Box = styled.div`
  border-block-start: 1px solid #e5e7eb;
  background: #f0f2f5;
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

const Text = styled.textarea`
  flex: 1;
  resize: none;
  box-sizing: border-box;
  min-block-size: 42px;
  max-block-size: 160px;
  padding: 10px 12px;
  border: 1px solid #d1d5db;
  border-radius: 8px;
  font: inherit;
  font-size: 14px;
  line-height: 1.4;
  text-align: start;
  background: #fff;
  &:focus {
    outline: 2px solid #99a9ee;
  }
`;

const Note = styled.div`
  font-size: 13px;
  color: ${({ $warning }) => ($warning ? '#a14f17' : '#6b7280')};
`;

const Toggle = styled.button`
  align-self: flex-start;
  border: 0;
  background: none;
  color: #3040d6;
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  padding: 0;
`;

export const ReplyBox = ({ record, panel, windowOpen, onSending, onQueued, onRefused }) => {
  const { translateMessage: tm } = useTranslation();
  const addNotice = useNotice();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [templateMode, setTemplateMode] = useState(false);
  const input = useRef(null);
  const available = new Set((record?.recordActions ?? []).map((action) => action.name));
  const canReply = available.has('reply');
  const canTemplate = available.has('sendTemplate');
  const showTemplates = canTemplate && (templateMode || !windowOpen || !canReply);

  // The box grows with what is typed, up to a few lines.
  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.style.height = 'auto';
    field.style.height = `${Math.min(field.scrollHeight + 2, 160)}px`;
  }, [text, showTemplates]);

  if (!panel) return null;
  if (!canReply && !canTemplate) return <Box><Note>{tm('conversationView.reply.notAllowed', RESOURCE_ID)}</Note></Box>;

  const send = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    const pendingId = onSending({ type: 'text', body, content: { kind: 'text' } });
    try {
      const data = new FormData();
      data.set('text', body);
      const response = await api.recordAction({ resourceId: RESOURCE_ID, recordId: record.id, actionName: 'reply', method: 'post', data });
      const notice = response.data.notice;
      if (notice?.type === 'error') {
        addNotice({ ...notice, resourceId: RESOURCE_ID });
        onRefused(pendingId);
      } else {
        setText('');
        onQueued(pendingId);
      }
    } catch (error) {
      onRefused(pendingId);
      throw error;
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const closedNote = panel?.window?.closesAt ? 'conversationView.reply.windowClosed' : 'conversationView.reply.neverWrote';
  return (
    <Box data-testid="reply-box">
      {!windowOpen && canReply ? <Note $warning>{tm(closedNote, RESOURCE_ID)}</Note> : null}
      {showTemplates ? (
        <TemplatePicker recordId={record.id} preferredLanguage={panel?.templateLanguage} onSending={onSending} onQueued={onQueued} onRefused={onRefused} />
      ) : (
        <Line>
          <Text
            ref={input}
            rows={1}
            dir="auto"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder={tm('conversationView.reply.placeholder', RESOURCE_ID)}
            aria-label={tm('conversationView.reply.placeholder', RESOURCE_ID)}
            data-testid="reply-text"
          />
          <Button variant="contained" type="button" onClick={send} disabled={busy || !text.trim()} data-testid="reply-send">
            {tm('conversationView.reply.send', RESOURCE_ID)}
          </Button>
        </Line>
      )}
      {canReply && canTemplate && windowOpen ? (
        <Toggle type="button" onClick={() => setTemplateMode(!templateMode)} data-testid="reply-mode">
          {tm(templateMode ? 'conversationView.reply.useText' : 'conversationView.reply.useTemplate', RESOURCE_ID)}
        </Toggle>
      ) : null}
    </Box>
  );
};

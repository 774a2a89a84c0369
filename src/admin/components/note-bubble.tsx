import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Icon } from '@adminjs/design-system';
import type { NoteView } from '../../conversations/read/conversation-notes.js';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime, formatTime } from './message-format.ts';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Row = styled.div`
  display: flex;
  justify-content: center;
  margin-block: 6px;
`;

// Visibly not a WhatsApp bubble: full width, the notice yellow, a dashed edge, a lock.
const Note = styled.div`
  inline-size: min(90%, 620px);
  background: ${whatsAppColors.notice};
  border: 1px dashed ${themeColor('warning')};
  border-radius: 8px;
  padding: 6px 10px;
  font-size: 14px;
  line-height: 1.4;
  text-align: start;
`;

const Label = styled.div`
  display: flex;
  justify-content: space-between;
  gap: 8px;
  font-size: 11px;
  font-weight: 600;
  color: ${themeColor('warning')};
  margin-block-end: 2px;
`;

const Body = styled.div`
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

const Mention = styled.strong`
  color: ${themeColor('primary100')};
`;

/** The note's text with its @mentions picked out (names of agents it really mentions), as text only. */
const withMentions = (body: string, names: string[]) => {
  if (!names.length) return [<CustomerText key={0} text={body} />];
  const pattern = new RegExp(`(@(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`, 'g');
  return body.split(pattern).map((part, i) => (i % 2 === 1 ? <Mention key={i}>{part}</Mention> : <CustomerText key={i} text={part} />));
};

/** A private note in the thread: for colleagues only, never sent, and drawn so nobody mistakes it for a message. */
export const NoteBubble = React.memo(function NoteBubble({ note }: { note: NoteView }) {
  const { tm, language } = useConversationText();
  return (
    <Row data-testid="note" data-note-id={note.id}>
      <Note dir="auto">
        <Label>
          <span>
            <Icon icon="Lock" size={11} /> {tm('composer.note.label', { author: note.author?.name ?? tm('composer.note.someone') })}
          </span>
          <time dateTime={note.createdAt} title={formatDateTime(note.createdAt, language)}>
            {formatTime(note.createdAt, language)}
          </time>
        </Label>
        <Body>{withMentions(note.body, note.mentions.map((mention) => mention.name))}</Body>
      </Note>
    </Row>
  );
});

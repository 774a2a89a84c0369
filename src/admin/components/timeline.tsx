import React, { type RefObject } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Loader } from '@adminjs/design-system';
import { DaySeparator } from './day-separator.tsx';
import { dayKey } from './message-format.ts';
import { themeColor } from './theme-tokens.ts';
import type { ShownMessage } from './timeline-merge.ts';
import { TimelineMessage } from './timeline-message.tsx';
import { threadEntries } from './thread-entries.ts';
import { NoteBubble } from './note-bubble.tsx';
import type { MessageMenuHandlers } from './message-menu.tsx';
import type { NoteView } from '../../conversations/read/conversation-notes.js';
import { useConversationText } from './use-conversation-text.ts';

const Scroller = styled.div`
  flex: 1;
  overflow-y: auto;
  padding: 12px 16px;
`;

const Older = styled.button`
  display: block;
  margin: 4px auto 10px;
  border: 1px solid ${themeColor('grey40')};
  background: ${themeColor('white')};
  border-radius: 14px;
  padding: 3px 14px;
  font: inherit;
  font-size: 12px;
  color: ${themeColor('primary100')};
  cursor: pointer;
  &:disabled {
    color: ${themeColor('grey60')};
    cursor: default;
  }
`;

const Hint = styled.div`
  text-align: center;
  color: ${themeColor('grey60')};
  font-size: 12px;
  margin-block: 8px;
`;

interface TimelineProps {
  messages: ShownMessage[];
  /** Private notes, shown among the messages at their time. */
  notes: NoteView[];
  menu?: MessageMenuHandlers;
  loaded: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  scroller: RefObject<HTMLDivElement>;
  onScroll: () => void;
  onJump: (messageId: string) => void;
  onRetried: (messageId: string) => void;
}

/** The messages, oldest first, with a separator where a day starts; older pages load at the top. */
export const Timeline = ({ messages, notes, menu, loaded, hasMore, loadingOlder, onLoadOlder, scroller, onScroll, onJump, onRetried }: TimelineProps) => {
  const { tm } = useConversationText();
  const entries = threadEntries(messages, notes, hasMore);
  return (
    <Scroller ref={scroller} onScroll={onScroll} data-testid="timeline" aria-busy={!loaded}>
      {!loaded ? <Loader /> : null}
      {loaded && hasMore ? (
        <Older type="button" onClick={onLoadOlder} disabled={loadingOlder} data-testid="load-older">
          {tm(loadingOlder ? 'conversationView.loadingOlder' : 'conversationView.loadOlder')}
        </Older>
      ) : null}
      {loaded && !hasMore && messages.length ? <Hint>{tm('conversationView.beginning')}</Hint> : null}
      {loaded && !messages.length ? <Hint>{tm('conversationView.empty')}</Hint> : null}
      {entries.map((entry, index) => (
        <React.Fragment key={entry.id}>
          {index === 0 || dayKey(entries[index - 1]!.at) !== dayKey(entry.at) ? <DaySeparator at={entry.at} /> : null}
          {entry.note ? <NoteBubble note={entry.note} /> : <TimelineMessage message={entry.message!} onJump={onJump} onRetried={onRetried} menu={menu} />}
        </React.Fragment>
      ))}
    </Scroller>
  );
};

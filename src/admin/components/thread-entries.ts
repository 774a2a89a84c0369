import type { NoteView } from '../../conversations/read/conversation-notes.js';
import type { ShownMessage } from './timeline-merge.ts';

/** One line of the thread: a message, or a private note, at its time. */
export interface ThreadEntry {
  id: string;
  at: string;
  message?: ShownMessage;
  note?: NoteView;
}

/**
 * The messages in their order, each note placed before the first message that came after it.
 * While older messages are still to be loaded, notes older than the first message shown wait with
 * them (they would otherwise sit above messages not shown yet). Messages being sent stay last.
 */
export function threadEntries(messages: ShownMessage[], notes: NoteView[], hasMore: boolean): ThreadEntry[] {
  const from = hasMore && messages.length ? messages[0]!.at : '';
  const waiting = notes.filter((note) => note.createdAt >= from).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const entries: ThreadEntry[] = [];
  const placeNotes = (until: string | null) => {
    while (waiting.length && (until === null || waiting[0]!.createdAt <= until)) {
      const note = waiting.shift()!;
      entries.push({ id: note.id, at: note.createdAt, note });
    }
  };
  for (const message of messages) {
    placeNotes(message.pending ? null : message.at);
    entries.push({ id: message.id, at: message.at, message });
  }
  placeNotes(null);
  return entries;
}

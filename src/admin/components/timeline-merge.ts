import type { MessageStatus } from '../../domain/message-status.ts';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';

/** A message as the timeline shows it: the server's, or one just typed that the server has not answered yet. */
export type ShownMessage = TimelineMessage & { pending?: true };

// Statuses that may still move (queued → sent → delivered → read): a refresh reads these again.
const UNSETTLED: ReadonlySet<MessageStatus> = new Set(['queued', 'sending', 'sent', 'delivered', 'unknown']);

export const isUnsettled = (message: TimelineMessage): boolean => message.direction === 'outbound' && UNSETTLED.has(message.status);

const byTime = (a: TimelineMessage, b: TimelineMessage): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Pages, live refreshes and re-read messages all land here: one entry per id, the newest copy wins. */
export const mergeMessages = (existing: TimelineMessage[], incoming: readonly TimelineMessage[] | undefined): TimelineMessage[] => {
  if (!incoming?.length) return existing;
  const byId = new Map(existing.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(byTime);
};

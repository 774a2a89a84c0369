/**
 * What a NOTIFY on the inbox channel says changed (ids travel with it, never content). The SLA
 * kinds warn that a service-level target is about to pass, or passed: they reach only the
 * conversation's assignee and those who oversee its number (inbox.view_all).
 */
export const INBOX_NOTIFICATION_KINDS = [
  'message.created', 'message.updated', 'conversation.updated', 'note.created', 'mentions.seen', 'sla.warning', 'sla.breached',
] as const;
export type InboxNotificationKind = (typeof INBOX_NOTIFICATION_KINDS)[number];

/** Ids only: listeners read the rows themselves, and NOTIFY payloads must stay under 8,000 bytes. */
export interface InboxNotification {
  kind: InboxNotificationKind;
  accountId: string;
  conversationId: string;
  messageId?: string;
  /** `note.created`: the note. */
  noteId?: string;
  /** `note.created`: the agents it mentions; `mentions.seen`: the agent who saw theirs. Their mention count changed. */
  agentIds?: string[];
}

/** The named Server-Sent Events of the live stream (src/live), which the browser listens for. */
export const LIVE_STREAM_EVENTS = ['inbox', 'unread', 'mention', 'resync'] as const;
export type LiveStreamEventName = (typeof LIVE_STREAM_EVENTS)[number];

/** What a stream tells about a conversation: ids only; the view reads the rest through the permission-checked API. */
export type InboxEvent =
  | Pick<InboxNotification, 'kind' | 'conversationId' | 'messageId' | 'noteId'>
  /** The conversation was shown on this stream and the admin may no longer see it (reassigned, permission revoked, deleted). */
  | { kind: 'conversation.hidden'; conversationId: string };

/** The navigation badge's count: conversations waiting for this admin (countUnread). */
export interface UnreadEvent {
  count: number;
}

/**
 * The admin's unseen @mentions: on connect and whenever it changes; with the conversation and
 * note when it grew because someone just mentioned them.
 */
export interface MentionEvent {
  count: number;
  conversationId?: string;
  noteId?: string;
}

/** What each named event of the stream carries; `resync` says only "read again what you show". */
export interface LiveStreamPayloads {
  inbox: InboxEvent;
  unread: UnreadEvent;
  mention: MentionEvent;
  resync: Record<string, never>;
}

/** Notifications that alert people rather than refresh what they see. */
export function isSlaAlert(kind: InboxNotificationKind): boolean {
  return kind === 'sla.warning' || kind === 'sla.breached';
}

/** What a NOTIFY on the inbox channel says changed (ids travel with it, never content). */
export const INBOX_NOTIFICATION_KINDS = ['message.created', 'message.updated', 'conversation.updated'] as const;
export type InboxNotificationKind = (typeof INBOX_NOTIFICATION_KINDS)[number];

/** The named Server-Sent Events of the live stream (src/live), which the browser listens for. */
export const LIVE_STREAM_EVENTS = ['inbox', 'unread', 'resync'] as const;
export type LiveStreamEventName = (typeof LIVE_STREAM_EVENTS)[number];

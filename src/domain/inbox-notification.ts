/**
 * What the live inbox hears about, declared once for the server (NOTIFY payloads, the stream's
 * filter) and the browser (the events it reacts to). Ids only: listeners read the rows
 * themselves, and NOTIFY payloads must stay under 8,000 bytes.
 */
export const INBOX_NOTIFICATION_KINDS = ['message.created', 'message.updated', 'conversation.updated'] as const;
export type InboxNotificationKind = (typeof INBOX_NOTIFICATION_KINDS)[number];

export interface InboxNotification {
  kind: InboxNotificationKind;
  accountId: string;
  conversationId: string;
  messageId?: string;
}

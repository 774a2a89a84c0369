import { InboxNotifications } from '../db/notify.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { queryOne } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';

export interface MarkConversationReadOptions {
  /** Also show the customer "typing…" (until the reply or 25 s). */
  typingIndicator?: boolean;
  /** Default 5 s: an agent is waiting for the conversation to open. */
  timeoutMs?: number;
}

export type ReadReceipt =
  /** Meta marked the latest inbound message (and every earlier one) read. */
  | 'sent'
  /** The number is set not to send read receipts (`mark_read_on_open`). */
  | 'disabled'
  /** Nothing new since the last time: no unread message with a wamid. */
  | 'nothing-to-mark'
  /** Meta could not be reached or refused; the unread count is cleared all the same. */
  | 'failed';

export interface MarkConversationReadResult {
  /** How many unread messages the agent has now seen. */
  cleared: number;
  receipt: ReadReceipt;
}

/**
 * An agent opened the conversation: its unread count drops to zero and, when the number is set
 * to (`mark_read_on_open`, default on), the customer's latest message is marked read at Meta
 * (blue ticks for everything up to it). The receipt is best effort: a failure is logged and
 * returned, never in the agent's way; it is only sent when there was something unread, so
 * opening a conversation again does not call Meta again.
 */
export async function markConversationRead(
  context: PluginContext,
  conversationId: string,
  options: MarkConversationReadOptions = {},
): Promise<MarkConversationReadResult> {
  if (!isUuid(conversationId)) throw OutboundRefusal.of('conversation-not-found');
  const opened = await queryOne<{
    cleared: number;
    account_id: string;
    mark_read_on_open: boolean;
    phone_number_id: string;
    access_token_encrypted: string | null;
    latest_inbound_wamid: string | null;
  }>(
    context.dataSource,
    `WITH before AS (
       SELECT id, unread_count, account_id FROM whatsapp_conversations WHERE id = $1 FOR UPDATE
     ), cleared AS (
       UPDATE whatsapp_conversations c SET unread_count = 0, updated_at = now() FROM before b
        WHERE c.id = b.id AND b.unread_count > 0
        RETURNING b.unread_count
     )
     SELECT COALESCE((SELECT unread_count FROM cleared), 0)::int AS cleared, b.account_id, a.mark_read_on_open, a.phone_number_id, a.access_token_encrypted,
            (SELECT m.wamid FROM whatsapp_messages m
              WHERE m.conversation_id = b.id AND m.direction = 'inbound' AND m.wamid IS NOT NULL
              ORDER BY m.received_at DESC NULLS LAST, m.created_at DESC LIMIT 1) AS latest_inbound_wamid
       FROM before b JOIN whatsapp_accounts a ON a.id = b.account_id`,
    [conversationId],
  );
  if (!opened) throw OutboundRefusal.of('conversation-not-found');
  if (opened.cleared > 0) {
    // The agents' unread counts changed: live streams recount.
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'conversation.updated', accountId: opened.account_id, conversationId });
    await notifications.emit(context.dataSource.manager);
  }
  const result = (receipt: ReadReceipt): MarkConversationReadResult => ({ cleared: opened.cleared, receipt });
  if (!opened.mark_read_on_open) return result('disabled');
  if (opened.cleared === 0 || !opened.latest_inbound_wamid) return result('nothing-to-mark');
  if (!opened.access_token_encrypted) return result('failed');

  try {
    await context.graph.markAsRead(
      {
        accessToken: context.secretBox.open(opened.access_token_encrypted),
        phoneNumberId: opened.phone_number_id,
        timeoutMs: options.timeoutMs ?? 5_000,
      },
      opened.latest_inbound_wamid,
      { typingIndicator: options.typingIndicator ?? false },
    );
    return result('sent');
  } catch (error) {
    context.logger.warn('read receipt failed', { conversationId, error: String(error) });
    return result('failed');
  }
}

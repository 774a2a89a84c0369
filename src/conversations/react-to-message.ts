import { inTransaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { messageWamid, prepareFreeFormSend } from './free-form-send.js';

export interface ReactInput {
  conversationId: string;
  /** The message reacted to: one of the conversation's, that reached Meta. */
  messageId: string;
  /** An emoji; empty removes the business's reaction. */
  emoji: string;
  actor: InboxActor | null;
}

/**
 * Sends a reaction to one of the conversation's messages (or removes it, with an empty emoji),
 * as WhatsApp Web does: the number has one reaction per message, the latest. The message reacted
 * to shows it at once; the reaction message itself goes through the send pipeline like any
 * other (window, permissions, rate limits) and stays out of the thread unless it fails. One not
 * sent yet is replaced by the new one.
 */
export async function reactToMessage(context: PluginContext, input: ReactInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  const emoji = input.emoji.trim();
  return inTransaction(context.dataSource, async (tx) => {
    const { target } = await prepareFreeFormSend(tx, { conversationId: input.conversationId, actor: input.actor, now: (options.now ?? currentTime)(), assignReplier: false });
    const targetWamid = await messageWamid(tx, target.conversationId, input.messageId);
    // A reaction still waiting in the queue is superseded rather than sent: sends may overtake one
    // another, and the customer must end up with the latest one.
    await queryRows(
      tx.manager,
      `DELETE FROM whatsapp_messages
        WHERE conversation_id = $1 AND direction = 'outbound' AND type = 'reaction' AND status = 'queued' AND payload->'reaction'->>'message_id' = $2`,
      [target.conversationId, targetWamid],
    );
    const reaction = await queueOutboundMessage(context, tx, {
      target,
      content: { type: 'reaction', reaction: { message_id: targetWamid, emoji } },
      body: emoji || null,
      actorId: input.actor?.id ?? null,
      replyToWamid: null,
    });
    // The business's reaction replaces its earlier one on that message; an empty emoji takes it away.
    const reacted = await queryOne<{ id: string }>(
      tx.manager,
      `UPDATE whatsapp_messages SET
          reactions = COALESCE((SELECT jsonb_agg(r) FROM jsonb_array_elements(reactions) AS r WHERE r->>'from' IS DISTINCT FROM 'agent'), '[]'::jsonb)
            || CASE WHEN $3 = '' THEN '[]'::jsonb
                    ELSE jsonb_build_array(jsonb_build_object('emoji', $3::text, 'from', 'agent', 'messageId', $4::text,
                           'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) END,
          updated_at = now()
        WHERE id = $1 AND conversation_id = $2 RETURNING id`,
      [input.messageId, target.conversationId, emoji, reaction.id],
    );
    if (reacted) {
      const notifications = new InboxNotifications();
      notifications.add({ kind: 'message.updated', accountId: target.accountId, conversationId: target.conversationId, messageId: reacted.id });
      await notifications.emit(tx.manager);
    }
    return reaction;
  });
}

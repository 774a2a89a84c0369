import type { EntityManager } from 'typeorm';
import type { InboxNotifications } from '../db/notify.js';
import { prepared, queryOne } from '../db/sql.js';

export interface CustomerReaction {
  accountId: string;
  reactionWamid: string;
  targetWamid: string;
  /** The customer's wa_id, or their user_id when they have no phone. */
  reactor: string;
  /** null: the reaction was removed. */
  emoji: string | null;
  at: Date;
}

/**
 * Records a customer's reaction in the ledger and, when the message reacted to is stored,
 * refreshes its `reactions`. A reaction to a message not stored yet (an outbound message
 * whose wamid the sending side has not recorded yet) waits in the ledger and appears when
 * that message does. Callers hold the target's message lock.
 */
export async function recordCustomerReaction(manager: EntityManager, reaction: CustomerReaction, notifications: InboxNotifications): Promise<void> {
  const inserted = await queryOne<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_message_reactions (account_id, reaction_wamid, target_wamid, reactor, emoji, reacted_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_message_reactions_reaction_wamid DO NOTHING
     RETURNING id`),
    [reaction.accountId, reaction.reactionWamid, reaction.targetWamid, reaction.reactor, reaction.emoji?.slice(0, 64) ?? null, reaction.at],
  );
  if (!inserted) return;
  const target = await refreshCustomerReactions(manager, reaction.targetWamid);
  if (target) notifications.add({ kind: 'message.updated', ...target });
}

export interface MessageRef {
  accountId: string;
  conversationId: string;
  messageId: string;
}

/**
 * Rewrites a message's customer reactions from the ledger: each customer's latest reaction,
 * unless it was a removal. Reactions by agents (`from: 'agent'`) are left as they are.
 */
export async function refreshCustomerReactions(manager: EntityManager, targetWamid: string): Promise<MessageRef | null> {
  const updated = await queryOne<MessageRef>(manager, prepared(`${REFRESH_REACTIONS_SQL} RETURNING ${MESSAGE_REF_COLUMNS}`), [targetWamid]);
  return updated ?? null;
}

export const MESSAGE_REF_COLUMNS = `m.id AS "messageId", m.conversation_id AS "conversationId",
  (SELECT c.account_id FROM whatsapp_conversations c WHERE c.id = m.conversation_id) AS "accountId"`;

/** `$1` is the target wamid. Shared with applying parked updates, which runs it in the same statement. */
export const REFRESH_REACTIONS_SQL = `
  UPDATE whatsapp_messages m SET
    reactions = COALESCE(
        (SELECT jsonb_agg(r) FROM jsonb_array_elements(m.reactions) AS r WHERE r->>'from' IS DISTINCT FROM 'customer'),
        '[]'::jsonb)
      || COALESCE(
        (SELECT jsonb_agg(jsonb_build_object(
                  'emoji', l.emoji, 'from', 'customer', 'wamid', l.reaction_wamid,
                  'at', to_char(l.reacted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                ORDER BY l.reacted_at, l.reaction_wamid)
           FROM (SELECT DISTINCT ON (reactor) reactor, emoji, reaction_wamid, reacted_at
                   FROM whatsapp_message_reactions WHERE target_wamid = $1
                  ORDER BY reactor, reacted_at DESC, reaction_wamid DESC) AS l
          WHERE l.emoji IS NOT NULL),
        '[]'::jsonb),
    updated_at = now()
  WHERE m.wamid = $1`;

import type { ConversationStatus } from '../../entities/whatsapp-conversation.entity.js';
import { queryRows, type Queryable } from '../../db/sql.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';

/** Another conversation with the same customer, for the side panel's history. */
export interface EarlierConversation {
  id: string;
  status: ConversationStatus;
  startedAt: string;
  lastMessageAt: string | null;
  number: string;
  assignee: string | null;
  /** Its first customer message, to recall what it was about (the customer's words: text only). */
  opening: string | null;
}

const LIMIT = 10;

/**
 * The customer's other conversations the actor may see, newest first: on this number and on the
 * others the customer wrote to (the same WhatsApp id), so an agent sees what was said before.
 */
export async function earlierConversations(db: Queryable, actor: InboxActor, conversationId: string): Promise<EarlierConversation[]> {
  const visible = visibleConversationsPredicate(actor, 'o', 1);
  const rows = await queryRows<{
    id: string;
    status: ConversationStatus;
    created_at: Date;
    last_message_at: Date | null;
    number: string;
    assignee: string | null;
    opening: string | null;
  }>(
    db,
    // The same customer on every number: one lookup per number on (account_id, wa_id).
    `WITH me AS (
       SELECT ct.id AS contact_id, ct.wa_id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE c.id = $1),
     same AS (
       SELECT contact_id AS id FROM me
       UNION
       SELECT s.id FROM me, whatsapp_accounts acc JOIN whatsapp_contacts s ON s.account_id = acc.id WHERE me.wa_id IS NOT NULL AND s.wa_id = me.wa_id)
     SELECT o.id, o.status, o.created_at, o.last_message_at, a.name AS number, u.name AS assignee,
            (SELECT left(m.body, 140) FROM whatsapp_messages m WHERE m.conversation_id = o.id AND m.direction = 'inbound' AND m.body IS NOT NULL
              ORDER BY m.created_at LIMIT 1) AS opening
       FROM same
       JOIN whatsapp_conversations o ON o.contact_id = same.id AND o.id <> $1
       JOIN whatsapp_accounts a ON a.id = o.account_id
       LEFT JOIN whatsapp_agents u ON u.id = o.assignee_id
      WHERE ${visible.sql}
      ORDER BY o.last_message_at DESC NULLS LAST, o.id DESC LIMIT ${LIMIT}`,
    [conversationId, ...visible.params],
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    startedAt: row.created_at.toISOString(),
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    number: row.number,
    assignee: row.assignee,
    opening: row.opening,
  }));
}

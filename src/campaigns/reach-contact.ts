import type { EntityManager } from 'typeorm';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { emitConversationEvents } from '../events/emit-event.js';

/**
 * The conversation a campaign message goes into: the contact's live one, else their latest,
 * else a new one that starts resolved — a broadcast must not fill the agents' open list with
 * conversations nobody has to answer yet; the customer's reply opens it as any reply does.
 */
export async function conversationForContact(manager: EntityManager, accountId: string, contactId: string): Promise<string> {
  const existing = await queryOne<{ id: string }>(
    manager,
    prepared(`SELECT id FROM whatsapp_conversations WHERE account_id = $1 AND contact_id = $2
       ORDER BY (status <> 'resolved') DESC, created_at DESC LIMIT 1`),
    [accountId, contactId],
  );
  if (existing) return existing.id;
  const [created] = await queryRows<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_conversations (account_id, contact_id, status, resolved_at) VALUES ($1, $2, 'resolved', now()) RETURNING id`),
    [accountId, contactId],
  );
  // Hosts hear of it as of any conversation started (its data says it starts resolved).
  await emitConversationEvents(manager, 'conversation.created', [created!.id], { actorId: null });
  return created!.id;
}

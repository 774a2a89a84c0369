import type { EntityManager } from 'typeorm';
import { contactLockKeys, lockKeys } from '../db/advisory-locks.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { phoneLookupVariants, waIdToE164 } from '../domain/phone.js';
import { emitConversationEvents } from '../events/emit-event.js';

export interface ReachedNumber {
  id: string;
  phoneNumberId: string;
}

/**
 * The contact a campaign writes to at this phone (any BR / MX / AR spelling of it), created when
 * the number never heard from them. Under the same contact lock the processor takes, so a
 * customer writing at that moment is never made twice.
 */
export async function contactForPhone(manager: EntityManager, account: ReachedNumber, waId: string): Promise<string> {
  await lockKeys(manager, contactLockKeys(account.phoneNumberId, { waId, userId: null }));
  const spellings = phoneLookupVariants(waId);
  const found = await queryOne<{ id: string }>(
    manager,
    prepared(`SELECT id FROM whatsapp_contacts WHERE account_id = $1 AND wa_id = ANY($2::text[]) ORDER BY (wa_id = $3) DESC, created_at LIMIT 1`),
    [account.id, spellings.length > 0 ? spellings : [waId], waId],
  );
  if (found) return found.id;
  const created = await queryOne<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, wa_id) DO UPDATE SET updated_at = whatsapp_contacts.updated_at RETURNING id`),
    [account.id, waId, waIdToE164(waId)],
  );
  return created!.id;
}

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

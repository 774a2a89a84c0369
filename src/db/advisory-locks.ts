import type { EntityManager } from 'typeorm';
import { phoneLookupVariants, waIdToE164 } from '../domain/phone.js';
import { prepared, queryRows } from '../db/sql.js';

/**
 * Takes transaction-scoped advisory locks on every key at once, in one global order, so two
 * transactions wanting overlapping keys wait for each other instead of deadlocking. A
 * processor transaction calls this once, before it reads anything the keys protect.
 */
export async function lockKeys(manager: EntityManager, keys: Iterable<string>): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  await queryRows(
    manager,
    prepared(`SELECT pg_advisory_xact_lock(k)
       FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY k) AS ordered`),
    [unique],
  );
}

/**
 * Serialises everything that reads or writes one wamid: inserting the message, applying or
 * parking its statuses, recording reactions to it. Without it, a status could be parked by
 * one transaction while another inserts the message and finds nothing parked yet.
 */
export function messageLockKey(wamid: string): string {
  return `wamid:${wamid}`;
}

/**
 * Serialises the messages of one customer on one number (find-or-create contact and
 * conversation, keyword routing, lead creation). Keyed by the number's phone_number_id, known
 * before any query. Every phone spelling of one person (BR 9th digit, MX 521, AR 549) maps to
 * the same key.
 */
export function contactLockKeys(phoneNumberId: string, sender: { waId: string | null; userId: string | null }): string[] {
  const keys: string[] = [];
  if (sender.waId) keys.push(`contact:${phoneNumberId}:phone:${canonicalSpelling(sender.waId)}`);
  if (sender.userId) keys.push(`contact:${phoneNumberId}:user:${sender.userId}`);
  return keys;
}

function canonicalSpelling(waId: string): string {
  const e164 = waIdToE164(waId);
  const variants = phoneLookupVariants(e164 ?? waId);
  return variants.length > 0 ? variants.reduce((a, b) => (a < b ? a : b)) : waId;
}

import type { EntityManager } from 'typeorm';
import type { ContactMatcher } from '../config/host-types.js';
import type { Logger } from '../config/logger.js';
import { contactLockKeys, lockKeys } from '../db/advisory-locks.js';
import { prepared, queryOne } from '../db/sql.js';
import { phoneLookupVariants, waIdToE164 } from '../domain/phone.js';
import { refreshCrmMatch } from './match-crm-record.js';

/** The number a contact belongs to: its row id, and Meta's phone_number_id its contact locks are keyed by. */
export interface ContactNumber {
  id: string;
  phoneNumberId: string;
}

/** What matching a new contact to the host's CRM needs (the plugin context has both). */
export interface CrmMatching {
  options: { contactMatchers: readonly ContactMatcher[] };
  logger: Logger;
}

/**
 * The contact of this number for this phone (`waId`: digits, any BR / MX / AR spelling of it),
 * created when the number never heard from it — and then matched to the host's CRM record at
 * once, as the webhook processor does for a customer who writes first, so the agent who gets the
 * reply and a sequence's CRM-field branch see the record. Every place that reaches a phone on
 * our initiative (a broadcast, an enrolment, an agent or the API starting a conversation) comes
 * here. Under the contact lock the processor takes: a customer writing at that moment is never
 * made twice. A contact found is never matched again here (the processor refreshes it when its
 * phone changes or a conversation starts): a broadcast pays for matching once per new contact,
 * never per message.
 */
export async function contactForPhone(
  manager: EntityManager,
  number: ContactNumber,
  waId: string,
  matching: CrmMatching,
): Promise<string> {
  await lockKeys(manager, contactLockKeys(number.phoneNumberId, { waId, userId: null }));
  const spellings = phoneLookupVariants(waId);
  const lookup = spellings.length > 0 ? spellings : [waId];
  // By phone_e164 too: a contact known by its BSUID may have shared its phone without a wa_id.
  const found = await queryOne<{ id: string }>(
    manager,
    prepared(`SELECT id FROM whatsapp_contacts WHERE account_id = $1 AND (wa_id = ANY($2::text[]) OR phone_e164 = ANY($3::text[]))
      ORDER BY (wa_id = $4) DESC, created_at LIMIT 1`),
    [number.id, lookup, lookup.map((spelling) => `+${spelling}`), waId],
  );
  if (found) return found.id;
  const phoneE164 = waIdToE164(waId);
  const created = (await queryOne<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164) VALUES ($1, $2, $3) RETURNING id`),
    [number.id, waId, phoneE164],
  ))!;
  await refreshCrmMatch(manager, { id: created.id, phoneE164 }, matching.options.contactMatchers, matching.logger);
  return created.id;
}

import type { EntityManager } from 'typeorm';
import type { ContactMatcher, CrmMatch } from '../config/host-types.js';
import type { Logger } from '../config/logger.js';
import { matchWhatsAppLead } from './lead-matcher.js';
import { prepared, queryRows } from '../db/sql.js';

/**
 * Asks the host's matchers, then the built-in B2B lead matcher, which CRM record a contact's
 * phone belongs to, and stores the first answer on the contact. A host matcher that throws is
 * logged and skipped (its statements are rolled back to a savepoint): a broken host query must
 * never hold inbound messages back. No answer leaves an earlier match in place.
 */
export async function refreshCrmMatch(
  manager: EntityManager,
  contact: { id: string; phoneE164: string | null },
  hostMatchers: readonly ContactMatcher[],
  logger: Logger,
): Promise<CrmMatch | null> {
  if (!contact.phoneE164) return null;
  let match: CrmMatch | null = null;
  for (const matcher of hostMatchers) {
    match = await runHostMatcher(manager, matcher, contact.phoneE164, logger);
    if (match) break;
  }
  // Our own query needs no savepoint (two round trips per new customer): if it fails, its
  // transaction fails like any other of its statements (the processor's event is retried).
  match ??= (await matchWhatsAppLead(contact.phoneE164, { manager })) ?? null;
  if (!match) return null;
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_contacts SET crm_record_type = $2, crm_record_id = $3, crm_record_label = $4, crm_record_fields = $5, updated_at = now()
      WHERE id = $1 AND (crm_record_type, crm_record_id, crm_record_label, crm_record_fields) IS DISTINCT FROM ($2, $3, $4, $5::jsonb)`),
    [contact.id, match.type.slice(0, 100), match.id.slice(0, 100), match.label.slice(0, 300), sharedFields(match.fields)],
  );
  return match;
}

async function runHostMatcher(manager: EntityManager, matcher: ContactMatcher, phoneE164: string, logger: Logger): Promise<CrmMatch | null> {
  await queryRows(manager, prepared('SAVEPOINT crm_matcher'));
  try {
    const match = await matcher(phoneE164, { manager });
    await queryRows(manager, prepared('RELEASE SAVEPOINT crm_matcher'));
    return match ?? null;
  } catch (error) {
    await queryRows(manager, prepared('ROLLBACK TO SAVEPOINT crm_matcher'));
    logger.warn('a contact matcher failed; the contact is kept without its match', { error: String(error) });
    return null;
  }
}

const MAX_FIELDS = 50;

/** The fields a matcher shared, as short texts (a host's mistake must not bloat every contact). */
function sharedFields(fields: CrmMatch['fields']): Record<string, string> | null {
  if (!fields) return null;
  const kept = Object.entries(fields)
    .filter(([name, value]) => /^[\w-]{1,60}$/.test(name) && value !== null && value !== undefined && String(value) !== '')
    .slice(0, MAX_FIELDS)
    .map(([name, value]) => [name, String(value).slice(0, 500)]);
  return kept.length ? Object.fromEntries(kept) : null;
}

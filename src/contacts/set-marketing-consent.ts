import type { EntityManager } from 'typeorm';
import { InboxNotifications } from '../db/notify.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { emitContactEvent } from '../events/emit-event.js';

/** Who changed a contact's marketing consent: the customer in WhatsApp, Meta refusing a send, and (later) a keyword, an agent or the API. */
export type MarketingConsentSource = 'user_preferences' | 'meta_131050' | 'keyword' | 'agent' | 'api';

export interface MarketingConsentChange {
  /** False when the change was not the newest the contact gave (a late or repeated delivery): the consent stays as it was. */
  changed: boolean;
  optedOut: boolean;
}

// The contact row is locked first: changes of one contact apply one after the other, each
// seeing the ledger with the ones before it.
const LOCK_CONTACT = prepared(`SELECT id FROM whatsapp_contacts WHERE id = $1 FOR NO KEY UPDATE`);

const RECORD = prepared(`INSERT INTO whatsapp_consent_changes (contact_id, opted_out, source, at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (contact_id, at, opted_out) DO NOTHING`);

// The consent is the newest change (a stop wins a tie); opted out since the first stop after the
// last resume. Computed from the whole ledger, so the order changes arrived in does not matter.
const APPLY = prepared(`WITH previous AS (
    SELECT marketing_opted_out_at IS NOT NULL AS was FROM whatsapp_contacts WHERE id = $1
  ), ledger AS (
    SELECT opted_out, source, at FROM whatsapp_consent_changes WHERE contact_id = $1
  ), latest AS (
    SELECT opted_out, source, at FROM ledger ORDER BY at DESC, opted_out DESC LIMIT 1
  ), since AS (
    SELECT min(at) AS at FROM ledger
     WHERE opted_out AND at >= COALESCE((SELECT max(at) FROM ledger WHERE NOT opted_out), '-infinity')
  ), computed AS (
    SELECT CASE WHEN l.opted_out THEN (SELECT at FROM since) END AS opted_out_at, l.source, l.at FROM latest l
  ), updated AS (
    UPDATE whatsapp_contacts c SET
      marketing_opted_out_at = k.opted_out_at, marketing_consent_source = k.source, marketing_consent_changed_at = k.at, updated_at = now()
      FROM computed k
     WHERE c.id = $1
       AND (c.marketing_opted_out_at, c.marketing_consent_source, c.marketing_consent_changed_at) IS DISTINCT FROM (k.opted_out_at, k.source, k.at)
    RETURNING c.id, c.account_id, k.at = $2::timestamptz AS newest, k.opted_out_at IS NOT NULL AS opted_out
  ), latest_conversation AS (
    SELECT v.id FROM whatsapp_conversations v, updated u WHERE v.contact_id = u.id AND u.newest
     ORDER BY (v.status <> 'resolved') DESC, v.created_at DESC LIMIT 1
  ), audited AS (
    INSERT INTO whatsapp_conversation_events (conversation_id, kind, details)
    SELECT id, CASE WHEN $3 THEN 'marketing_opted_out' ELSE 'marketing_opted_in' END, jsonb_build_object('source', $4::text, 'at', $2::timestamptz)
      FROM latest_conversation
  )
  SELECT COALESCE((SELECT newest FROM updated), false) AS changed, (SELECT was FROM previous) AS "wasOptedOut", (SELECT opted_out FROM updated) AS "isOptedOut",
         (SELECT id FROM latest_conversation) AS "conversationId", (SELECT account_id FROM updated) AS "accountId"`);

/**
 * The one way a contact's marketing consent changes: the change joins the contact's ledger
 * (whatsapp_consent_changes), and `marketing_opted_out_at` (null: may receive marketing
 * templates), its source and time are computed again from it; the newest change leaves an audit
 * row in the contact's latest conversation, a live notice, and the hosts' `contact.opted_out` /
 * `contact.opted_in` event when the consent flipped. `at` is when the customer (or Meta)
 * said so: a stop and a resume delivered out of order end as the customer left them.
 */
export async function setMarketingConsent(
  manager: EntityManager,
  contactId: string,
  optedOut: boolean,
  source: MarketingConsentSource,
  at: Date = new Date(),
): Promise<MarketingConsentChange> {
  await queryRows(manager, LOCK_CONTACT, [contactId]);
  await queryRows(manager, RECORD, [contactId, optedOut, source, at]);
  const row = await queryOne<{ changed: boolean; wasOptedOut: boolean; isOptedOut: boolean | null; conversationId: string | null; accountId: string | null }>(
    manager,
    APPLY,
    [contactId, at, optedOut, source],
  );
  // Hosts hear of a consent that flipped, not of a stop repeated.
  if (row?.changed && row.isOptedOut !== null && row.wasOptedOut !== row.isOptedOut) {
    await emitContactEvent(manager, row.isOptedOut ? 'contact.opted_out' : 'contact.opted_in', contactId, { source, at: at.toISOString() });
  }
  if (row?.changed && row.conversationId && row.accountId) {
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'conversation.updated', accountId: row.accountId, conversationId: row.conversationId });
    await notifications.emit(manager);
  }
  return { changed: row?.changed ?? false, optedOut };
}

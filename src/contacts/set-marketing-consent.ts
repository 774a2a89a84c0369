import type { EntityManager } from 'typeorm';
import { InboxNotifications } from '../db/notify.js';
import { prepared, queryOne } from '../db/sql.js';

/** Who changed a contact's marketing consent: the customer in WhatsApp, Meta refusing a send, and (later) a keyword, an agent or the API. */
export type MarketingConsentSource = 'user_preferences' | 'meta_131050' | 'keyword' | 'agent' | 'api';

export interface MarketingConsentChange {
  /** False when the change was older than the consent already recorded (a late delivery): nothing was written. */
  changed: boolean;
  optedOut: boolean;
}

/**
 * The one way a contact's marketing consent changes: `marketing_opted_out_at` (null: may receive
 * marketing templates), its source and time, an audit row in the contact's latest conversation,
 * and a live notice. `at` is when the customer (or Meta) said so: a change older than the one
 * recorded is ignored, so a stop and a resume delivered out of order end as the customer left them.
 */
export async function setMarketingConsent(
  manager: EntityManager,
  contactId: string,
  optedOut: boolean,
  source: MarketingConsentSource,
  at: Date = new Date(),
): Promise<MarketingConsentChange> {
  const row = await queryOne<{ changed: boolean; optedOut: boolean; conversationId: string | null; accountId: string }>(
    manager,
    prepared(`WITH updated AS (
       UPDATE whatsapp_contacts SET
         marketing_opted_out_at = CASE WHEN $2 THEN COALESCE(marketing_opted_out_at, $4) END,
         marketing_consent_source = $3, marketing_consent_changed_at = $4, updated_at = now()
        WHERE id = $1 AND (marketing_consent_changed_at IS NULL OR marketing_consent_changed_at < $4)
        RETURNING id, account_id
     ), latest AS (
       SELECT v.id FROM whatsapp_conversations v, updated u WHERE v.contact_id = u.id
        ORDER BY (v.status <> 'resolved') DESC, v.created_at DESC LIMIT 1
     ), audited AS (
       INSERT INTO whatsapp_conversation_events (conversation_id, kind, details)
       SELECT id, CASE WHEN $2 THEN 'marketing_opted_out' ELSE 'marketing_opted_in' END, jsonb_build_object('source', $3::text, 'at', $4::timestamptz)
         FROM latest
     )
     SELECT EXISTS (SELECT 1 FROM updated) AS changed, $2::boolean AS "optedOut",
            (SELECT id FROM latest) AS "conversationId", (SELECT account_id FROM updated) AS "accountId"`),
    [contactId, optedOut, source, at],
  );
  if (row?.changed && row.conversationId) {
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'conversation.updated', accountId: row.accountId, conversationId: row.conversationId });
    await notifications.emit(manager);
  }
  return { changed: row?.changed ?? false, optedOut };
}

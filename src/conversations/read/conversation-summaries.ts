import type { Queryable } from '../../db/sql.js';
import { queryRows } from '../../db/sql.js';

/** Who a conversation is with, as the lists show it. */
export interface ConversationSummary {
  id: string;
  contactName: string | null;
  contactPhone: string | null;
  /** The matched CRM record as people call it ("Lycée Ibn Khaldoun"), never its internal type. */
  crmRecord: string | null;
  leadName: string | null;
}

/** Who each conversation is with (name, phone, matched CRM record, linked lead), in one query for a page. */
export async function loadConversationSummaries(db: Queryable, ids: readonly string[]): Promise<Map<string, ConversationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<ConversationSummary>(
    db,
    `SELECT c.id,
            COALESCE(ct.display_name, ct.profile_name) AS "contactName",
            COALESCE(ct.phone_e164, ct.wa_id) AS "contactPhone",
            ct.crm_record_label AS "crmRecord",
            l.organisation_name AS "leadName"
       FROM whatsapp_conversations c
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
       LEFT JOIN whatsapp_leads l ON l.id = c.lead_id
      WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

import type { Queryable } from '../../db/sql.js';
import { queryRows } from '../../db/sql.js';
import { loadSlaTimers, type SlaTimerView } from '../../automation/sla-timers.js';

/** Who a conversation is with, as the lists show it. */
export interface ConversationSummary {
  id: string;
  contactName: string | null;
  contactPhone: string | null;
  /** The matched CRM record as people call it ("Lycée Ibn Khaldoun"), never its internal type. */
  crmRecord: string | null;
  leadName: string | null;
  /** Since when the customer waits for a human reply (their first message since the last one), if they do. */
  waitingSince: string | null;
  /** The running SLA timer due first, if any. */
  sla: SlaTimerView | null;
}

/**
 * Who each conversation is with (name, phone, matched CRM record, linked lead), how long the
 * customer has waited and the SLA timer due first, in two queries for a page.
 */
export async function loadConversationSummaries(db: Queryable, ids: readonly string[], now = new Date()): Promise<Map<string, ConversationSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<Omit<ConversationSummary, 'sla'>>(
    db,
    `SELECT c.id,
            COALESCE(ct.display_name, ct.profile_name) AS "contactName",
            COALESCE(ct.phone_e164, ct.wa_id) AS "contactPhone",
            ct.crm_record_label AS "crmRecord",
            l.organisation_name AS "leadName",
            to_char(whatsapp_report_waiting_since(c.id) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "waitingSince"
       FROM whatsapp_conversations c
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
       LEFT JOIN whatsapp_leads l ON l.id = c.lead_id
      WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const timers = await loadSlaTimers(db, ids, now);
  return new Map(rows.map((row) => [row.id, { ...row, sla: timers.get(row.id)?.[0] ?? null }]));
}

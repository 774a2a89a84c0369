import type { ActionResponse, After, RecordJSON } from 'adminjs';
import type { DataSource } from 'typeorm';

interface Summary {
  id: string;
  contact_name: string | null;
  contact_phone: string | null;
  crm_record: string | null;
  lead_name: string | null;
}

/**
 * Adds who the conversation is with (name, phone, matched CRM record, linked lead) to listed and
 * shown conversations, in one query per page rather than one per row.
 */
export function withConversationSummaries(dataSource: DataSource): After<ActionResponse> {
  return async (response) => {
    const records: RecordJSON[] = response.records ?? (response.record ? [response.record] : []);
    const ids = records.map((record) => record.id).filter(Boolean);
    if (!ids.length) return response;
    const rows: Summary[] = await dataSource.query(
      `SELECT c.id,
              COALESCE(ct.display_name, ct.profile_name) AS contact_name,
              COALESCE(ct.phone_e164, ct.wa_id) AS contact_phone,
              CASE WHEN ct.crm_record_type IS NULL THEN NULL ELSE ct.crm_record_type || ': ' || ct.crm_record_label END AS crm_record,
              l.organisation_name AS lead_name
         FROM whatsapp_conversations c
         JOIN whatsapp_contacts ct ON ct.id = c.contact_id
         LEFT JOIN whatsapp_leads l ON l.id = c.lead_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const record of records) {
      const row = byId.get(record.id);
      if (!row) continue;
      record.params.contactName = row.contact_name;
      record.params.contactPhone = row.contact_phone;
      record.params.crmRecord = row.crm_record;
      record.params.leadName = row.lead_name;
    }
    return response;
  };
}

import type { DataSource } from 'typeorm';
import type { DomainEvent, WhatsAppPlugin } from 'adminjs-whatsapp';

interface EventContact {
  phoneE164?: string | null;
  crmRecord?: { type: string; id: string } | null;
}

/**
 * How this sample CRM files WhatsApp on its records' timelines: every event about a contact that
 * is one of its organisations (matched by the plugin, else by phone) becomes an activity. The
 * event id is the activity's unique key, so an event handed over twice is filed once.
 */
export function fileWhatsAppActivities(whatsapp: Pick<WhatsAppPlugin, 'events'>, dataSource: DataSource): void {
  whatsapp.events.on('*', async (event: DomainEvent) => {
    const contact = event.data.contact as EventContact | undefined;
    if (!contact) return;
    const organisationId = contact.crmRecord?.type === 'organisation' ? contact.crmRecord.id : await organisationByPhone(dataSource, contact.phoneE164);
    if (!organisationId) return;
    const message = event.data.message as { text?: string | null } | undefined;
    await dataSource.query(
      `INSERT INTO activities (record_type, record_id, source_event_id, kind, summary, occurred_at)
       VALUES ('organisation', $1, $2, $3, $4, $5) ON CONFLICT (source_event_id) DO NOTHING`,
      [organisationId, event.id, event.type, message?.text ?? null, event.timestamp],
    );
  });
}

async function organisationByPhone(dataSource: DataSource, phoneE164: string | null | undefined): Promise<string | null> {
  if (!phoneE164) return null;
  const [row] = await dataSource.query(`SELECT id FROM crm_organisations WHERE phone_e164 = $1 ORDER BY id LIMIT 1`, [phoneE164]);
  return row ? String(row.id) : null;
}

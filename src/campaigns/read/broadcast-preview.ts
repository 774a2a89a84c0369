import type { PluginContext } from '../../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../../db/sql.js';
import type { BroadcastAudience, ParameterMapping } from '../../domain/campaign-kinds.js';
import { resolveParameters, type RecipientFields } from '../../domain/parameter-mapping.js';
import { normalizePhone } from '../../domain/phone.js';
import { loadCampaignTemplate, templateMessage } from '../campaign-template.js';

/** What one recipient would read, or which parameters they have no value for. */
export interface RecipientPreview {
  phone: string | null;
  name: string | null;
  text: string | null;
  missing: string[];
}

interface PreviewSource {
  account_id: string;
  default_region: string;
  template_id: string | null;
  audience: BroadcastAudience;
  parameters: Record<string, ParameterMapping>;
}

/**
 * The message as the first recipients of the audience would get it, with their own values:
 * what a manager checks before launching (a column mapped to the wrong parameter shows at once).
 */
export async function previewBroadcast(context: PluginContext, broadcastId: string, limit = 5): Promise<RecipientPreview[]> {
  const source = await queryOne<PreviewSource>(
    context.dataSource,
    `SELECT b.account_id, a.default_region, b.template_id, b.audience, b.parameters
       FROM whatsapp_broadcasts b JOIN whatsapp_accounts a ON a.id = b.account_id WHERE b.id::text = $1`,
    [broadcastId],
  );
  if (!source) return [];
  const template = await loadCampaignTemplate(context.dataSource, source.account_id, source.template_id);
  const recipients = await firstRecipients(context, broadcastId, source, limit);
  return recipients.map(({ phone, fields }) => {
    const resolved = resolveParameters(source.parameters, fields);
    const message = template && resolved.missing.length === 0 ? templateMessage(template, resolved.values) : null;
    return { phone, name: fields.name, text: message?.ok ? message.body : null, missing: resolved.missing };
  });
}

interface ContactFieldsRow {
  phone: string | null;
  name: string | null;
  crm_label: string | null;
  attributes: Record<string, string>;
  values: Record<string, string>;
}

async function firstRecipients(context: PluginContext, broadcastId: string, source: PreviewSource, limit: number): Promise<{ phone: string | null; fields: RecipientFields }[]> {
  const audience = source.audience;
  const asFields = (row: ContactFieldsRow) => ({
    phone: row.phone,
    fields: { name: row.name, phone: row.phone, crmLabel: row.crm_label, attributes: row.attributes ?? {}, values: row.values ?? {} },
  });
  if (audience.kind === 'csv') {
    const rows = await queryRows<ContactFieldsRow>(
      context.dataSource,
      prepared(`SELECT COALESCE(ct.phone_e164, '+' || r.wa_id, r.phone_input) AS phone, COALESCE(ct.display_name, ct.profile_name) AS name, ct.crm_record_label AS crm_label,
              COALESCE(ct.attributes, '{}') AS attributes, r."values"
         FROM whatsapp_broadcast_recipients r
         LEFT JOIN whatsapp_contacts ct ON ct.account_id = $2 AND ct.wa_id = r.wa_id
        WHERE r.broadcast_id::text = $1 AND r.state <> 'skipped'
        ORDER BY r.position LIMIT $3`),
      [broadcastId, source.account_id, limit],
    );
    return rows.map(asFields);
  }
  if (audience.kind === 'labels' || audience.kind === 'attributes') {
    const condition =
      audience.kind === 'labels'
        ? `EXISTS (SELECT 1 FROM whatsapp_conversations v WHERE v.contact_id = ct.id AND ${audience.match === 'all' ? 'v.labels @> $2::text[]' : 'v.labels && $2::text[]'})`
        : `ct.attributes @> $2::jsonb`;
    const value = audience.kind === 'labels' ? audience.labels : JSON.stringify(Object.fromEntries(audience.conditions.map((c) => [c.key, c.value])));
    const rows = await queryRows<ContactFieldsRow>(
      context.dataSource,
      `SELECT ct.phone_e164 AS phone, COALESCE(ct.display_name, ct.profile_name) AS name, ct.crm_record_label AS crm_label, ct.attributes, '{}'::jsonb AS "values"
         FROM whatsapp_contacts ct WHERE ct.account_id = $1 AND ${condition} ORDER BY ct.created_at, ct.id LIMIT $3`,
      [source.account_id, value, limit],
    );
    return rows.map(asFields);
  }
  if (audience.kind === 'crm') {
    const host = context.options.crmAudiences[audience.audience];
    const found: { phone: string | null; fields: RecipientFields }[] = [];
    if (!host) return found;
    for await (const record of host.records({ manager: context.dataSource.manager })) {
      const phone = normalizePhone(record.phone ?? '', source.default_region);
      found.push({ phone, fields: { name: record.label ?? null, phone, crmLabel: record.label ?? null, attributes: {}, values: record.values ?? {} } });
      if (found.length >= limit) break;
    }
    return found;
  }
  return [];
}

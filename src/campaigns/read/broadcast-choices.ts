import { queryRows, type Queryable } from '../../db/sql.js';
import { templateParameterSlots, type TemplateParameterKind } from '../../domain/template-parameters.js';
import type { PluginContext } from '../../context/plugin-context.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { campaignNumbers } from '../campaign-access.js';

/** A number campaigns may be run on, with what the editor offers for it. */
export interface BroadcastNumberChoice {
  id: string;
  name: string;
  displayPhoneNumber: string | null;
  marketingMessagesApi: boolean;
  templates: {
    id: string;
    name: string;
    language: string;
    category: string | null;
    /** The body as the customer reads it, with its `{{…}}`. */
    body: string | null;
    slots: { key: string; name: string; kind: TemplateParameterKind; required: boolean; example?: string }[];
  }[];
  /** Labels on this number's conversations. */
  labels: string[];
  /** Keys of this number's contacts' attributes. */
  attributeKeys: string[];
}

export interface BroadcastChoices {
  numbers: BroadcastNumberChoice[];
  /** The host's audiences: name, what managers read, the fields its records carry. */
  crmAudiences: { name: string; label: string; fields: string[] }[];
}

interface TemplateRow {
  account_id: string;
  id: string;
  name: string;
  language: string;
  category: string | null;
  components: unknown;
}

/** What the broadcast editor offers this manager: the numbers he runs campaigns on, their approved templates, labels and attributes. */
export async function loadBroadcastChoices(context: PluginContext, actor: InboxActor | null): Promise<BroadcastChoices> {
  const db: Queryable = context.dataSource;
  const allowed = campaignNumbers(actor);
  const scope = allowed === 'all' ? null : allowed;
  const numbers = await queryRows<{ id: string; name: string; displayPhoneNumber: string | null; marketingMessagesApi: boolean }>(
    db,
    `SELECT id, name, display_phone_number AS "displayPhoneNumber", marketing_messages_api AS "marketingMessagesApi"
       FROM whatsapp_accounts WHERE status = 'active' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY name, created_at`,
    [scope],
  );
  const ids = numbers.map((n) => n.id);
  const [templates, labels, keys] = await Promise.all([
    queryRows<TemplateRow>(
      db,
      `SELECT account_id, id, name, language, category, components FROM whatsapp_templates
        WHERE account_id = ANY($1::uuid[]) AND status = 'APPROVED' ORDER BY name, language`,
      [ids],
    ),
    queryRows<{ account_id: string; label: string }>(
      db,
      `SELECT DISTINCT account_id, unnest(labels) AS label FROM whatsapp_conversations WHERE account_id = ANY($1::uuid[]) ORDER BY 2`,
      [ids],
    ),
    queryRows<{ account_id: string; key: string }>(
      db,
      `SELECT DISTINCT account_id, jsonb_object_keys(attributes) AS key FROM whatsapp_contacts
        WHERE account_id = ANY($1::uuid[]) AND attributes <> '{}' ORDER BY 2`,
      [ids],
    ),
  ]);
  return {
    numbers: numbers.map((number) => ({
      ...number,
      templates: templates
        .filter((t) => t.account_id === number.id)
        .map((t) => ({
          id: t.id,
          name: t.name,
          language: t.language,
          category: t.category,
          body: bodyOf(t.components),
          slots: templateParameterSlots(t).map(({ key, name, kind, required, example }) => ({ key, name, kind, required, ...(example ? { example } : {}) })),
        })),
      labels: labels.filter((l) => l.account_id === number.id).map((l) => l.label),
      attributeKeys: keys.filter((k) => k.account_id === number.id).map((k) => k.key),
    })),
    crmAudiences: Object.entries(context.options.crmAudiences).map(([name, audience]) => ({ name, label: audience.label, fields: audience.fields ?? [] })),
  };
}

function bodyOf(components: unknown): string | null {
  const body = Array.isArray(components) ? (components as { type?: string; text?: unknown }[]).find((c) => c.type === 'BODY') : undefined;
  return typeof body?.text === 'string' ? body.text : null;
}

import type { EntityManager } from 'typeorm';
import type { TemplateCategoryUpdate, TemplateQualityUpdate, TemplateStatusUpdate } from '../domain/webhook-payload.js';
import { prepared, queryRows } from '../db/sql.js';

export type TemplateUpdateChange =
  | { kind: 'template_status'; value: TemplateStatusUpdate }
  | { kind: 'template_category'; value: TemplateCategoryUpdate }
  | { kind: 'template_quality'; value: TemplateQualityUpdate };

interface TemplateFields {
  status?: string;
  category?: string;
  quality?: string;
  /** undefined: leave as is; null: clear. */
  rejectionReason?: string | null;
}

/**
 * Applies Meta's template webhooks at once (pitfall 9): status, category and quality on the
 * template of every number of the WABA, creating the row when the template is not known yet
 * (the periodic sync fills in its components).
 */
export async function applyTemplateUpdate(manager: EntityManager, accountIds: readonly string[], change: TemplateUpdateChange): Promise<void> {
  const fields = templateFields(change);
  const identity = {
    metaId: change.value.message_template_id,
    name: change.value.message_template_name,
    language: change.value.message_template_language,
  };
  for (const accountId of accountIds) await upsertTemplate(manager, accountId, identity, fields);
}

function templateFields(change: TemplateUpdateChange): TemplateFields {
  switch (change.kind) {
    case 'template_status': {
      const { event, message_template_category: category } = change.value;
      const reason = change.value.rejection_info?.reason ?? change.value.reason ?? null;
      return {
        status: event,
        ...(category ? { category } : {}),
        ...(event === 'REJECTED' ? { rejectionReason: reason && reason !== 'NONE' ? reason : null } : {}),
        ...(event === 'APPROVED' ? { rejectionReason: null } : {}),
      };
    }
    case 'template_category':
      return { category: change.value.new_category };
    case 'template_quality':
      return { quality: change.value.new_quality_score };
  }
}

async function upsertTemplate(
  manager: EntityManager,
  accountId: string,
  identity: { metaId: string; name: string; language: string },
  fields: TemplateFields,
): Promise<void> {
  const params = [
    accountId,
    identity.metaId,
    identity.name,
    identity.language,
    fields.status?.slice(0, 30) ?? null,
    fields.category?.slice(0, 20) ?? null,
    fields.quality?.slice(0, 10) ?? null,
    fields.rejectionReason !== undefined,
    fields.rejectionReason ?? null,
  ];
  const set = `
    status = COALESCE($5, t.status),
    category = COALESCE($6, t.category),
    quality = COALESCE($7, t.quality),
    rejection_reason = CASE WHEN $8 THEN $9 ELSE t.rejection_reason END,
    meta_id = $2,
    updated_at = now()`;
  const updated = await queryRows<{ id: string }>(
      manager,
    prepared(`UPDATE whatsapp_templates t SET ${set}
      WHERE t.account_id = $1 AND (t.meta_id = $2 OR (t.name = $3 AND t.language = $4)) RETURNING t.id`),
    params,
  );
  if (updated.length > 0) return;
  await queryRows(
      manager,
    prepared(`INSERT INTO whatsapp_templates AS t (account_id, meta_id, name, language, status, category, quality, rejection_reason)
     VALUES ($1, $2, $3, $4, COALESCE($5, 'PENDING'), $6, $7, CASE WHEN $8 THEN $9 END)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_templates_account_name_language DO UPDATE SET ${set}`),
    params,
  );
}

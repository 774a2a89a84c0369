import type { EntityManager } from 'typeorm';
import { emitTemplateStatusChanges, readTemplateStatuses } from '../events/emit-event.js';
import { applyComponentsUpdate } from '../domain/template-components-update.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import type { TemplateCategoryUpdate, TemplateComponentsUpdate, TemplateQualityUpdate, TemplateStatusUpdate } from '../domain/webhook-payload.js';
import { prepared, queryRows } from '../db/sql.js';

export type TemplateUpdateChange =
  | { kind: 'template_status'; value: TemplateStatusUpdate }
  | { kind: 'template_category'; value: TemplateCategoryUpdate }
  | { kind: 'template_quality'; value: TemplateQualityUpdate }
  | { kind: 'template_components'; value: TemplateComponentsUpdate };

interface TemplateFields {
  status?: string;
  category?: string;
  quality?: string;
  /** undefined: leave as is; null: clear. */
  rejectionReason?: string | null;
  /** An announced recategorisation (undefined: leave; null: none pending any more). */
  pendingCategory?: { category: string; at: Date } | null;
  /** FLAGGED / DISABLED: when it is (was) disabled; null clears it. */
  disableAt?: Date | null;
}

/**
 * Applies Meta's template webhooks at once (pitfall 9): status, category and quality on the
 * template of every number of the WABA, creating the row when the template is not known yet
 * (the periodic sync fills in its components).
 */
export async function applyTemplateUpdate(manager: EntityManager, accountIds: readonly string[], change: TemplateUpdateChange): Promise<void> {
  if (change.kind === 'template_components') {
    for (const accountId of accountIds) await updateComponents(manager, accountId, change.value);
    return;
  }
  const fields = templateFields(change);
  const identity = {
    metaId: change.value.message_template_id,
    name: change.value.message_template_name,
    language: change.value.message_template_language,
  };
  for (const accountId of accountIds) {
    // Hosts hear of a status Meta moved (approved, rejected, paused…) as `template.status_changed`.
    const before = fields.status ? await readTemplateStatuses(manager, accountId) : null;
    await upsertTemplate(manager, accountId, identity, fields);
    if (before) await emitTemplateStatusChanges(manager, before, await readTemplateStatuses(manager, accountId));
  }
}

function templateFields(change: Exclude<TemplateUpdateChange, { kind: 'template_components' }>): TemplateFields {
  switch (change.kind) {
    case 'template_status': {
      const { event, message_template_category: category } = change.value;
      const reason = change.value.rejection_info?.reason ?? change.value.reason ?? null;
      const disableDate = change.value.disable_info?.disable_date;
      return {
        status: event,
        ...(category ? { category } : {}),
        ...(event === 'REJECTED' ? { rejectionReason: reason && reason !== 'NONE' ? reason : null } : {}),
        ...(event === 'APPROVED' ? { rejectionReason: null } : {}),
        ...(disableDate !== undefined && /^\d+$/.test(String(disableDate)) ? { disableAt: unixSecondsToDate(String(disableDate)) } : {}),
        ...(event === 'APPROVED' || event === 'REINSTATED' ? { disableAt: null } : {}),
      };
    }
    case 'template_category': {
      const { new_category: current, correct_category: coming, category_update_timestamp: when } = change.value;
      // An announcement names the current category as `new_category`, and the coming one with its date.
      if (coming && coming !== current && when) return { category: current, pendingCategory: { category: coming, at: unixSecondsToDate(when) } };
      return { category: current, pendingCategory: null };
    }
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
    fields.pendingCategory !== undefined,
    fields.pendingCategory?.category.slice(0, 20) ?? null,
    fields.pendingCategory?.at ?? null,
    fields.disableAt !== undefined,
    fields.disableAt ?? null,
  ];
  const set = `
    status = COALESCE($5, t.status),
    category = COALESCE($6, t.category),
    quality = COALESCE($7, t.quality),
    rejection_reason = CASE WHEN $8 THEN $9 ELSE t.rejection_reason END,
    pending_category = CASE WHEN $10 THEN $11 ELSE t.pending_category END,
    category_change_at = CASE WHEN $10 THEN $12::timestamptz ELSE t.category_change_at END,
    disable_at = CASE WHEN $13 THEN $14::timestamptz ELSE t.disable_at END,
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
    prepared(`INSERT INTO whatsapp_templates AS t (account_id, meta_id, name, language, status, category, quality, rejection_reason,
       pending_category, category_change_at, disable_at)
     VALUES ($1, $2, $3, $4, COALESCE($5, 'PENDING'), $6, $7, CASE WHEN $8 THEN $9 END, $11, $12::timestamptz, $14::timestamptz)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_templates_account_name_language DO UPDATE SET ${set}`),
    params,
  );
}

/**
 * `message_template_components_update`: the template was edited. Its body, text header, footer
 * and URL / phone buttons take the new texts; what the notice does not carry (media headers,
 * quick replies, examples) is kept, and the periodic sync brings the rest. A template not known
 * yet is left to the sync.
 */
async function updateComponents(manager: EntityManager, accountId: string, update: TemplateComponentsUpdate): Promise<void> {
  const [template] = await queryRows<{ id: string; components: unknown[] }>(
    manager,
    prepared(`SELECT id, components FROM whatsapp_templates WHERE account_id = $1 AND (meta_id = $2 OR (name = $3 AND language = $4)) FOR UPDATE`),
    [accountId, update.message_template_id, update.message_template_name, update.message_template_language],
  );
  if (!template) return;
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_templates SET components = $2::jsonb, meta_id = $3, components_updated_at = now(), updated_at = now() WHERE id = $1`),
    [template.id, JSON.stringify(applyComponentsUpdate(template.components, update)), update.message_template_id],
  );
}

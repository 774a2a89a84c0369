import { GraphApiError, type GraphMessageTemplate } from '../cloud-api/index.js';
import { inTransaction } from '../db/transaction.js';
import { lockKeys } from '../db/advisory-locks.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { emitTemplateStatusChanges, readTemplateStatuses } from '../events/emit-event.js';
import { flagAccountOnOperatorError } from './graph-failure.js';
import { templateAccountCall, templateManagerRefusal, type TemplateManager } from './template-account.js';
import type { TemplateContext } from './template-context.js';

export interface TemplateSyncReport {
  accountId: string;
  /** Templates Meta listed for the number's WABA. */
  listed: number;
  /** Listed and not known here: new rows. */
  created: number;
  /** Known here, and Meta's listing changed something (status, category, quality, components…). */
  updated: number;
  /** Known here and the same at Meta, or changed here after the listing began (left for the next sync). */
  unchanged: number;
  /** Known at Meta before and no longer listed: now DELETED. */
  missing: number;
}

export interface SyncTemplatesOptions {
  /** Templates per page of Meta's listing. Default the client's (100). */
  pageSize?: number;
}

interface ListedTemplate {
  meta_id: string;
  name: string;
  language: string;
  status: string;
  category: string | null;
  quality: string | null;
  parameter_format: string;
  components: unknown[];
  rejected_reason: string | null;
}

/**
 * Makes the number's templates what Meta lists for its WABA, following every page: new ones
 * are created, changed ones updated (keyed by name and language, unique per number), and
 * those Meta had and no longer lists are marked DELETED — the sender refuses them, and the
 * row stays for the messages sent with it. `last_synced_at` is when Meta last listed each one.
 *
 * Template webhooks keep running meanwhile: a row changed after the listing began (a webhook,
 * a create or edit in the back office) is newer than the listing and left as it is. Two syncs
 * of one number run one after the other.
 *
 * Throws TemplateAccountError when the actor may not manage the number's templates or the number
 * cannot call Meta, and Meta's GraphApiError (after flagging the number when only an admin can
 * fix it: token, permission).
 */
export async function syncTemplates(
  context: TemplateContext,
  accountId: string,
  actor: TemplateManager,
  options: SyncTemplatesOptions = {},
): Promise<TemplateSyncReport> {
  const refusal = templateManagerRefusal(actor, accountId);
  if (refusal) throw refusal;
  const { account, call } = await templateAccountCall(context, accountId);
  const [{ at: listingStartedAt }] = await context.dataSource.query(`SELECT clock_timestamp() AS at`);
  let templates: GraphMessageTemplate[];
  try {
    templates = await context.graph.listTemplates(call, options.pageSize ? { limit: options.pageSize } : {});
  } catch (error) {
    if (error instanceof GraphApiError) {
      await context.dataSource.transaction((manager) => flagAccountOnOperatorError(manager, account.id, error));
    }
    throw error;
  }
  // One row per name and language: a repeated entry (a page boundary shifting under a change) would fail the upsert.
  const unique = [...new Map(templates.map((t) => [`${t.name}/${t.language}`, listedTemplate(t)])).values()];
  const listed = JSON.stringify(unique);

  const report = await inTransaction(context.dataSource, async ({ manager }) => {
    await lockKeys(manager, [`templates:${account.id}`]);
    const before = await readTemplateStatuses(manager, account.id);
    const upserted = await queryOne<{ created: number; updated: number }>(
      manager,
      prepared(`WITH listed AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(meta_id text, name text, language text, status text, category text,
                quality text, parameter_format text, components jsonb, rejected_reason text)
       ), upserted AS (
         INSERT INTO whatsapp_templates AS t
                (account_id, meta_id, name, language, status, category, quality, parameter_format, components, rejection_reason, last_synced_at)
         SELECT $1, left(meta_id, 64), left(name, 512), left(language, 15), left(status, 30), left(category, 20), left(quality, 10),
                left(parameter_format, 12), components, rejected_reason, now()
           FROM listed
         ON CONFLICT ON CONSTRAINT uq_whatsapp_templates_account_name_language DO UPDATE
            SET meta_id = EXCLUDED.meta_id, status = EXCLUDED.status, category = EXCLUDED.category, quality = EXCLUDED.quality,
                parameter_format = EXCLUDED.parameter_format, components = EXCLUDED.components,
                rejection_reason = EXCLUDED.rejection_reason, last_synced_at = now(),
                -- a failed submission Meta turns out to have: its failure is over
                problem_code = CASE WHEN t.meta_id IS NULL THEN NULL ELSE t.problem_code END,
                problem_message = CASE WHEN t.meta_id IS NULL THEN NULL ELSE t.problem_message END,
                problem_explanation_key = CASE WHEN t.meta_id IS NULL THEN NULL ELSE t.problem_explanation_key END,
                problem_at = CASE WHEN t.meta_id IS NULL THEN NULL ELSE t.problem_at END,
                updated_at = now()
          WHERE t.updated_at <= $3
            AND (t.meta_id, t.status, t.category, t.quality, t.parameter_format, t.components, t.rejection_reason)
                IS DISTINCT FROM
                (EXCLUDED.meta_id, EXCLUDED.status, EXCLUDED.category, EXCLUDED.quality, EXCLUDED.parameter_format,
                 EXCLUDED.components, EXCLUDED.rejection_reason)
         RETURNING xmax = 0 AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`),
      [account.id, listed, listingStartedAt],
    );
    // Listed and unchanged: seen at Meta now, without counting as a change (updated_at stays).
    await queryRows(
      manager,
      prepared(`UPDATE whatsapp_templates t SET last_synced_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS l(name text, language text)
        WHERE t.account_id = $1 AND t.name = l.name AND t.language = l.language`),
      [account.id, listed],
    );
    const missing = await queryRows<{ id: string }>(
      manager,
      prepared(`UPDATE whatsapp_templates t SET status = 'DELETED', updated_at = now()
        WHERE t.account_id = $1 AND t.meta_id IS NOT NULL AND t.status <> 'DELETED' AND t.updated_at <= $3
          AND NOT EXISTS (
                SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS l(name text, language text)
                 WHERE l.name = t.name AND l.language = t.language)
       RETURNING t.id`),
      [account.id, listed, listingStartedAt],
    );
    await emitTemplateStatusChanges(manager, before, await readTemplateStatuses(manager, account.id));
    const created = upserted?.created ?? 0;
    const updated = upserted?.updated ?? 0;
    return { accountId: account.id, listed: unique.length, created, updated, unchanged: unique.length - created - updated, missing: missing.length };
  });
  context.logger.info('templates synced from Meta', { ...report });
  return report;
}

function listedTemplate(template: GraphMessageTemplate): ListedTemplate {
  const reason = template.rejected_reason;
  return {
    meta_id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    category: template.category ?? null,
    quality: template.quality_score?.score ?? null,
    parameter_format: template.parameter_format ?? 'POSITIONAL',
    components: template.components ?? [],
    // Meta says NONE for a template that was not rejected.
    rejected_reason: reason && reason !== 'NONE' ? reason : null,
  };
}

import { GraphApiError, type TemplateDefinition, type WabaCall } from '../cloud-api/index.js';
import type { TemplateProblem } from '../domain/template-rules.js';
import type { WhatsAppTemplate } from '../entities/whatsapp-template.entity.js';
import { loadTemplate } from './find-template.js';
import { flagAccountOnOperatorError, graphFailureReason } from './graph-failure.js';
import type { TemplateContext } from './template-context.js';

/**
 * How a create or edit ended:
 * - `invalid`: the draft breaks Meta's rules (or the number cannot be used); nothing was stored or sent.
 * - `submitted`: Meta accepted it for review; the row holds Meta's id and status.
 * - `refused`: Meta answered an error; the row keeps it (status REJECTED with Meta's words for a
 *   new template, the problem columns for an edit).
 * - `unanswered`: no answer from Meta (`error.outcome` says whether the request may have reached
 *   it); the row keeps the failure and the next sync tells whether Meta has the template.
 */
export type TemplateSubmission =
  | { status: 'invalid'; problems: TemplateProblem[] }
  | { status: 'submitted'; template: WhatsAppTemplate }
  | { status: 'refused'; template: WhatsAppTemplate; error: GraphApiError }
  | { status: 'unanswered'; template: WhatsAppTemplate; error: GraphApiError };

/**
 * Sends a stored template that Meta does not have yet (`meta_id` null) for review and stores
 * Meta's answer. The row was written before the call, so a crash or a timeout never loses it.
 *
 * A template webhook may arrive before Meta's answer is stored (the review can be that fast)
 * and set `meta_id` and the status itself: what it set is newer than the create answer and is kept.
 */
export async function submitTemplate(
  context: TemplateContext,
  target: { templateId: string; accountId: string; call: WabaCall; definition: TemplateDefinition },
): Promise<Exclude<TemplateSubmission, { status: 'invalid' }>> {
  const { templateId } = target;
  try {
    const created = await context.graph.createTemplate(target.call, target.definition);
    await context.dataSource.query(
      `UPDATE whatsapp_templates
          SET status = CASE WHEN meta_id IS NULL THEN left($3, 30) ELSE status END,
              category = CASE WHEN meta_id IS NULL THEN left($4, 20) ELSE category END,
              rejection_reason = CASE WHEN meta_id IS NULL THEN NULL ELSE rejection_reason END,
              meta_id = $2,
              problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL,
              updated_at = now()
        WHERE id = $1`,
      [templateId, created.id, created.status, created.category],
    );
    return { status: 'submitted', template: await loadTemplate(context, templateId) };
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    await context.dataSource.transaction(async (manager) => {
      // Kept only while Meta does not have the template: an earlier attempt or a webhook may have linked it meanwhile.
      await manager.query(
        `UPDATE whatsapp_templates
            SET status = CASE WHEN $5 THEN 'REJECTED' ELSE status END,
                rejection_reason = CASE WHEN $5 THEN $3 ELSE rejection_reason END,
                problem_code = $2, problem_message = $3, problem_explanation_key = $4, problem_at = now(), updated_at = now()
          WHERE id = $1 AND meta_id IS NULL`,
        [templateId, error.code, graphFailureReason(error), error.classification.explanationKey.slice(0, 100), error.outcome === 'rejected'],
      );
      await flagAccountOnOperatorError(manager, target.accountId, error);
    });
    context.logger.warn('template submission failed', {
      templateId,
      outcome: error.outcome,
      code: error.code,
      error: error.message,
    });
    const template = await loadTemplate(context, templateId);
    return error.outcome === 'rejected' ? { status: 'refused', template, error } : { status: 'unanswered', template, error };
  }
}

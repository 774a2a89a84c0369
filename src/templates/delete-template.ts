import { GraphApiError } from '../cloud-api/index.js';
import type { TemplateProblem } from '../domain/template-rules.js';
import type { WhatsAppTemplate } from '../entities/whatsapp-template.entity.js';
import { flagAccountOnOperatorError, recordTemplateProblem } from './graph-failure.js';
import { findTemplate, loadTemplate } from './find-template.js';
import { templateManagerRefusal, TemplateAccountError, templateAccountCall, type TemplateManager } from './template-account.js';
import type { TemplateContext } from './template-context.js';

export interface DeleteTemplateInput {
  templateId: string;
  /** Who deletes it (checked against the template's number, and logged). */
  actor: TemplateManager;
}

/**
 * - `deleted`: Meta deleted it (or no longer had it); the row stays, status DELETED, so the
 *   messages sent with it keep their template and Meta's DELETED webhook lands on it.
 * - `removed`: Meta never had it, or it was already DELETED: the row is gone.
 * - `invalid`: no such template, not this actor's to delete, or its number cannot call Meta.
 * - `refused` / `unanswered`: Meta answered an error, or nothing; the template's problem
 *   columns say which, and nothing changed here.
 */
export type TemplateDeletion =
  | { status: 'deleted'; template: WhatsAppTemplate }
  | { status: 'removed' }
  | { status: 'invalid'; problems: TemplateProblem[] }
  | { status: 'refused' | 'unanswered'; template: WhatsAppTemplate; error: GraphApiError };

// "Message template not found": Meta no longer has it, which is what deleting wanted.
const TEMPLATE_NOT_FOUND = { code: 100, subcode: 2593002 };

/**
 * Deletes one language of a template at Meta (`name` with `hsm_id`, so the template's other
 * languages stay), then here. Meta blocks a deleted approved name for 30 days.
 */
export async function deleteTemplate(context: TemplateContext, input: DeleteTemplateInput): Promise<TemplateDeletion> {
  const template = await findTemplate(context, input.templateId);
  if (!template) return { status: 'invalid', problems: [{ path: '', key: 'templates.notFound', params: {} }] };
  const refusal = templateManagerRefusal(input.actor, template.accountId);
  if (refusal) return { status: 'invalid', problems: [refusal.problem] };
  if (template.metaId === null || template.status === 'DELETED') {
    await context.dataSource.query(`DELETE FROM whatsapp_templates WHERE id = $1`, [template.id]);
    context.logger.info('template removed', { templateId: template.id, name: template.name, actorId: input.actor?.id ?? null });
    return { status: 'removed' };
  }

  let target: Awaited<ReturnType<typeof templateAccountCall>>;
  try {
    target = await templateAccountCall(context, template.accountId);
  } catch (error) {
    if (!(error instanceof TemplateAccountError)) throw error;
    return { status: 'invalid', problems: [error.problem] };
  }
  try {
    await context.graph.deleteTemplate(target.call, { name: template.name, hsmId: template.metaId });
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    if (error.code !== TEMPLATE_NOT_FOUND.code || error.subcode !== TEMPLATE_NOT_FOUND.subcode) {
      await context.dataSource.transaction(async (manager) => {
        await recordTemplateProblem(manager, template.id, error);
        await flagAccountOnOperatorError(manager, template.accountId, error);
      });
      context.logger.warn('template deletion failed', { templateId: template.id, outcome: error.outcome, code: error.code, error: error.message });
      const stored = await loadTemplate(context, template.id);
      return { status: error.outcome === 'rejected' ? 'refused' : 'unanswered', template: stored, error };
    }
  }
  await context.dataSource.query(
    `UPDATE whatsapp_templates
        SET status = 'DELETED', problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL, updated_at = now()
      WHERE id = $1`,
    [template.id],
  );
  context.logger.info('template deleted at Meta', { templateId: template.id, name: template.name, actorId: input.actor?.id ?? null });
  return { status: 'deleted', template: await loadTemplate(context, template.id) };
}

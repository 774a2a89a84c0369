import { GraphApiError, type TemplateDefinition } from '../cloud-api/index.js';
import { validateTemplateDraft, type TemplateProblem } from '../domain/template-rules.js';
import { flagAccountOnOperatorError, recordTemplateProblem } from './graph-failure.js';
import { findTemplate, loadTemplate } from './find-template.js';
import { submitTemplate, type TemplateSubmission } from './submit-template.js';
import { templateManagerRefusal, TemplateAccountError, templateAccountCall, type TemplateManager } from './template-account.js';
import type { TemplateContext } from './template-context.js';
import { templateDefinition } from './template-definition.js';

export interface EditTemplateInput {
  templateId: string;
  /** Meta's create body as the form produced it; its name and language are the template's own (Meta cannot change them). */
  draft: unknown;
  /** Who edits it (checked against the template's number, and logged). */
  actor: TemplateManager;
}

/**
 * Checks the new definition against Meta's rules and sends it: to `POST /{template-id}` when
 * Meta has the template (it goes back to review, PENDING), as a new submission when Meta
 * never took it (a refused or unanswered create). The stored definition changes only once
 * Meta accepted it; a refusal is kept in the template's problem columns.
 */
export async function editTemplate(context: TemplateContext, input: EditTemplateInput): Promise<TemplateSubmission> {
  const template = await findTemplate(context, input.templateId);
  if (!template) return { status: 'invalid', problems: [{ path: '', key: 'templates.notFound', params: {} }] };
  const refusal = templateManagerRefusal(input.actor, template.accountId);
  if (refusal) return { status: 'invalid', problems: [{ ...refusal.problem, path: '' }] };
  const draft = { ...(isRecord(input.draft) ? input.draft : {}), name: template.name, language: template.language };

  const problems: TemplateProblem[] = validateTemplateDraft(draft);
  if (template.status === 'DELETED') problems.unshift({ path: '', key: 'templates.deletedCannotEdit', params: {} });
  let target: Awaited<ReturnType<typeof templateAccountCall>> | null = null;
  try {
    target = await templateAccountCall(context, template.accountId);
  } catch (error) {
    if (!(error instanceof TemplateAccountError)) throw error;
    problems.unshift(error.problem);
  }
  if (problems.length > 0 || !target) return { status: 'invalid', problems };

  const definition = templateDefinition(draft as TemplateDefinition);
  context.logger.info('template edit submitted', { templateId: template.id, name: template.name, actorId: input.actor?.id ?? null });
  if (template.metaId === null && (await replaceUnsubmittedDefinition(context, template.id, definition))) {
    return submitTemplate(context, { templateId: template.id, accountId: template.accountId, call: target.call, definition });
  }

  const metaId = template.metaId ?? (await loadTemplate(context, template.id)).metaId!;
  const [{ at: startedAt }] = await context.dataSource.query(`SELECT clock_timestamp() AS at`);
  try {
    await context.graph.editTemplate({ accessToken: target.call.accessToken }, metaId, {
      category: definition.category,
      components: definition.components,
      parameter_format: definition.parameter_format ?? 'POSITIONAL',
    });
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    await context.dataSource.transaction(async (manager) => {
      await recordTemplateProblem(manager, template.id, error);
      await flagAccountOnOperatorError(manager, template.accountId, error);
    });
    context.logger.warn('template edit failed', { templateId: template.id, outcome: error.outcome, code: error.code, error: error.message });
    const stored = await loadTemplate(context, template.id);
    return error.outcome === 'rejected' ? { status: 'refused', template: stored, error } : { status: 'unanswered', template: stored, error };
  }
  // Review restarts (PENDING), unless a template webhook already told what came of it.
  await context.dataSource.query(
    `UPDATE whatsapp_templates
        SET category = left($2, 20), parameter_format = $3, components = $4::jsonb,
            status = CASE WHEN updated_at <= $5 THEN 'PENDING' ELSE status END,
            rejection_reason = CASE WHEN updated_at <= $5 THEN NULL ELSE rejection_reason END,
            problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL,
            updated_at = now()
      WHERE id = $1`,
    [template.id, definition.category, definition.parameter_format ?? 'POSITIONAL', JSON.stringify(definition.components), startedAt],
  );
  return { status: 'submitted', template: await loadTemplate(context, template.id) };
}

/** Writes the new definition of a template Meta never took; false when Meta took it meanwhile (a late answer or webhook). */
async function replaceUnsubmittedDefinition(context: TemplateContext, templateId: string, definition: TemplateDefinition): Promise<boolean> {
  const rows: { id: string }[] = await context.dataSource.query(
    `UPDATE whatsapp_templates
        SET category = $2, parameter_format = $3, components = $4::jsonb, status = 'DRAFT', rejection_reason = NULL,
            problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL, updated_at = now()
      WHERE id = $1 AND meta_id IS NULL
      RETURNING id`,
    [templateId, definition.category, definition.parameter_format ?? 'POSITIONAL', JSON.stringify(definition.components)],
  );
  return rows.length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

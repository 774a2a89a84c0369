import type { TemplateDefinition } from '../cloud-api/index.js';
import { validateTemplateDraft, type TemplateProblem } from '../domain/template-rules.js';
import { submitTemplate, type TemplateSubmission } from './submit-template.js';
import { templateManagerRefusal, TemplateAccountError, templateAccountCall, type TemplateManager } from './template-account.js';
import type { TemplateContext } from './template-context.js';
import { templateDefinition } from './template-definition.js';

export interface CreateTemplateInput {
  accountId: string;
  /** Meta's create body as the form produced it (checked here), `allow_category_change` included when wanted. */
  draft: unknown;
  /** Who creates it (checked against the number, and logged). */
  actor: TemplateManager;
}

/**
 * Checks a new template against Meta's rules, stores it (status DRAFT) and submits it for
 * review. An invalid draft is neither stored nor sent: every problem comes back at once.
 *
 * A name and language already stored for the number is refused, unless that row is one Meta
 * does not have (a refused or unanswered submission, or a deleted template): submitting again
 * replaces it.
 */
export async function createTemplate(context: TemplateContext, input: CreateTemplateInput): Promise<TemplateSubmission> {
  const refusal = templateManagerRefusal(input.actor, input.accountId);
  if (refusal) return { status: 'invalid', problems: [refusal.problem] };
  const problems: TemplateProblem[] = validateTemplateDraft(input.draft);
  let target: Awaited<ReturnType<typeof templateAccountCall>> | null = null;
  try {
    target = await templateAccountCall(context, input.accountId);
  } catch (error) {
    if (!(error instanceof TemplateAccountError)) throw error;
    problems.unshift(error.problem);
  }
  if (problems.length > 0 || !target) return { status: 'invalid', problems };

  const definition = templateDefinition(input.draft as TemplateDefinition);
  const templateId = await storeDraft(context, target.account.id, definition);
  if (!templateId) {
    return {
      status: 'invalid',
      problems: [{ path: 'name', key: 'templates.alreadyExists', params: { name: definition.name, language: definition.language } }],
    };
  }
  context.logger.info('template submitted for review', { templateId, accountId: target.account.id, name: definition.name, actorId: input.actor?.id ?? null });
  return submitTemplate(context, { templateId, accountId: target.account.id, call: target.call, definition });
}

/** The row's id, or null when Meta already has a template of that name and language for the number. */
async function storeDraft(context: TemplateContext, accountId: string, definition: TemplateDefinition): Promise<string | null> {
  const rows: { id: string }[] = await context.dataSource.query(
    `INSERT INTO whatsapp_templates AS t (account_id, name, language, category, status, parameter_format, components)
     VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6::jsonb)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_templates_account_name_language DO UPDATE
        SET category = EXCLUDED.category, status = 'DRAFT', parameter_format = EXCLUDED.parameter_format,
            components = EXCLUDED.components, meta_id = NULL, quality = NULL, rejection_reason = NULL,
            problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL,
            last_synced_at = NULL, updated_at = now()
      WHERE t.meta_id IS NULL OR t.status = 'DELETED'
     RETURNING t.id`,
    [
      accountId,
      definition.name,
      definition.language,
      definition.category,
      definition.parameter_format ?? 'POSITIONAL',
      JSON.stringify(definition.components),
    ],
  );
  return rows[0]?.id ?? null;
}

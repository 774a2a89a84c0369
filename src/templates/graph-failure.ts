import type { EntityManager } from 'typeorm';
import type { GraphApiError } from '../cloud-api/index.js';

/** Meta's own words for a failed call (title and details), or what went wrong on the way when Meta never answered. */
export function graphFailureReason(error: GraphApiError): string {
  if (error.kind !== 'meta-error') return error.message;
  const code = error.code !== null ? `(#${error.code}${error.subcode !== null ? `/${error.subcode}` : ''}) ` : '';
  const title = error.title ?? error.message;
  return `${code}${title}${error.details && error.details !== title ? ` — ${error.details}` : ''}`;
}

/**
 * Stores on the template why the last call about it failed, so that the admin sees it on the
 * template (the problem columns the sender also uses for templates that need an admin).
 */
export async function recordTemplateProblem(manager: EntityManager, templateId: string, error: GraphApiError): Promise<void> {
  await manager.query(
    `UPDATE whatsapp_templates
        SET problem_code = $2, problem_message = $3, problem_explanation_key = $4, problem_at = now(), updated_at = now()
      WHERE id = $1`,
    [templateId, error.code, graphFailureReason(error), error.classification.explanationKey.slice(0, 100)],
  );
}

/**
 * An error only an admin can fix on the number (token revoked or expired, permission, lock)
 * flags the account as a send would, so the reason shows on the number too.
 */
export async function flagAccountOnOperatorError(manager: EntityManager, accountId: string, error: GraphApiError): Promise<void> {
  if (error.classification.flags !== 'account' || error.code === null) return;
  await manager.query(
    `UPDATE whatsapp_accounts
        SET problem_code = $2, problem_message = $3, problem_explanation_key = $4, problem_at = now(), updated_at = now()
      WHERE id = $1`,
    [accountId, error.code, graphFailureReason(error), error.classification.explanationKey.slice(0, 100)],
  );
}

import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';

/**
 * The templates an admin may read, as a predicate on a `whatsapp_templates` alias: those of the
 * numbers whose inbox he views (to send them) or whose templates he manages.
 */
export function visibleTemplatesPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  const viewed = numbersWith(admin, 'inbox.view');
  const managed = numbersWith(admin, 'templates.manage');
  if (viewed === 'all' || managed === 'all') return { sql: 'TRUE', params: [] };
  const numbers = [...new Set([...viewed, ...managed])];
  if (numbers.length === 0) return { sql: 'FALSE', params: [] };
  const { params, param } = parameters(offset);
  return { sql: `${alias}.account_id = ANY(${param(numbers)}::uuid[])`, params };
}

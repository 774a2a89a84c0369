import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';

/**
 * The automation rows (settings, rules, SLA policies) an admin manages, as a predicate on an
 * alias with an `account_id`: those of the numbers where he holds automation.manage; rows for
 * every number (no account) only when he holds it everywhere.
 */
export function managedAutomationPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  const numbers = numbersWith(admin, 'automation.manage');
  if (numbers === 'all') return { sql: 'TRUE', params: [] };
  if (numbers.length === 0) return { sql: 'FALSE', params: [] };
  const { params, param } = parameters(offset);
  return { sql: `${alias}.account_id = ANY(${param(numbers)}::uuid[])`, params };
}

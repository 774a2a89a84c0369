import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';

/**
 * The SQL twin of canSeeConversation, for lists, counts, searches and live updates: a
 * predicate on a conversations alias plus its parameters, appended after `offset` existing ones.
 * Everything an agent may not see is filtered in the database, never after loading rows.
 */
export function visibleConversationsPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  const all = numbersWith(admin, 'inbox.view_all');
  if (all === 'all') return { sql: 'TRUE', params: [] };
  const view = numbersWith(admin, 'inbox.view');
  const { params, param } = parameters(offset);
  const parts: string[] = [];
  if (all.length > 0) parts.push(`${alias}.account_id = ANY(${param(all)}::uuid[])`);
  if (view === 'all' || view.length > 0) {
    const mineOrNobody = `(${alias}.assignee_id IS NULL OR ${alias}.assignee_id = ${param(admin.id)}::text)`;
    parts.push(view === 'all' ? mineOrNobody : `(${alias}.account_id = ANY(${param(view)}::uuid[]) AND ${mineOrNobody})`);
  }
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

import type { InboxActor } from './permission-snapshot.js';
import type { SqlPredicate } from './sql-predicate.js';

/** The canned replies an admin sees: the shared ones and their own, never a colleague's. */
export function visibleCannedRepliesPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  return { sql: `(${alias}.owner_id IS NULL OR ${alias}.owner_id = $${offset + 1}::text)`, params: [admin.id] };
}

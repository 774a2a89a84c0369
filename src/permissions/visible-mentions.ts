import type { InboxActor } from './permission-snapshot.js';
import type { SqlPredicate } from './sql-predicate.js';

/** The mentions an admin sees in the mentions list: their own. */
export function ownMentionsPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  return { sql: `${alias}.agent_id = $${offset + 1}::text`, params: [admin.id] };
}

import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';

/**
 * Broadcasts and sequences an admin may see, as a predicate on an alias of their table: those of
 * the numbers where he holds `campaigns.manage`. `accountOf` is the SQL giving the row's number
 * (its `account_id`, or a subquery for rows that belong to a sequence).
 */
export function visibleCampaignsPredicate(admin: InboxActor | undefined | null, accountOf: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  const numbers = numbersWith(admin, 'campaigns.manage');
  if (numbers === 'all') return { sql: 'TRUE', params: [] };
  if (numbers.length === 0) return { sql: 'FALSE', params: [] };
  const { params, param } = parameters(offset);
  return { sql: `${accountOf} = ANY(${param(numbers)}::uuid[])`, params };
}

import { snapshotOf, type InboxActor } from '../permissions/permission-snapshot.js';
import { queryRows, type Queryable } from '../db/sql.js';

export interface ActiveAdmin {
  id: string;
  name: string;
  email: string;
  /** What they hold, decided by the same rules (`holds`) as for the signed-in admin. */
  actor: InboxActor;
}

/**
 * Active admins with their permission snapshots, by name; only `ids` when given. The snapshot
 * is built from the role and the grants exactly as at sign-in, so "who may be assigned" and
 * "what an agent may do" can never disagree.
 */
export async function activeAdmins(db: Queryable, ids?: readonly string[]): Promise<ActiveAdmin[]> {
  const rows = await queryRows<{ id: string; name: string; email: string; role: string; grants: { permission: string; accountId: string | null }[] }>(
    db,
    `SELECT u.id, u.name, u.email, u.role,
            COALESCE(json_agg(json_build_object('permission', g.permission, 'accountId', g.account_id)) FILTER (WHERE g.id IS NOT NULL), '[]'::json) AS grants
       FROM whatsapp_agents u
       LEFT JOIN whatsapp_permission_grants g ON g.agent_id = u.id
      WHERE u.is_active AND ($1::text[] IS NULL OR u.id = ANY($1::text[]))
      GROUP BY u.id
      ORDER BY lower(u.name), u.email`,
    [ids ? [...ids] : null],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    actor: { id: row.id, role: row.role, permissions: snapshotOf(row.role, row.grants) },
  }));
}

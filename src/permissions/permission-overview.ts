import type { DataSource } from 'typeorm';
import { lockedReason, type TargetAdmin } from './permission-change.js';
import { NUMBER_SCOPED_PERMISSIONS, PERMISSIONS, roleDefaults, type Permission } from './permission-names.js';
import { PermissionRefusal } from './permission-refusal.js';
import { holds, type InboxActor } from './permission-snapshot.js';

const RECENT_CHANGES = 50;

/** What the per-agent permissions screen shows: what they hold, what the viewer may change, and the audit. */
export interface PermissionOverview {
  permissions: { name: Permission; numberScoped: boolean }[];
  numbers: { id: string; name: string; phone: string | null }[];
  held: {
    /** Held by the admin's role: shown, never revocable. */
    byRole: Permission[];
    /** Granted for every number. */
    everyNumber: string[];
    /** Granted for one number, by account id. */
    byNumber: Record<string, string[]>;
  };
  /** What the viewer may grant or revoke for this admin, per permission: for every number, and for which numbers. */
  grantable: { permission: Permission; everyNumber: boolean; numbers: string[] }[];
  /** Why the viewer may change nothing here (an i18n key), or null. */
  locked: string | null;
  /** The latest changes, newest first. Names are null when the actor or the number was deleted since. */
  changes: {
    id: string;
    change: 'granted' | 'revoked';
    permission: string;
    accountId: string | null;
    numberName: string | null;
    actorName: string | null;
    createdAt: string;
  }[];
}

/** Reads only: the GET of the permissions screen. Null when the admin does not exist. */
export async function permissionOverview(
  dataSource: DataSource,
  adminId: string,
  viewer: InboxActor,
): Promise<PermissionOverview | null> {
  const [target]: TargetAdmin[] = await dataSource.query(`SELECT id, role, is_active AS "isActive" FROM whatsapp_agents WHERE id = $1`, [adminId]);
  if (!target) return null;
  const [numbers, grants, changes] = await Promise.all([
    dataSource.query(`SELECT id, name, display_phone_number AS phone FROM whatsapp_accounts ORDER BY name, id`),
    dataSource.query(`SELECT permission, account_id AS "accountId" FROM whatsapp_permission_grants WHERE agent_id = $1 ORDER BY permission`, [adminId]),
    dataSource.query(
      `SELECT c.id, c.change, c.permission, c.account_id AS "accountId", a.name AS "numberName", u.name AS "actorName", c.created_at AS "createdAt"
         FROM whatsapp_permission_changes c
         LEFT JOIN whatsapp_accounts a ON a.id = c.account_id
         LEFT JOIN whatsapp_agents u ON u.id = c.actor_id
        WHERE c.agent_id = $1
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $2`,
      [adminId, RECENT_CHANGES],
    ),
  ]);

  const everyNumber: string[] = [];
  const byNumber: Record<string, string[]> = {};
  for (const grant of grants as { permission: string; accountId: string | null }[]) {
    if (grant.accountId === null) everyNumber.push(grant.permission);
    else (byNumber[grant.accountId] ??= []).push(grant.permission);
  }

  const locked = lockedReason(viewer, target);
  const byRole = roleDefaults(target.role);
  const grantable = PERMISSIONS.map((permission) => {
    const open = !locked && !byRole.includes(permission);
    const scoped = NUMBER_SCOPED_PERMISSIONS.includes(permission);
    return {
      permission,
      everyNumber: open && holds(viewer, permission, null),
      numbers: open && scoped ? (numbers as { id: string }[]).filter((n) => holds(viewer, permission, n.id)).map((n) => n.id) : [],
    };
  });

  return {
    permissions: PERMISSIONS.map((name) => ({ name, numberScoped: NUMBER_SCOPED_PERMISSIONS.includes(name) })),
    numbers,
    held: { byRole: [...byRole], everyNumber, byNumber },
    grantable,
    locked: locked ? PermissionRefusal.of(locked).key : null,
    changes: (changes as PermissionOverview['changes']).map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() })),
  };
}

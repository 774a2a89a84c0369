import type { EntityManager } from 'typeorm';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { notifyPermissionsChanged } from '../db/notify.js';
import { isPermission, NUMBER_SCOPED_PERMISSIONS, type Permission } from './permission-names.js';
import { PermissionRefusal, type PermissionRefusalReason } from './permission-refusal.js';
import { holds, type InboxActor } from './permission-snapshot.js';
import { isAgentId } from '../domain/agent-role.js';
import { isUuid } from '../domain/uuid.js';

export interface PermissionChangeRequest {
  /** The admin whose permissions change. */
  adminId: string;
  permission: string;
  /** null: for every number. */
  accountId: string | null;
  /** Who asks, with the permissions loaded for this request. */
  actor: InboxActor;
}

export interface PermissionChangeOutcome {
  /** false: nothing needed doing (already held, not held); nothing was written. */
  changed: boolean;
  /** What happened, as an i18n key (`permissions.notice.*`). */
  key: string;
  params: Record<string, string>;
}

export interface TargetAdmin {
  id: string;
  role: string;
  isActive: boolean;
}

export interface CheckedChange {
  target: TargetAdmin;
  permission: Permission;
  accountId: string | null;
  actorId: string | null;
}

const ROLE_RANK: Record<string, number> = { agent: 0, manager: 1, super_admin: 2 };
const rank = (role: string | undefined) => ROLE_RANK[role ?? 'agent'] ?? 0;

/**
 * Why an actor may change none of an admin's permissions, or null when some may be changed.
 * A super-admin holds everything by role; nobody changes their own permissions (no
 * self-escalation, no locking oneself out); an agent who was given `permissions.grant` does
 * not reach a manager.
 */
export function lockedReason(actor: InboxActor | null | undefined, target: TargetAdmin): PermissionRefusalReason | null {
  if (!actor || !holds(actor, 'permissions.grant', null)) return 'not-allowed';
  if (!target.isActive) return 'inactive-admin';
  if (target.role === 'super_admin') return 'super-admin';
  if (target.id === actor.id) return 'own-permissions';
  if (rank(actor.role as string | undefined) < rank(target.role)) return 'higher-role';
  return null;
}

/**
 * The refusals both directions share, checked in the transaction after locking the admin's row:
 * concurrent changes to one admin's permissions run one after the other, so each sees the
 * previous one's result.
 */
export async function checkPermissionChange(manager: EntityManager, request: PermissionChangeRequest): Promise<CheckedChange> {
  const { actor, permission, accountId } = request;
  if (!holds(actor, 'permissions.grant', null)) throw PermissionRefusal.of('not-allowed');
  if (!isPermission(permission)) throw PermissionRefusal.of('unknown-permission', { permission: String(permission) });
  const target = isAgentId(request.adminId)
    ? await queryOne<TargetAdmin>(
        manager,
        prepared(`SELECT id, role, is_active AS "isActive" FROM whatsapp_agents WHERE id = $1 FOR NO KEY UPDATE`),
        [request.adminId],
      )
    : undefined;
  if (!target) throw PermissionRefusal.of('unknown-admin');
  const locked = lockedReason(actor, target);
  if (locked) throw PermissionRefusal.of(locked);
  if (accountId !== null) {
    const number = isUuid(accountId) ? await queryOne(manager, prepared(`SELECT id FROM whatsapp_accounts WHERE id = $1`), [accountId]) : undefined;
    if (!number) throw PermissionRefusal.of('unknown-number');
    if (!NUMBER_SCOPED_PERMISSIONS.includes(permission)) throw PermissionRefusal.of('not-number-scoped', { permission });
  }
  if (!holds(actor, permission, accountId)) throw PermissionRefusal.of('not-held-by-you', { permission });
  // The host's own code acts as nobody in particular: the audit says "by the system".
  return { target, permission, accountId, actorId: actor.id || null };
}

/** The audit rows of one change, and the NOTIFY that live streams reload on (sent at commit). */
export async function recordPermissionChanges(
  manager: EntityManager,
  change: CheckedChange,
  rows: { change: 'granted' | 'revoked'; accountId: string | null }[],
): Promise<void> {
  await queryRows(
    manager,
    // clock_timestamp(): the rows of one transaction keep their order in the audit list.
    `INSERT INTO whatsapp_permission_changes (agent_id, permission, account_id, change, actor_id, created_at)
     SELECT $1, $2, row.account_id, row.change, $3, clock_timestamp()
       FROM unnest($4::uuid[], $5::text[]) WITH ORDINALITY AS row(account_id, change, position)
      ORDER BY row.position`,
    [change.target.id, change.permission, change.actorId, rows.map((row) => row.accountId), rows.map((row) => row.change)],
  );
  await notifyPermissionsChanged(manager, change.target.id);
}

export function outcome(
  changed: boolean,
  key: string,
  change: { permission: string; accountId: string | null },
  extra: Record<string, string> = {},
): PermissionChangeOutcome {
  return { changed, key: `permissions.notice.${key}`, params: { permission: change.permission, accountId: change.accountId ?? 'all', ...extra } };
}

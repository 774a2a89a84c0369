import { roleDefaults, type Permission } from './permission-names.js';

/**
 * What one agent may do, loaded with the agent on every request (so a grant or a revocation
 * takes effect on the next click).
 */
export interface PermissionSnapshot {
  /** Held for every number (role defaults and grants without a number). */
  everyNumber: Permission[];
  /** Held for one number only, by account id. */
  byNumber: Record<string, Permission[]>;
}

/** Who acts, as the permission rules see them: the agent's id, role and snapshot. */
export interface InboxActor {
  id: string;
  role?: string;
  permissions?: PermissionSnapshot;
}

export const NO_PERMISSIONS: PermissionSnapshot = { everyNumber: [], byNumber: {} };

/** Builds the snapshot from the role and the admin's grant rows. */
export function snapshotOf(role: string | undefined, grants: { permission: string; accountId: string | null }[]): PermissionSnapshot {
  const everyNumber = new Set<Permission>(roleDefaults(role));
  const byNumber: Record<string, Permission[]> = {};
  for (const grant of grants) {
    const permission = grant.permission as Permission;
    if (grant.accountId === null) everyNumber.add(permission);
    else (byNumber[grant.accountId] ??= []).push(permission);
  }
  return { everyNumber: [...everyNumber].sort(), byNumber };
}

function snapshot(admin: InboxActor | undefined | null): PermissionSnapshot {
  return admin?.permissions ?? NO_PERMISSIONS;
}

/**
 * "Holds for this number" (accountId given) or "holds somewhere" (accountId omitted: the
 * resource-level question AdminJS asks before it knows the record).
 * `inbox.view_all` implies `inbox.view`.
 */
export function holds(admin: InboxActor | undefined | null, permission: Permission, accountId?: string | null): boolean {
  if (!admin) return false;
  const { everyNumber, byNumber } = snapshot(admin);
  const implied = (list: readonly Permission[]) => list.includes(permission) || (permission === 'inbox.view' && list.includes('inbox.view_all'));
  if (implied(everyNumber)) return true;
  if (accountId === undefined) return Object.values(byNumber).some(implied);
  return accountId !== null && implied(byNumber[accountId] ?? []);
}

/** The numbers where a permission is held: 'all', or a list of account ids (maybe empty). */
export function numbersWith(admin: InboxActor | undefined | null, permission: Permission): 'all' | string[] {
  if (!admin) return [];
  const { everyNumber, byNumber } = snapshot(admin);
  const implied = (list: readonly Permission[]) => list.includes(permission) || (permission === 'inbox.view' && list.includes('inbox.view_all'));
  if (implied(everyNumber)) return 'all';
  return Object.entries(byNumber).filter(([, list]) => implied(list)).map(([accountId]) => accountId).sort();
}

/**
 * Whether an admin may see one conversation: with `inbox.view_all` on its number, any; with
 * `inbox.view` only, the ones assigned to them and the unassigned ones.
 */
export function canSeeConversation(
  admin: InboxActor | undefined | null,
  conversation: { accountId: string; assigneeId: string | null },
): boolean {
  if (!admin) return false;
  if (holds(admin, 'inbox.view_all', conversation.accountId)) return true;
  return holds(admin, 'inbox.view', conversation.accountId) && (conversation.assigneeId === null || conversation.assigneeId === admin.id);
}

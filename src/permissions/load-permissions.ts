import type { DataSource } from 'typeorm';
import { snapshotOf, type PermissionSnapshot } from './permission-snapshot.js';

/** One indexed query per request: the admin's grants, turned into a snapshot with the role's defaults. */
export async function loadPermissions(dataSource: DataSource, admin: { id: string; role?: string }): Promise<PermissionSnapshot> {
  const grants: { permission: string; accountId: string | null }[] = await dataSource.query(
    `SELECT permission, account_id AS "accountId" FROM whatsapp_permission_grants WHERE agent_id = $1`,
    [admin.id],
  );
  return snapshotOf(admin.role, grants);
}

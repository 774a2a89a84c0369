import { inTransaction } from '../db/transaction.js';
import { prepared, queryRows } from '../db/sql.js';
import type { PluginContext } from '../context/plugin-context.js';
import { checkPermissionChange, outcome, recordPermissionChanges, type PermissionChangeOutcome, type PermissionChangeRequest } from './permission-change.js';
import { roleDefaults } from './permission-names.js';
import { PermissionRefusal } from './permission-refusal.js';

/**
 * Takes a grant back: for every number (accountId null) or for one. The same rules as granting
 * (the actor holds `permissions.grant` and the permission for that scope). A role's default is
 * not a grant and cannot be revoked; a permission held for every number cannot be revoked for
 * one number only (revoke it for every number, then grant the numbers to keep). Revoking what
 * is not held is a no-op that says so. Throws PermissionRefusal when not allowed.
 */
export async function revokePermission(context: Pick<PluginContext, 'dataSource'>, request: PermissionChangeRequest): Promise<PermissionChangeOutcome> {
  return inTransaction(context.dataSource, async ({ manager }) => {
    const change = await checkPermissionChange(manager, request);
    const { target, permission, accountId } = change;
    if (roleDefaults(target.role).includes(permission)) throw PermissionRefusal.of('by-role', { permission });
    const deleted = await queryRows(
      manager,
      prepared(`DELETE FROM whatsapp_permission_grants
        WHERE agent_id = $1 AND permission = $2 AND account_id IS NOT DISTINCT FROM $3::uuid RETURNING id`),
      [target.id, permission, accountId],
    );
    if (deleted.length === 0) {
      const everyNumber = await queryRows(
        manager,
        prepared(`SELECT 1 FROM whatsapp_permission_grants WHERE agent_id = $1 AND permission = $2 AND account_id IS NULL`),
        [target.id, permission],
      );
      if (accountId !== null && everyNumber.length > 0) throw PermissionRefusal.of('held-for-every-number', { permission });
      return outcome(false, 'notHeld', change);
    }
    await recordPermissionChanges(manager, change, [{ change: 'revoked', accountId }]);
    return outcome(true, 'revoked', change);
  });
}

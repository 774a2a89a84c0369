import { inTransaction } from '../db/transaction.js';
import { prepared, queryRows } from '../db/sql.js';
import type { PluginContext } from '../context/plugin-context.js';
import { checkPermissionChange, outcome, recordPermissionChanges, type PermissionChangeOutcome, type PermissionChangeRequest } from './permission-change.js';
import { roleDefaults } from './permission-names.js';

const INSERT_FOR_EVERY_NUMBER = `
  INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id, granted_by_id) VALUES ($1, $2, NULL, $3)
  ON CONFLICT (agent_id, permission) WHERE account_id IS NULL DO NOTHING RETURNING id`;
const INSERT_FOR_ONE_NUMBER = `
  INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id, granted_by_id) VALUES ($1, $2, $4, $3)
  ON CONFLICT (agent_id, permission, account_id) WHERE account_id IS NOT NULL DO NOTHING RETURNING id`;

/**
 * Gives an admin a permission for every number (accountId null) or for one. The actor needs
 * `permissions.grant` and must hold the permission himself for that scope. Something already
 * held (by role, for every number, or this very grant) is a no-op that says so. A grant for
 * every number folds the per-number grants of the same permission into it (audited as
 * revoked), so that revoking it later leaves nothing behind that the screen would not show.
 * Throws PermissionRefusal when not allowed; nothing is written then.
 */
export async function grantPermission(context: Pick<PluginContext, 'dataSource'>, request: PermissionChangeRequest): Promise<PermissionChangeOutcome> {
  return inTransaction(context.dataSource, async ({ manager }) => {
    const change = await checkPermissionChange(manager, request);
    const { target, permission, accountId, actorId } = change;
    if (roleDefaults(target.role).includes(permission)) return outcome(false, 'alreadyByRole', change);
    const held = await queryRows<{ accountId: string | null }>(
      manager,
      prepared(`SELECT account_id AS "accountId" FROM whatsapp_permission_grants WHERE agent_id = $1 AND permission = $2`),
      [target.id, permission],
    );
    if (held.some((grant) => grant.accountId === null)) return outcome(false, accountId === null ? 'alreadyHeld' : 'alreadyEveryNumber', change);
    if (held.some((grant) => grant.accountId === accountId)) return outcome(false, 'alreadyHeld', change);

    const inserted =
      accountId === null
        ? await queryRows(manager, prepared(INSERT_FOR_EVERY_NUMBER), [target.id, permission, actorId])
        : await queryRows(manager, prepared(INSERT_FOR_ONE_NUMBER), [target.id, permission, actorId, accountId]);
    // Another writer that does not lock the admin's row got there first: it is held, as asked.
    if (inserted.length === 0) return outcome(false, 'alreadyHeld', change);

    const folded =
      accountId === null
        ? await queryRows<{ accountId: string }>(
            manager,
            prepared(`DELETE FROM whatsapp_permission_grants WHERE agent_id = $1 AND permission = $2 AND account_id IS NOT NULL
             RETURNING account_id AS "accountId"`),
            [target.id, permission],
          )
        : [];
    await recordPermissionChanges(manager, change, [
      ...folded.map((grant) => ({ change: 'revoked' as const, accountId: grant.accountId })),
      { change: 'granted', accountId },
    ]);
    return folded.length > 0 ? outcome(true, 'grantedFolded', change, { count: String(folded.length) }) : outcome(true, 'granted', change);
  });
}

import type { PermissionOverview } from '../../permissions/permission-overview.js';
import { EVERY_NUMBER } from '../../permissions/permission-names.ts';

export interface CellState {
  checked: boolean;
  /** Why the viewer may not change it (an i18n key), or null. */
  why: string | null;
}

/** One cell of the matrix: whether the agent holds the permission there, and whether the viewer may change that. */
export const permissionCellState = (screen: PermissionOverview, permission: PermissionOverview['permissions'][number], scope: string): CellState => {
  const { name, numberScoped } = permission;
  const rights = screen.grantable.find((g) => g.permission === name);
  const heldEverywhere = screen.held.everyNumber.includes(name);
  if (screen.held.byRole.includes(name)) return { checked: true, why: 'permissions.cell.byRole' };
  if (scope === EVERY_NUMBER) return { checked: heldEverywhere, why: screen.locked ?? (rights?.everyNumber ? null : 'permissions.cell.notGrantable') };
  if (!numberScoped) return { checked: heldEverywhere, why: 'permissions.cell.allNumbersOnly' };
  if (heldEverywhere) return { checked: true, why: 'permissions.cell.everyNumber' };
  return {
    checked: (screen.held.byNumber[scope] ?? []).includes(name),
    why: screen.locked ?? (rights?.numbers.includes(scope) ? null : 'permissions.cell.notGrantable'),
  };
};

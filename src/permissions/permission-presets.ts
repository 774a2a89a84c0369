import type { PluginContext } from '../context/plugin-context.js';
import { grantPermission } from './grant-permission.js';
import { NUMBER_SCOPED_PERMISSIONS, PERMISSIONS, type Permission } from './permission-names.js';
import { PermissionRefusal } from './permission-refusal.js';
import { snapshotOf, type InboxActor } from './permission-snapshot.js';

/** Named sets of permissions a manager gives a new agent in one step, then adjusts one by one. */
export type PermissionPresets = Readonly<Record<string, readonly Permission[]>>;

/**
 * The presets offered unless the host gives its own (`permissionPresets`): an agent answers and
 * closes his conversations; a senior agent also hands them out and files leads; a supervisor also
 * reads every conversation and keeps the labels and templates. Names are translated as
 * `permissions.presets.<name>`.
 */
export const DEFAULT_PERMISSION_PRESETS: PermissionPresets = {
  agent: ['inbox.view', 'inbox.reply', 'inbox.resolve'],
  seniorAgent: ['inbox.view', 'inbox.reply', 'inbox.resolve', 'inbox.assign', 'leads.manage'],
  supervisor: ['inbox.view', 'inbox.view_all', 'inbox.reply', 'inbox.resolve', 'inbox.assign', 'leads.manage', 'labels.manage', 'templates.manage'],
};

/** The host itself, applying a preset from its own code (`plugin.agents.applyPreset`): it may give anything. */
export const HOST_ACTOR: InboxActor = { id: '', role: 'super_admin', permissions: snapshotOf('super_admin', []) };

export interface PresetOutcome {
  granted: number;
  /** Already held (by role, for every number, or this very grant). */
  unchanged: number;
  /** Not grantable by this actor, or not for one number: left out. */
  refused: number;
}

/**
 * Grants each permission of the preset the agent does not hold yet, for every number
 * (`accountId` null) or one — permissions that only exist for every number are then left out.
 * Each grant is the ordinary one (checked, audited, applied to live streams); nothing is revoked.
 */
export async function applyPermissionPreset(
  context: Pick<PluginContext, 'dataSource'>,
  input: { adminId: string; permissions: readonly Permission[]; accountId: string | null; actor: InboxActor },
): Promise<PresetOutcome> {
  const outcome: PresetOutcome = { granted: 0, unchanged: 0, refused: 0 };
  for (const permission of PERMISSIONS.filter((name) => input.permissions.includes(name))) {
    if (input.accountId !== null && !NUMBER_SCOPED_PERMISSIONS.includes(permission)) {
      outcome.refused += 1;
      continue;
    }
    try {
      const result = await grantPermission(context, { adminId: input.adminId, permission, accountId: input.accountId, actor: input.actor });
      outcome[result.changed ? 'granted' : 'unchanged'] += 1;
    } catch (error) {
      if (!(error instanceof PermissionRefusal) || error.reason !== 'not-held-by-you') throw error;
      outcome.refused += 1;
    }
  }
  return outcome;
}

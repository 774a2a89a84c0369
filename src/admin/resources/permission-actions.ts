import type { Action, ActionContext, ActionRequest, ActionResponse, NoticeMessage, RecordJSON } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { grantPermission } from '../../permissions/grant-permission.js';
import { EVERY_NUMBER } from '../../permissions/permission-names.js';
import { permissionOverview, type PermissionOverview } from '../../permissions/permission-overview.js';
import { applyPermissionPreset, type PermissionPresets } from '../../permissions/permission-presets.js';
import { refusalNotice } from '../refusal-notice.js';
import { holds } from '../../permissions/permission-snapshot.js';
import { revokePermission } from '../../permissions/revoke-permission.js';
import type { PluginContext } from '../../context/plugin-context.js';
import type { WhatsAppComponents } from '../components.js';
import { actorOf } from './conversation-workflow-actions.js';

/** Synchronous, as AdminJS requires: the snapshot was loaded with the admin for this request. */
export const mayGrantPermissions = ({ currentAdmin }: ActionContext) => holds(signedInAgent(currentAdmin), 'permissions.grant', null);

/** The permissions screen's answer: the agent, what they hold (absent when the agent no longer exists), the presets, and a notice after a POST. */
export type PermissionScreen = { record: RecordJSON; notice?: NoticeMessage; presets: { name: string; permissions: string[] }[] } & Partial<PermissionOverview>;

/** The form and JSON spellings of "every number". */
function scopeOf(value: unknown): string | null {
  return value === undefined || value === null || value === '' || value === EVERY_NUMBER ? null : String(value);
}

/**
 * The per-agent permissions screen on whatsapp_agents: GET shows what the agent holds (by role, for
 * every number, per number), what the viewer may change and the latest changes; POST
 * `{ op: 'grant' | 'revoke', permission, accountId }` makes one change, `{ op: 'preset', preset,
 * accountId }` grants a preset's permissions, and both answer the same data, fresh, with a notice.
 */
export function permissionActions(context: PluginContext, components: WhatsAppComponents, presets: PermissionPresets): Record<string, Action<ActionResponse>> {
  return {
    permissions: {
      name: 'permissions',
      actionType: 'record',
      icon: 'Key',
      component: components.permissionGrants,
      isAccessible: mayGrantPermissions,
      isVisible: mayGrantPermissions,
      handler: async (request: ActionRequest, _response, actionContext) => {
        const record = actionContext.record!;
        const adminId = String(record.id());
        const actor = actorOf(actionContext.currentAdmin);
        const screen = async (notice?: NoticeMessage): Promise<PermissionScreen> => ({
          record: record.toJSON(actionContext.currentAdmin),
          presets: Object.entries(presets).map(([name, permissions]) => ({ name, permissions: [...permissions] })),
          ...(await permissionOverview(context.dataSource, adminId, actor)),
          ...(notice ? { notice } : {}),
        });
        if (request.method !== 'post') return screen();

        const { op, permission, accountId, preset } = request.payload ?? {};
        if (op === 'preset') {
          const permissions = typeof preset === 'string' && Object.hasOwn(presets, preset) ? presets[preset]! : null;
          if (!permissions) return screen({ message: 'permissions.refusal.unknownPreset', type: 'error' });
          try {
            const applied = await applyPermissionPreset(context, { adminId, permissions, accountId: scopeOf(accountId), actor });
            return screen({ message: 'permissions.notice.presetApplied', type: applied.refused ? 'info' : 'success', options: { preset, ...applied } });
          } catch (error) {
            return screen(refusalNotice(error));
          }
        }
        if (op !== 'grant' && op !== 'revoke') return screen({ message: 'permissions.refusal.unknownOperation', type: 'error' });
        const change = { adminId, permission: String(permission ?? ''), accountId: scopeOf(accountId), actor };
        try {
          const result = await (op === 'grant' ? grantPermission : revokePermission)(context, change);
          return screen({ message: result.key, type: result.changed ? 'success' : 'info', options: result.params });
        } catch (error) {
          return screen(refusalNotice(error));
        }
      },
    },
  };
}

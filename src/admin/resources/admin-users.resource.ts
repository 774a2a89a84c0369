import {
  ACTIONS,
  ForbiddenError,
  ValidationError,
  type ActionContext,
  type ActionHandler,
  type ActionRequest,
  type ActionResponse,
  type After,
  type Before,
  type RecordError,
  type ResourceWithOptions,
} from 'adminjs';
import type { DataSource } from 'typeorm';
import { deactivateAgent } from '../../agents/deactivate-agent.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { syncAgent } from '../../agents/sync-agent.js';
import { applyPermissionPreset, type PermissionPresets } from '../../permissions/permission-presets.js';
import { actorOf } from './conversation-workflow-actions.js';
import { endSessionsOf } from '../../auth/back-office-auth.js';
import { hashPassword } from '../../auth/password-hasher.js';
import { passwordProblem } from '../../auth/password-policy.js';
import { isAcceptableName } from '../../domain/display-name.js';
import { AdminUser } from '../../entities/admin-user.entity.js';
import { managersOnly } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';

const roleOf = (context: ActionContext) => signedInAgent(context.currentAdmin)?.role;

// Managers administer agents and managers; only a super-admin touches a super-admin.
const mayEditRecord = (context: ActionContext) =>
  managersOnly(context) && (roleOf(context) === 'super_admin' || context.record?.params.role !== 'super_admin');

/**
 * The built-in login's accounts (only for a host that uses `createBackOfficeAuth`): who may sign
 * in, with which password and role. Each account is an agent like any host user: its agent row
 * follows every change made here at once.
 */
export function adminUsersResource(dataSource: DataSource, presets: PermissionPresets): ResourceWithOptions {
  // Before hooks run ahead of AdminJS's access check: only cheap, side-effect-free work here.
  const normalisePayload: Before = async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    if (request.payload.role === 'super_admin' && roleOf(context) !== 'super_admin') {
      throw new ForbiddenError('onlySuperAdminsGrantSuperAdmin');
    }
    const { passwordHash: _ignored, ...payload } = request.payload;
    if (typeof payload.email === 'string') payload.email = payload.email.trim().toLowerCase();
    if (typeof payload.name === 'string') payload.name = payload.name.trim();
    return { ...request, payload };
  };

  // Runs once AdminJS allowed the action: the form is checked, and only then is a password hashed
  // (argon2id costs tens of milliseconds: a refused request must not be able to spend them).
  const checkedAndHashed =
    (handler: ActionHandler<ActionResponse>): ActionHandler<ActionResponse> =>
    async (request, response, context) => {
      if (request.method !== 'post' || !request.payload) return handler(request, response, context);
      const { password, ...payload } = request.payload;
      const errors: Record<string, RecordError> = {};
      if (typeof payload.name === 'string' && !isAcceptableName(payload.name)) errors.name = { message: 'invalidName', type: 'adminProfile' };
      if (typeof password === 'string' && password !== '') {
        const email = String(payload.email ?? context.record?.params.email ?? '');
        const problem = passwordProblem(password, email);
        if (problem) errors.password = { message: problem, type: 'passwordPolicy' };
        else if (Object.keys(errors).length === 0) payload.passwordHash = await hashPassword(password);
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      return handler({ ...request, payload }, response, context);
    };

  // The hash was written; it is never sent back, not even to the admin who set it.
  const withoutPasswordHash: After<ActionResponse> = async (response) => {
    if (response.record?.params) {
      const { passwordHash: _hash, password: _password, ...params } = response.record.params;
      response.record.params = params;
    }
    return response;
  };

  // The agent row follows the account; deactivating it or changing its password ends its open
  // sessions at once.
  const followAccount: After<ActionResponse> = async (response, request) => {
    const params = response.record?.params;
    const failed = response.record?.errors && Object.keys(response.record.errors).length > 0;
    if (!params?.id || request.method !== 'post' || failed) return response;
    const active = !(params.isActive === false || params.isActive === 'false');
    await syncAgent(dataSource, { id: params.id, name: params.name, email: params.email, role: params.role, active });
    const passwordChanged = typeof request.payload?.password === 'string' && request.payload.password.length > 0;
    if (!active || passwordChanged) await endSessionsOf(dataSource, params.id);
    return response;
  };

  // A new agent starts with the permissions of the preset chosen in the form (none: none), and an
  // existing one gets them when one is chosen on saving: granted by the manager, checked like any
  // grant, adjusted afterwards on the agent's permissions screen.
  const grantPreset: After<ActionResponse> = async (response, request, context) => {
    const params = response.record?.params;
    const preset = request.payload?.preset;
    const failed = response.record?.errors && Object.keys(response.record.errors).length > 0;
    if (!params?.id || request.method !== 'post' || failed || typeof preset !== 'string' || !Object.hasOwn(presets, preset)) return response;
    const applied = await applyPermissionPreset({ dataSource }, { adminId: String(params.id), permissions: presets[preset]!, accountId: null, actor: actorOf(context.currentAdmin) });
    if (applied.refused) response.notice = { message: 'permissions.notice.presetApplied', type: 'info', options: { preset, ...applied } };
    return response;
  };

  const forgetAccount: After<ActionResponse> = async (response, request, context) => {
    const id = context.record?.id();
    if (request.method === 'post' && id) {
      await deactivateAgent(dataSource, String(id));
      await endSessionsOf(dataSource, String(id));
    }
    return response;
  };

  return {
    resource: AdminUser,
    options: {
      id: RESOURCE_IDS.adminUsers,
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['name', 'email', 'role', 'isActive'],
      showProperties: ['name', 'email', 'role', 'isActive', 'createdAt', 'updatedAt'],
      editProperties: ['name', 'email', 'role', 'isActive', 'password', 'preset'],
      properties: {
        passwordHash: { isVisible: false },
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
        role: { availableValues: ['super_admin', 'manager', 'agent'].map((value) => ({ value, label: value })) },
        // Chosen in the form, never stored on the account: what he may do from his next click.
        preset: {
          availableValues: Object.keys(presets).map((value) => ({ value, label: value })),
          isVisible: { list: false, show: false, filter: false, edit: true },
        },
      },
      actions: {
        list: { isAccessible: managersOnly },
        search: { isAccessible: managersOnly },
        show: { isAccessible: managersOnly },
        new: {
          isAccessible: managersOnly,
          before: normalisePayload,
          handler: checkedAndHashed(ACTIONS.new.handler),
          after: [withoutPasswordHash, followAccount, grantPreset],
        },
        edit: {
          isAccessible: mayEditRecord,
          before: normalisePayload,
          handler: checkedAndHashed(ACTIONS.edit.handler),
          after: [withoutPasswordHash, followAccount, grantPreset],
        },
        delete: { isAccessible: mayEditRecord, after: forgetAccount },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}

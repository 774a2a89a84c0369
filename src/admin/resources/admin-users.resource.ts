import { ForbiddenError, type ActionContext, type ActionRequest, type After, type Before, type RecordActionResponse, type ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { deactivateAgent } from '../../agents/deactivate-agent.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { syncAgent } from '../../agents/sync-agent.js';
import { endSessionsOf } from '../../auth/back-office-auth.js';
import { hashPassword } from '../../auth/password-hasher.js';
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
export function adminUsersResource(dataSource: DataSource): ResourceWithOptions {
  // The form's password field becomes an argon2id hash; an empty field keeps the current one.
  const hashNewPassword: Before = async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    if (request.payload.role === 'super_admin' && roleOf(context) !== 'super_admin') {
      throw new ForbiddenError('onlySuperAdminsGrantSuperAdmin');
    }
    const { password, passwordHash: _ignored, ...payload } = request.payload;
    if (typeof payload.email === 'string') payload.email = payload.email.trim().toLowerCase();
    if (typeof password === 'string' && password.length > 0) payload.passwordHash = await hashPassword(password);
    return { ...request, payload };
  };

  // The agent row follows the account; deactivating it or changing its password ends its open
  // sessions at once.
  const followAccount: After<RecordActionResponse> = async (response, request) => {
    const params = response.record?.params;
    if (!params?.id || request.method !== 'post' || response.record?.errors && Object.keys(response.record.errors).length > 0) return response;
    const active = !(params.isActive === false || params.isActive === 'false');
    await syncAgent(dataSource, { id: params.id, name: params.name, email: params.email, role: params.role, active });
    const passwordChanged = typeof request.payload?.password === 'string' && request.payload.password.length > 0;
    if (!active || passwordChanged) await endSessionsOf(dataSource, params.id);
    return response;
  };

  const forgetAccount: After<RecordActionResponse> = async (response, request, context) => {
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
      editProperties: ['name', 'email', 'role', 'isActive', 'password'],
      properties: {
        passwordHash: { isVisible: false },
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
        role: { availableValues: ['super_admin', 'manager', 'agent'].map((value) => ({ value, label: value })) },
      },
      actions: {
        list: { isAccessible: managersOnly },
        search: { isAccessible: managersOnly },
        show: { isAccessible: managersOnly },
        new: { isAccessible: managersOnly, before: hashNewPassword, after: followAccount },
        edit: { isAccessible: mayEditRecord, before: hashNewPassword, after: followAccount },
        delete: { isAccessible: mayEditRecord, after: forgetAccount },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}

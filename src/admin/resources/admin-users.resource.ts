import { ForbiddenError, type Action, type ActionResponse, type ActionContext, type ActionRequest, type After, type Before, type RecordActionResponse, type ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { endSessionsOf } from '../../auth/back-office-auth.js';
import { hashPassword } from '../../auth/password-hasher.js';
import { AdminUser } from '../../entities/admin-user.entity.js';
import { holding, managersOnly } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { languageAction } from './language-action.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';

// Whoever was given the right to grant finds the agents to grant to.
const managersOrGranters = (context: ActionContext) => managersOnly(context) || holding('permissions.grant')(context);

// Managers administer agents and managers; only a super-admin touches a super-admin.
const mayEditRecord = (context: ActionContext) =>
  managersOnly(context) && (context.currentAdmin?.role === 'super_admin' || context.record?.params.role !== 'super_admin');

export function adminUsersResource(dataSource: DataSource, extraActions: Record<string, Action<ActionResponse>> = {}): ResourceWithOptions {
  // The form's password field becomes an argon2id hash; an empty field keeps the current one.
  const hashNewPassword: Before = async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    if (request.payload.role === 'super_admin' && context.currentAdmin?.role !== 'super_admin') {
      throw new ForbiddenError('onlySuperAdminsGrantSuperAdmin');
    }
    const { password, passwordHash: _ignored, ...payload } = request.payload;
    if (typeof payload.email === 'string') payload.email = payload.email.trim().toLowerCase();
    if (typeof password === 'string' && password.length > 0) payload.passwordHash = await hashPassword(password);
    return { ...request, payload };
  };

  // Deactivating an admin or changing their password ends their open sessions at once.
  const endSessionsWhenLocked: After<RecordActionResponse> = async (response, request) => {
    const params = response.record?.params;
    const passwordChanged = typeof request.payload?.password === 'string' && request.payload.password.length > 0;
    if (params?.id && request.method === 'post' && (params.isActive === false || params.isActive === 'false' || passwordChanged)) {
      await endSessionsOf(dataSource, params.id);
    }
    return response;
  };

  return {
    resource: AdminUser,
    options: {
      id: RESOURCE_IDS.adminUsers,
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['name', 'email', 'role', 'isActive', 'language'],
      showProperties: ['name', 'email', 'role', 'isActive', 'language', 'createdAt', 'updatedAt'],
      editProperties: ['name', 'email', 'role', 'isActive', 'language', 'password'],
      properties: {
        passwordHash: { isVisible: false },
        password: { type: 'password', isVisible: { list: false, show: false, filter: false, edit: true } },
        role: { availableValues: ['super_admin', 'manager', 'agent'].map((value) => ({ value, label: value })) },
        language: { availableValues: ['en', 'fr', 'ar'].map((value) => ({ value, label: value })) },
      },
      actions: {
        list: { isAccessible: managersOrGranters },
        // The assignee pickers and filters look colleagues up by name.
        search: { isAccessible: (context) => holding('inbox.view')(context) || managersOnly(context) },
        show: { isAccessible: managersOrGranters },
        new: { isAccessible: managersOnly, before: hashNewPassword },
        edit: { isAccessible: mayEditRecord, before: hashNewPassword, after: endSessionsWhenLocked },
        delete: { isAccessible: mayEditRecord },
        bulkDelete: { isAccessible: false },
        language: languageAction(dataSource),
        ...extraActions,
      },
    },
  };
}

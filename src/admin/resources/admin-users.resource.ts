import {
  ACTIONS,
  ForbiddenError,
  ValidationError,
  type Action,
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
import { endSessionsOf } from '../../auth/back-office-auth.js';
import { hashPassword } from '../../auth/password-hasher.js';
import { passwordProblem } from '../../auth/password-policy.js';
import { isAcceptableName } from '../../domain/display-name.js';
import { AdminUser } from '../../entities/admin-user.entity.js';
import { holding, managersOnly } from '../access.js';
import { languageAction } from './language-action.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';

// Whoever was given the right to grant finds the agents to grant to.
const managersOrGranters = (context: ActionContext) => managersOnly(context) || holding('permissions.grant')(context);

// Managers administer agents and managers; only a super-admin touches a super-admin.
const mayEditRecord = (context: ActionContext) =>
  managersOnly(context) && (context.currentAdmin?.role === 'super_admin' || context.record?.params.role !== 'super_admin');

export function adminUsersResource(dataSource: DataSource, extraActions: Record<string, Action<ActionResponse>> = {}): ResourceWithOptions {
  // Before hooks run ahead of AdminJS's access check: only cheap, side-effect-free work here.
  const normalisePayload: Before = async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    if (request.payload.role === 'super_admin' && context.currentAdmin?.role !== 'super_admin') {
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

  // Deactivating an admin or changing their password ends their open sessions at once.
  const endSessionsWhenLocked: After<ActionResponse> = async (response, request) => {
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
      id: 'admin_users',
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
        new: { isAccessible: managersOnly, before: normalisePayload, handler: checkedAndHashed(ACTIONS.new.handler), after: withoutPasswordHash },
        edit: {
          isAccessible: mayEditRecord,
          before: normalisePayload,
          handler: checkedAndHashed(ACTIONS.edit.handler),
          after: [withoutPasswordHash, endSessionsWhenLocked],
        },
        delete: { isAccessible: mayEditRecord },
        bulkDelete: { isAccessible: false },
        language: languageAction(dataSource),
        ...extraActions,
      },
    },
  };
}

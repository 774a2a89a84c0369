import { ForbiddenError, type ActionContext, type ActionRequest, type Before, type CurrentAdmin } from 'adminjs';
import type { DataSource } from 'typeorm';
import { readConversationAccess } from '../permissions/conversation-access.js';
import type { Permission } from '../permissions/permission-names.js';
import { canSeeConversation, holds, numbersWith } from '../permissions/permission-snapshot.js';

/**
 * The back office's access rules, all decided on the server. AdminJS calls `isAccessible`
 * synchronously for every action (with the record for record and bulk actions) and hides what it
 * refuses; the permission snapshot loaded with the admin on each request makes that possible.
 */
export type AccessRule = (context: ActionContext) => boolean;

export function isManager(admin: CurrentAdmin | undefined): boolean {
  return admin?.role === 'super_admin' || admin?.role === 'manager';
}

export const managersOnly: AccessRule = ({ currentAdmin }) => isManager(currentAdmin);
export const signedIn: AccessRule = ({ currentAdmin }) => !!currentAdmin;
export const nobody: AccessRule = () => false;

/** Held for at least one number (resource level), or for the record's number (record level). */
export function holding(permission: Permission): AccessRule {
  return ({ currentAdmin, record }) => {
    const accountId = record?.params.accountId as string | undefined;
    return holds(currentAdmin, permission, record ? (accountId ?? null) : undefined);
  };
}

/**
 * Held for at least one number, whatever the record: for records that carry no number (messages,
 * audit rows), whose number a `before` hook checks through their conversation.
 */
export function holdingSomewhere(permission: Permission): AccessRule {
  return ({ currentAdmin }) => holds(currentAdmin, permission);
}

/** Held for every number: lists that cannot be narrowed to one number show nothing less. */
export function holdingEverywhere(permission: Permission): AccessRule {
  return ({ currentAdmin }) => numbersWith(currentAdmin, permission) === 'all';
}

/** A conversation record the admin may see, and (optionally) a permission on its number. */
export function onVisibleConversation(permission?: Permission): AccessRule {
  return ({ currentAdmin, record }) => {
    if (!record) return permission ? holds(currentAdmin, permission) : holds(currentAdmin, 'inbox.view');
    const conversation = { accountId: String(record.params.accountId), assigneeId: (record.params.assigneeId as string | null) ?? null };
    return canSeeConversation(currentAdmin, conversation) && (!permission || holds(currentAdmin, permission, conversation.accountId));
  };
}

/**
 * For records that belong to a conversation (messages, audit rows): AdminJS's synchronous check
 * cannot read the conversation, so this `before` hook does, and refuses what the admin may not see.
 */
export function guardConversationOf(dataSource: DataSource, permission?: Permission): Before {
  return async (request: ActionRequest, context: ActionContext) => {
    const records = context.records ?? (context.record ? [context.record] : []);
    const ids = [...new Set(records.map((record) => String(record.params.conversationId)))];
    if (ids.length === 0) return request;
    const conversations = [...(await readConversationAccess(dataSource, ids)).values()];
    const allowed =
      conversations.length === ids.length &&
      conversations.every(
        (conversation) => canSeeConversation(context.currentAdmin, conversation) && (!permission || holds(context.currentAdmin, permission, conversation.accountId)),
      );
    if (!allowed) throw new ForbiddenError('forbiddenError');
    return request;
  };
}

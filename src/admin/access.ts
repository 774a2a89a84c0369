import { ForbiddenError, type ActionContext, type ActionRequest, type Before, type CurrentAdmin } from 'adminjs';
import { signedInAgent } from '../agents/signed-in-agent.js';
import type { DataSource } from 'typeorm';
import { readConversationAccess } from '../permissions/conversation-access.js';
import type { Permission } from '../permissions/permission-names.js';
import { canSeeConversation, holds, numbersWith } from '../permissions/permission-snapshot.js';

/**
 * The back office's access rules, all decided on the server. AdminJS calls `isAccessible`
 * synchronously for every action (with the record for record and bulk actions) and hides what it
 * refuses; the agent loaded on each request (`signedInAgent`) makes that possible. Whoever was not
 * loaded holds nothing.
 */
export type AccessRule = (context: ActionContext) => boolean;

export function isManager(admin: CurrentAdmin | undefined): boolean {
  const role = signedInAgent(admin)?.role;
  return role === 'super_admin' || role === 'manager';
}

export const managersOnly: AccessRule = ({ currentAdmin }) => isManager(currentAdmin);
export const signedIn: AccessRule = ({ currentAdmin }) => !!signedInAgent(currentAdmin);
export const nobody: AccessRule = () => false;

/** Held for at least one number (resource level), or for the record's number (record level). */
export function holding(permission: Permission): AccessRule {
  return ({ currentAdmin, record }) => {
    const accountId = record?.params.accountId as string | undefined;
    return holds(signedInAgent(currentAdmin), permission, record ? (accountId ?? null) : undefined);
  };
}

/**
 * Held for at least one number, whatever the record: for records that carry no number (messages,
 * audit rows), whose number a `before` hook checks through their conversation.
 */
export function holdingSomewhere(permission: Permission): AccessRule {
  return ({ currentAdmin }) => holds(signedInAgent(currentAdmin), permission);
}

/** Held for every number: lists that cannot be narrowed to one number show nothing less. */
export function holdingEverywhere(permission: Permission): AccessRule {
  return ({ currentAdmin }) => numbersWith(signedInAgent(currentAdmin), permission) === 'all';
}

/** A conversation record the admin may see, and (optionally) a permission on its number. */
export function onVisibleConversation(permission?: Permission): AccessRule {
  return ({ currentAdmin, record }) => {
    const agent = signedInAgent(currentAdmin);
    if (!record) return permission ? holds(agent, permission) : holds(agent, 'inbox.view');
    const conversation = { accountId: String(record.params.accountId), assigneeId: (record.params.assigneeId as string | null) ?? null };
    return canSeeConversation(agent, conversation) && (!permission || holds(agent, permission, conversation.accountId));
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
        (conversation) => {
          const agent = signedInAgent(context.currentAdmin);
          return canSeeConversation(agent, conversation) && (!permission || holds(agent, permission, conversation.accountId));
        },
      );
    if (!allowed) throw new ForbiddenError('forbiddenError');
    return request;
  };
}

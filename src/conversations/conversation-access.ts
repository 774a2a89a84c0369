import type { EntityManager } from 'typeorm';
import type { ConversationStatus } from '../entities/whatsapp-conversation.entity.js';
import { isAgentId } from '../domain/agent-role.js';
import { isUuid } from '../domain/uuid.js';
import { queryOne, type Queryable } from '../db/sql.js';
import type { Permission } from '../permissions/permission-names.js';
import { canSeeConversation, holds, NO_PERMISSIONS, type InboxActor } from '../permissions/permission-snapshot.js';
import { activeAdmins } from './active-agents.js';
import { WorkflowRefusal } from './workflow-refusal.js';

/** A conversation as read under its row lock: what the rules decide on. */
export interface LockedConversation {
  id: string;
  accountId: string;
  contactId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  leadId: string | null;
  intent: string | null;
}

/**
 * Reads the conversation and locks its row until the transaction ends, so two agents acting on
 * it at once are served one after the other and the second decides on what the first left.
 * FOR NO KEY UPDATE (the lock an UPDATE of these columns takes anyway) rather than FOR UPDATE:
 * it serialises the agents without making the webhook processor wait to insert messages that
 * reference the conversation.
 */
export async function lockConversation(manager: EntityManager, conversationId: string): Promise<LockedConversation> {
  const conversation = isUuid(conversationId)
    ? await queryOne<LockedConversation>(
        manager,
        `SELECT id, account_id AS "accountId", contact_id AS "contactId", status, assignee_id AS "assigneeId",
                lead_id AS "leadId", intent
           FROM whatsapp_conversations WHERE id = $1 FOR NO KEY UPDATE`,
        [conversationId],
      )
    : undefined;
  if (!conversation) throw WorkflowRefusal.of('conversation-not-found');
  return conversation;
}

/**
 * The actor with their permissions: the snapshot the session loaded, or (for callers that only
 * know who acts) the one the database gives now. An inactive or unknown admin holds nothing.
 */
export async function withPermissions(db: Queryable, actor: InboxActor): Promise<InboxActor> {
  if (actor.permissions) return actor;
  const [admin] = isAgentId(actor.id) ? await activeAdmins(db, [actor.id]) : [];
  return admin?.actor ?? { ...actor, permissions: NO_PERMISSIONS };
}

/**
 * Refuses unless the actor sees the conversation and holds `permission` on its number. Seeing
 * comes first so that nothing is said about a conversation one may not see; an agent who sees
 * the number but not this conversation is told someone else has it (the usual case: another
 * agent took it a moment before).
 */
export function authorize(actor: InboxActor, permission: Permission, conversation: { accountId: string; assigneeId: string | null }): void {
  if (!canSeeConversation(actor, conversation)) {
    throw WorkflowRefusal.of(holds(actor, 'inbox.view', conversation.accountId) ? 'taken-by-another' : 'not-visible');
  }
  if (!holds(actor, permission, conversation.accountId)) throw WorkflowRefusal.of('not-allowed');
}

/** Locks the conversation and checks the actor may act on it with `permission`. */
export async function lockAuthorized(
  manager: EntityManager,
  request: { conversationId: string; actor: InboxActor; permission: Permission },
): Promise<{ conversation: LockedConversation; actor: InboxActor }> {
  const actor = await withPermissions(manager, request.actor);
  const conversation = await lockConversation(manager, request.conversationId);
  authorize(actor, request.permission, conversation);
  return { conversation, actor };
}

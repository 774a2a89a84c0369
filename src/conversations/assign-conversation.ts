import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { inBulk, type BulkOutcome } from './bulk.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import { requireEligibleAssignee } from './eligible-assignees.js';

export interface AssignInput {
  conversationId: string;
  /** The actor's own id to take the conversation: the same rules apply. */
  assigneeId: string;
  actor: InboxActor;
}

/**
 * Gives the conversation to an agent. The actor needs `inbox.assign` on its number and must see
 * it; the assignee must be active and hold `inbox.reply` there. Assigning to the current
 * assignee changes nothing.
 */
export async function assignConversation(context: PluginContext, input: AssignInput): Promise<ConversationOutcome> {
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.assign' }, async (tx, conversation) => {
    if (conversation.assigneeId === input.assigneeId) return null;
    await requireEligibleAssignee(tx.manager, input.assigneeId, conversation.accountId);
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET assignee_id = $2, updated_at = now() WHERE id = $1`, [
      conversation.id,
      input.assigneeId,
    ]);
    return { kind: 'assigned', details: { assigneeId: input.assigneeId, previousAssigneeId: conversation.assigneeId } };
  });
}

/** The bulk form: each conversation assigned (or refused) on its own. */
export async function assignConversations(
  context: PluginContext,
  input: { conversationIds: readonly string[]; assigneeId: string; actor: InboxActor },
): Promise<BulkOutcome> {
  return inBulk(input.conversationIds, (conversationId) =>
    assignConversation(context, { conversationId, assigneeId: input.assigneeId, actor: input.actor }),
  );
}

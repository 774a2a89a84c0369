import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { inBulk, type BulkOutcome } from './bulk.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import { exitEnrollmentsOf } from '../campaigns/exit-enrollments.js';
import { onConversationResolved } from '../automation/conversation-resolved.js';

/**
 * Closes the conversation (`inbox.resolve`). The assignee stays, so a reopened conversation
 * goes back to the same agent; a later customer message reopens it or starts a new one, as the
 * plugin's `onInboundToResolved` says. The customer is asked for their satisfaction when the
 * number asks it.
 */
export async function resolveConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { ...input, permission: 'inbox.resolve' }, async (tx, conversation) => {
    if (conversation.status === 'resolved') return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = now(), updated_at = now() WHERE id = $1`, [
      conversation.id,
    ]);
    await exitEnrollmentsOf(tx.manager, [conversation.contactId], 'resolved', context.clock.now());
    await onConversationResolved(context, tx, conversation);
    return { kind: 'resolved', details: { previousStatus: conversation.status } };
  });
}

/** The bulk form: each conversation resolved (or refused) on its own. */
export async function resolveConversations(
  context: PluginContext,
  input: { conversationIds: readonly string[]; actor: InboxActor },
): Promise<BulkOutcome> {
  return inBulk(input.conversationIds, (conversationId) => resolveConversation(context, { conversationId, actor: input.actor }));
}

import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';

/** Puts the conversation back in the number's shared queue (`inbox.assign`). */
export async function unassignConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { ...input, permission: 'inbox.assign' }, async (tx, conversation) => {
    if (conversation.assigneeId === null) return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET assignee_id = NULL, updated_at = now() WHERE id = $1`, [conversation.id]);
    return { kind: 'unassigned', details: { previousAssigneeId: conversation.assigneeId } };
  });
}

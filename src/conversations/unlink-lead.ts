import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';

/** Detaches the conversation from its B2B lead (`leads.manage`); the lead itself stays. */
export async function unlinkLead(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { ...input, permission: 'leads.manage' }, async (tx, conversation) => {
    if (conversation.leadId === null) return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET lead_id = NULL, updated_at = now() WHERE id = $1`, [conversation.id]);
    return { kind: 'lead_unlinked', details: { leadId: conversation.leadId } };
  });
}

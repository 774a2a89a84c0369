import { isUuid } from '../domain/uuid.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { visibleLeadsPredicate } from '../permissions/visible-leads.js';
import type { PluginContext } from '../context/plugin-context.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import { WorkflowRefusal } from './workflow-refusal.js';

/**
 * Links the conversation to an existing B2B lead (`leads.manage`), replacing the one it had. A
 * lead the actor may not see is as absent as a missing one: linking must not reveal it.
 */
export async function linkLead(context: PluginContext, input: { conversationId: string; leadId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'leads.manage' }, async (tx, conversation, actor) => {
    const visible = visibleLeadsPredicate(actor, 'l', 1);
    // KEY SHARE: the lead cannot be deleted before this transaction links it.
    const lead = isUuid(input.leadId)
      ? await queryOne<{ id: string }>(tx.manager, `SELECT id FROM whatsapp_leads l WHERE id = $1 AND ${visible.sql} FOR KEY SHARE`, [
          input.leadId,
          ...visible.params,
        ])
      : undefined;
    if (!lead) throw WorkflowRefusal.of('lead-not-found');
    if (conversation.leadId === lead.id) return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET lead_id = $2, updated_at = now() WHERE id = $1`, [conversation.id, lead.id]);
    return { kind: 'lead_linked', details: { leadId: lead.id, previousLeadId: conversation.leadId } };
  });
}

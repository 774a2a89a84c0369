import type { PluginContext } from '../context/plugin-context.js';
import type { AssistantMode } from '../domain/assistant-modes.js';
import { changeConversation, recordAudit, type ConversationOutcome } from '../conversations/conversation-change.js';
import { requireEligibleAssignee } from '../conversations/eligible-assignees.js';
import { queryOne } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';

/**
 * An agent chooses the assistant's mode for one conversation (null: the number's again). Turning
 * Answer back on after a hand-over lets it answer again, its exchanges counted from now.
 */
export async function setConversationAssistantMode(
  context: PluginContext,
  input: { conversationId: string; mode: AssistantMode | null; actor: InboxActor },
): Promise<ConversationOutcome> {
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' }, async (tx, conversation, actor) => {
    const previous = await queryOne<{ mode: AssistantMode | null; handed_over_at: Date | null }>(
      tx.manager,
      `SELECT mode, handed_over_at FROM whatsapp_assistant_conversations WHERE conversation_id = $1 FOR UPDATE`,
      [conversation.id],
    );
    const resumes = input.mode !== 'off' && previous?.handed_over_at != null;
    if ((previous?.mode ?? null) === input.mode && !resumes) return null;
    await tx.manager.query(
      `INSERT INTO whatsapp_assistant_conversations (conversation_id, mode, updated_by_id, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (conversation_id) DO UPDATE SET mode = EXCLUDED.mode, updated_by_id = EXCLUDED.updated_by_id, updated_at = now(),
         handed_over_at = CASE WHEN EXCLUDED.mode = 'off' THEN whatsapp_assistant_conversations.handed_over_at END,
         handover_reason = CASE WHEN EXCLUDED.mode = 'off' THEN whatsapp_assistant_conversations.handover_reason END`,
      [conversation.id, input.mode, actor.id],
    );
    return { kind: 'assistant_mode_changed', details: { mode: input.mode, previousMode: previous?.mode ?? null } };
  });
}

/**
 * "Take over": the assistant is turned off in this conversation and, when nobody has it, the
 * agent takes it (as replying would).
 */
export async function takeOverConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' }, async (tx, conversation, actor) => {
    const previous = await queryOne<{ mode: AssistantMode | null }>(
      tx.manager,
      `SELECT mode FROM whatsapp_assistant_conversations WHERE conversation_id = $1 FOR UPDATE`,
      [conversation.id],
    );
    if (previous?.mode === 'off' && conversation.assigneeId) return null;
    await tx.manager.query(
      `INSERT INTO whatsapp_assistant_conversations (conversation_id, mode, updated_by_id, updated_at) VALUES ($1, 'off', $2, now())
       ON CONFLICT (conversation_id) DO UPDATE SET mode = 'off', updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
      [conversation.id, actor.id],
    );
    if (!conversation.assigneeId) {
      await requireEligibleAssignee(tx.manager, actor.id, conversation.accountId);
      await tx.manager.query(`UPDATE whatsapp_conversations SET assignee_id = $2, updated_at = now() WHERE id = $1`, [conversation.id, actor.id]);
      await recordAudit(tx.manager, conversation.id, actor.id, { kind: 'assigned', details: { assigneeId: actor.id, previousAssigneeId: null } });
    }
    return { kind: 'assistant_mode_changed', details: { mode: 'off', previousMode: previous?.mode ?? null, tookOver: true } };
  });
}

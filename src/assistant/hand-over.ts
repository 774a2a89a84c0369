import type { Transaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne } from '../db/sql.js';
import type { HandoverReason } from '../domain/assistant-modes.js';
import { recordAudit } from '../conversations/conversation-change.js';
import { requireEligibleAssignee } from '../conversations/eligible-assignees.js';
import { WorkflowRefusal } from '../conversations/workflow-refusal.js';
import type { ConversationAssistant } from './conversation-assistant.js';

/**
 * Gives the conversation to a person, in the caller's transaction: the assistant stops answering
 * here (until an agent turns it back on), the conversation goes to the assistant's chosen agent
 * when that agent may still answer on the number (else it stays where it is: unassigned, or with
 * its assignee), and the audit trail says why.
 */
export async function handOver(
  tx: Transaction,
  state: ConversationAssistant,
  handover: { reason: HandoverReason; detail: string; runId: string },
): Promise<{ assigneeId: string | null }> {
  await tx.manager.query(
    `INSERT INTO whatsapp_assistant_conversations (conversation_id, handed_over_at, handover_reason, updated_at) VALUES ($1, now(), $2, now())
     ON CONFLICT (conversation_id) DO UPDATE SET handed_over_at = now(), handover_reason = EXCLUDED.handover_reason, updated_at = now()`,
    [state.conversationId, handover.reason],
  );
  let assigneeId = state.assigneeId;
  const target = state.assistant?.handoverAgentId ?? null;
  if (target && target !== state.assigneeId && (await mayAnswer(tx, target, state.accountId))) {
    const previous = await queryOne<{ assignee_id: string | null }>(
      tx.manager,
      `UPDATE whatsapp_conversations c SET assignee_id = $2, updated_at = now() FROM (SELECT assignee_id FROM whatsapp_conversations WHERE id = $1 FOR UPDATE) old
        WHERE c.id = $1 RETURNING old.assignee_id`,
      [state.conversationId, target],
    );
    await recordAudit(tx.manager, state.conversationId, null, { kind: 'assigned', details: { assigneeId: target, previousAssigneeId: previous?.assignee_id ?? null, byAssistant: true } });
    assigneeId = target;
  }
  await recordAudit(tx.manager, state.conversationId, null, {
    kind: 'assistant_handed_over',
    details: { reason: handover.reason, detail: handover.detail, runId: handover.runId, assigneeId },
  });
  const notifications = new InboxNotifications();
  notifications.add({ kind: 'conversation.updated', accountId: state.accountId, conversationId: state.conversationId });
  await notifications.emit(tx.manager);
  return { assigneeId };
}

async function mayAnswer(tx: Transaction, agentId: string, accountId: string): Promise<boolean> {
  try {
    await requireEligibleAssignee(tx.manager, agentId, accountId);
    return true;
  } catch (error) {
    if (error instanceof WorkflowRefusal) return false;
    throw error;
  }
}

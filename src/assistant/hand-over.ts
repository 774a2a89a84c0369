import type { Transaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne } from '../db/sql.js';
import type { HandoverReason } from '../domain/assistant-modes.js';
import { recordAudit } from '../conversations/conversation-change.js';
import { requireEligibleAssignee } from '../conversations/eligible-assignees.js';
import { WorkflowRefusal } from '../conversations/workflow-refusal.js';
import type { ConversationAssistant } from './conversation-assistant.js';
import { LANGUAGES, type Language } from '../i18n/catalogue.js';
import { serverTranslator } from '../i18n/server-translator.js';

/**
 * Gives the conversation to a person, in the caller's transaction: the assistant stops answering
 * here (until an agent turns it back on), a private note says why, the conversation goes to the assistant's chosen agent
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
  const noteId = await writeHandoverNote(tx, state.conversationId, assigneeId, handover.reason);
  await recordAudit(tx.manager, state.conversationId, null, {
    kind: 'assistant_handed_over',
    details: { reason: handover.reason, detail: handover.detail, runId: handover.runId, assigneeId },
  });
  const notifications = new InboxNotifications();
  notifications.add({ kind: 'conversation.updated', accountId: state.accountId, conversationId: state.conversationId });
  notifications.add({ kind: 'note.created', accountId: state.accountId, conversationId: state.conversationId, noteId, agentIds: [] });
  await notifications.emit(tx.manager);
  return { assigneeId };
}

/**
 * A private note in the thread saying why, for the person who takes the conversation: in the
 * language of the agent it went to (else English). Authorless: the assistant wrote it.
 */
async function writeHandoverNote(tx: Transaction, conversationId: string, assigneeId: string | null, reason: HandoverReason): Promise<string> {
  const agent = assigneeId ? await queryOne<{ language: string | null }>(tx.manager, `SELECT language FROM whatsapp_agents WHERE id = $1`, [assigneeId]) : undefined;
  const language = (LANGUAGES as readonly string[]).includes(agent?.language ?? '') ? (agent!.language as Language) : 'en';
  const t = serverTranslator(language);
  const note = await queryOne<{ id: string }>(
    tx.manager,
    `INSERT INTO whatsapp_conversation_notes (conversation_id, author_id, body, created_at) VALUES ($1, NULL, $2, clock_timestamp()) RETURNING id`,
    [conversationId, t('assistant.handoverNote', { reason: t(`assistant.reason.${reason}`) })],
  );
  return note!.id;
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

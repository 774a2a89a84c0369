import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { queryRows } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import type { AssistantAnswerJobData } from './answer-customer-message.js';

/** A message the processor just stored, as the assistant needs to know it. */
export interface StoredMessage {
  messageId: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  /** The text (a caption counts); null for what has none. */
  text: string | null;
  /** False for imported history and the business app's echoes: only live customer messages are answered. */
  live: boolean;
}

/**
 * The assistant's one entry point in the webhook processor, called after the batch's messages
 * are stored (and after automation): in the processor's transaction, it queues one answer job
 * per conversation in Answer mode, for its last customer text of the batch. Cheap by design (one
 * query per batch): the model is asked by the job, never while the processor holds its batch.
 */
export async function queueAssistantAnswers(context: Pick<PluginContext, 'jobs'>, tx: Transaction, messages: readonly StoredMessage[]): Promise<number> {
  const lastByConversation = new Map<string, StoredMessage>();
  for (const message of messages) {
    if (message.direction === 'inbound' && message.live && message.text?.trim()) lastByConversation.set(message.conversationId, message);
  }
  if (lastByConversation.size === 0) return 0;
  const answering = await queryRows<{ id: string }>(
    tx.manager,
    `SELECT c.id FROM whatsapp_conversations c
       JOIN whatsapp_assistant_numbers n ON n.account_id = c.account_id AND n.assistant_id IS NOT NULL
       LEFT JOIN whatsapp_assistant_conversations ac ON ac.conversation_id = c.id
      WHERE c.id = ANY($1::uuid[]) AND COALESCE(ac.mode, n.mode) = 'answer' AND ac.handed_over_at IS NULL`,
    [[...lastByConversation.keys()]],
  );
  for (const { id } of answering) {
    const message = lastByConversation.get(id)!;
    await context.jobs.send(QUEUES.assistantAnswer, { conversationId: id, messageId: message.messageId } satisfies AssistantAnswerJobData, { db: tx.jobDb });
  }
  return answering.length;
}

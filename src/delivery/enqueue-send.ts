import type { Transaction } from '../db/transaction.js';
import { QUEUES } from '../db/job-queues.js';
import type { PluginContext } from '../context/plugin-context.js';

export interface SendMessageJobData {
  messageId: string;
}

/** A send job for a message, in the transaction that made the message `queued`: the two commit together or not at all. */
export async function enqueueSend(context: PluginContext, tx: Transaction, messageId: string, startAfter?: Date): Promise<void> {
  const job: SendMessageJobData = { messageId };
  const id = await context.jobs.send(QUEUES.sendMessage, job, { db: tx.jobDb, ...(startAfter ? { startAfter } : {}) });
  // pg-boss answers null instead of failing when the queue does not exist: the message must not commit without its job.
  if (!id) throw new Error(`the send job of message ${messageId} was not created (is the ${QUEUES.sendMessage} queue missing?)`);
}

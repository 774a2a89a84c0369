import type PgBoss from 'pg-boss';
import { QUEUES } from '../db/job-queues.js';
import { inTransaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne, queryRows } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import type { PluginContext } from '../context/plugin-context.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { changeConversation, recordAudit, type ConversationOutcome } from './conversation-change.js';
import { WorkflowRefusal } from './workflow-refusal.js';

export interface WakeSnoozedJobData {
  conversationId: string;
}

export interface SnoozeInput {
  conversationId: string;
  /** When it comes back by itself; null: when the customer writes again. */
  until: Date | null;
  actor: InboxActor;
}

/**
 * Puts the conversation aside until a time (or until the customer writes): it leaves the open
 * list (status `snoozed`) and comes back open then, or earlier when the customer writes. Whoever
 * may answer the conversation may snooze it; a resolved one stays as it is.
 */
export async function snoozeConversation(context: PluginContext, input: SnoozeInput, options: UseCaseOptions = {}): Promise<ConversationOutcome> {
  if (input.until && input.until.getTime() <= (options.now ?? currentTime)().getTime()) throw WorkflowRefusal.of('snooze-in-the-past');
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' }, async (tx, conversation) => {
    if (conversation.status === 'resolved') return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET status = 'snoozed', snoozed_until = $2, updated_at = now() WHERE id = $1`, [
      conversation.id,
      input.until,
    ]);
    if (input.until) await enqueueWake(context.jobs, tx.jobDb, conversation.id, input.until);
    return { kind: 'snoozed', details: { until: input.until?.toISOString() ?? null } };
  });
}

/** Brings a snoozed conversation back at once. */
export async function unsnoozeConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' }, async (tx, conversation) => {
    if (conversation.status !== 'snoozed') return null;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET status = 'open', snoozed_until = NULL, updated_at = now() WHERE id = $1`, [conversation.id]);
    return { kind: 'unsnoozed', details: { reason: 'agent' } };
  });
}

/**
 * The snooze's time came (the job queued when it was snoozed): back to open, for everyone to
 * see at once. A conversation woken meanwhile (the customer wrote, an agent woke it) or snoozed
 * again for later is left alone; if this clock is ahead of the database's, the wake is put off
 * to the time the database agrees with.
 */
export async function wakeSnoozedConversation(context: PluginContext, conversationId: string): Promise<'woken' | 'not-snoozed' | 'later'> {
  if (!isUuid(conversationId)) return 'not-snoozed';
  return inTransaction(context.dataSource, async (tx) => {
    const row = await queryOne<{ account_id: string; due: boolean; snoozed_until: Date | null }>(
      tx.manager,
      `SELECT account_id, snoozed_until <= now() AS due, snoozed_until FROM whatsapp_conversations
        WHERE id = $1 AND status = 'snoozed' AND snoozed_until IS NOT NULL FOR NO KEY UPDATE`,
      [conversationId],
    );
    if (!row) return 'not-snoozed';
    if (!row.due) {
      await enqueueWake(context.jobs, tx.jobDb, conversationId, row.snoozed_until!);
      return 'later';
    }
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET status = 'open', snoozed_until = NULL, updated_at = now() WHERE id = $1`, [conversationId]);
    await recordAudit(tx.manager, conversationId, null, { kind: 'unsnoozed', details: { reason: 'time' } });
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'conversation.updated', accountId: row.account_id, conversationId });
    await notifications.emit(tx.manager);
    return 'woken';
  });
}

async function enqueueWake(jobs: PgBoss, db: PgBoss.Db, conversationId: string, at: Date): Promise<void> {
  const id = await jobs.send(QUEUES.wakeSnoozedConversation, { conversationId } satisfies WakeSnoozedJobData, { db, startAfter: at });
  if (!id) throw new Error(`the wake-up job of conversation ${conversationId} was not created`);
}

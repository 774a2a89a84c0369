import type { InteractiveContent, MessageRecipient } from '../cloud-api/index.js';
import { outboundMessageProblems } from '../cloud-api/index.js';
import { QUEUES } from '../db/job-queues.js';
import { inTransaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne, queryRows } from '../db/sql.js';
import { characterCount, MESSAGE_LIMITS } from '../domain/message-limits.js';
import { Refusal } from '../domain/refusal.js';
import { isUuid } from '../domain/uuid.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import { queueReply } from './reply.js';
import { queueInteractive } from './send-interactive.js';
import { WorkflowRefusal } from './workflow-refusal.js';

/** What a scheduled message will send, through the same use case as sending it now. */
export type ScheduledContent =
  | { kind: 'text'; text: string; replyToMessageId?: string | null }
  | { kind: 'interactive'; interactive: InteractiveContent['interactive']; replyToMessageId?: string | null };

export interface SendScheduledJobData {
  scheduledId: string;
}

export interface ScheduleMessageInput {
  conversationId: string;
  sendAt: Date;
  content: ScheduledContent;
  actor: InboxActor;
}

/**
 * Writes a message to go at `sendAt`. What can be checked now is checked now (the agent may
 * answer the conversation, the message keeps Meta's limits, the time is ahead); the 24-hour
 * window and the author's rights are checked again when it goes, by the same use case as an
 * immediate send. Until then it can be canceled.
 */
export async function scheduleMessage(context: PluginContext, input: ScheduleMessageInput, options: UseCaseOptions = {}): Promise<{ scheduledId: string }> {
  if (input.sendAt.getTime() <= (options.now ?? currentTime)().getTime()) throw WorkflowRefusal.of('schedule-in-the-past');
  return inTransaction(context.dataSource, async (tx) => {
    const { conversation, actor } = await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' });
    const target = await loadSendTarget(tx, conversation.id);
    const content = normalised(input.content);
    const problems = contentProblems(content, target.recipient);
    if (problems.length) throw OutboundRefusal.invalidMessage(problems);
    const row = await queryOne<{ id: string }>(
      tx.manager,
      `INSERT INTO whatsapp_scheduled_messages (conversation_id, author_id, send_at, content) VALUES ($1, $2, $3, $4) RETURNING id`,
      [conversation.id, actor.id, input.sendAt, content],
    );
    const scheduledId = row!.id;
    const job = await context.jobs.send(QUEUES.sendScheduledMessage, { scheduledId } satisfies SendScheduledJobData, { db: tx.jobDb, startAfter: input.sendAt });
    if (!job) throw new Error(`the job of scheduled message ${scheduledId} was not created`);
    await recordAudit(tx.manager, conversation.id, actor.id, { kind: 'message_scheduled', details: { scheduledId, sendAt: input.sendAt.toISOString() } });
    await notifyConversation(tx.manager, conversation.accountId, conversation.id);
    return { scheduledId };
  });
}

/** Takes back a scheduled message before it goes (or clears one that failed). */
export async function cancelScheduledMessage(context: PluginContext, input: { scheduledId: string; actor: InboxActor }): Promise<void> {
  if (!isUuid(input.scheduledId)) throw WorkflowRefusal.of('scheduled-not-found');
  await inTransaction(context.dataSource, async (tx) => {
    const scheduled = await queryOne<{ conversation_id: string; status: string }>(
      tx.manager,
      `SELECT conversation_id, status FROM whatsapp_scheduled_messages WHERE id = $1 FOR UPDATE`,
      [input.scheduledId],
    );
    if (!scheduled) throw WorkflowRefusal.of('scheduled-not-found');
    const { conversation, actor } = await lockAuthorized(tx.manager, { conversationId: scheduled.conversation_id, actor: input.actor, permission: 'inbox.reply' });
    if (scheduled.status !== 'scheduled' && scheduled.status !== 'failed') throw WorkflowRefusal.of('scheduled-already-gone');
    await queryRows(tx.manager, `UPDATE whatsapp_scheduled_messages SET status = 'canceled', updated_at = now() WHERE id = $1`, [input.scheduledId]);
    await recordAudit(tx.manager, conversation.id, actor.id, { kind: 'scheduled_canceled', details: { scheduledId: input.scheduledId } });
    await notifyConversation(tx.manager, conversation.accountId, conversation.id);
  });
}

/**
 * The scheduled time came: the message goes through the send use case of its kind, as its author,
 * in the transaction that marks it sent, so it is sent once or not at all. A send the use case
 * refuses (the window closed, the author may no longer answer…) marks it failed with the reason.
 */
export async function sendScheduledMessage(context: PluginContext, scheduledId: string): Promise<'sent' | 'failed' | 'skipped'> {
  if (!isUuid(scheduledId)) return 'skipped';
  try {
    return await inTransaction(context.dataSource, async (tx) => {
      const scheduled = await queryOne<{ conversation_id: string; author_id: string; content: ScheduledContent }>(
        tx.manager,
        `SELECT conversation_id, author_id, content FROM whatsapp_scheduled_messages
          WHERE id = $1 AND status = 'scheduled' AND send_at <= now() FOR UPDATE`,
        [scheduledId],
      );
      if (!scheduled) return 'skipped';
      const author = { id: scheduled.author_id };
      const { content } = scheduled;
      const base = { conversationId: scheduled.conversation_id, actor: author, replyToMessageId: content.replyToMessageId ?? null };
      const message =
        content.kind === 'interactive'
          ? await queueInteractive(context, tx, { ...base, interactive: content.interactive }, context.clock.now())
          : await queueReply(context, tx, { ...base, text: content.text }, context.clock.now());
      const sent = await queryOne<{ account_id: string }>(
        tx.manager,
        `UPDATE whatsapp_scheduled_messages s SET status = 'sent', message_id = $2, updated_at = now()
           FROM whatsapp_conversations c WHERE s.id = $1 AND c.id = s.conversation_id RETURNING c.account_id`,
        [scheduledId, message.id],
      );
      await notifyConversation(tx.manager, sent!.account_id, scheduled.conversation_id);
      return 'sent';
    });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    await markFailed(context, scheduledId, error.key);
    return 'failed';
  }
}

async function markFailed(context: PluginContext, scheduledId: string, failureKey: string): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const failed = await queryOne<{ conversation_id: string; account_id: string }>(
      tx.manager,
      `UPDATE whatsapp_scheduled_messages s SET status = 'failed', failure_key = $2, updated_at = now()
         FROM whatsapp_conversations c
        WHERE s.id = $1 AND s.status = 'scheduled' AND c.id = s.conversation_id
        RETURNING s.conversation_id, c.account_id`,
      [scheduledId, failureKey.slice(0, 100)],
    );
    if (!failed) return;
    await recordAudit(tx.manager, failed.conversation_id, null, { kind: 'scheduled_failed', details: { scheduledId, reason: failureKey } });
    await notifyConversation(tx.manager, failed.account_id, failed.conversation_id);
  });
  context.logger.info('a scheduled message could not go', { scheduledId, reason: failureKey });
}

/** Only what the send use cases read is kept (the content may come from a form). */
function normalised(content: ScheduledContent): ScheduledContent {
  const replyToMessageId = typeof content.replyToMessageId === 'string' && content.replyToMessageId !== '' ? content.replyToMessageId : null;
  if (content.kind === 'interactive') return { kind: 'interactive', interactive: content.interactive, replyToMessageId };
  return { kind: 'text', text: typeof content.text === 'string' ? content.text.trim() : '', replyToMessageId };
}

function contentProblems(content: ScheduledContent, recipient: MessageRecipient): string[] {
  if (content.kind === 'interactive') return outboundMessageProblems({ type: 'interactive', interactive: content.interactive, ...recipient });
  const length = characterCount(content.text);
  if (length === 0) return ['text.body: must not be empty'];
  return length > MESSAGE_LIMITS.textBody ? [`text.body: at most ${MESSAGE_LIMITS.textBody} characters (got ${length})`] : [];
}

async function notifyConversation(manager: Parameters<InboxNotifications['emit']>[0], accountId: string, conversationId: string): Promise<void> {
  const notifications = new InboxNotifications();
  notifications.add({ kind: 'conversation.updated', accountId, conversationId });
  await notifications.emit(manager);
}

import { inTransactionOf, type Transaction } from '../db/transaction.js';
import { assertFreeFormAllowed } from '../domain/service-window.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage, type SendTarget } from '../delivery/queue-outbound-message.js';
import { queryOne } from '../db/sql.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import { isUuid } from '../domain/uuid.js';

export interface ReplyInput {
  conversationId: string;
  text: string;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
  /** Quote one of the conversation's messages (it must have reached Meta: it needs a wamid). */
  replyToMessageId?: string | null;
  /** Let WhatsApp show a preview of the first link in the text. */
  previewUrl?: boolean;
}

/**
 * Queues a free-form text reply to the conversation's customer. Refused (OutboundRefusal)
 * outside the 24-hour customer-service window, where only a template may go; refused
 * (WorkflowRefusal) to an agent who may not answer this conversation. An agent's reply is
 * written to the conversation's audit trail with the message.
 */
export async function reply(context: PluginContext, input: ReplyInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, async (tx) => {
    if (input.actor) await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' });
    const target = await freeFormTarget(tx, input.conversationId, (options.now ?? currentTime)());
    const replyToWamid = input.replyToMessageId ? await quotedWamid(tx, target, input.replyToMessageId) : null;
    const message = await queueOutboundMessage(context, tx, {
      target,
      content: { type: 'text', text: { body: input.text, ...(input.previewUrl ? { preview_url: true } : {}) } },
      body: input.text,
      actorId: input.actor?.id ?? null,
      replyToWamid,
    });
    if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: message.id } });
    return message;
  });
}

/** The conversation's target, when a non-template message may go to it now. */
export async function freeFormTarget(tx: Transaction, conversationId: string, now: Date): Promise<SendTarget> {
  const target = await loadSendTarget(tx, conversationId);
  const check = assertFreeFormAllowed(target.lastInboundAt, now);
  if (!check.allowed) throw OutboundRefusal.window(check.refusal);
  return target;
}

async function quotedWamid(tx: Transaction, target: SendTarget, messageId: string): Promise<string> {
  if (!isUuid(messageId)) throw OutboundRefusal.of('message-not-found');
  const quoted = await queryOne<{ wamid: string | null }>(
    tx.manager,
    `SELECT wamid FROM whatsapp_messages WHERE id = $1 AND conversation_id = $2`,
    [messageId, target.conversationId],
  );
  if (!quoted) throw OutboundRefusal.of('message-not-found');
  if (!quoted.wamid) throw OutboundRefusal.of('reply-target-not-sent');
  return quoted.wamid;
}

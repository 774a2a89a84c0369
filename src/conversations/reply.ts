import { inTransactionOf, type Transaction } from '../db/transaction.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import { recordAudit } from './conversation-change.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import { prepareFreeFormSend } from './free-form-send.js';

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
 * written to the conversation's audit trail with the message, and takes an unassigned
 * conversation when its number says so.
 */
export async function reply(context: PluginContext, input: ReplyInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, (tx) => queueReply(context, tx, input, (options.now ?? currentTime)(), !options.leaveAssignment));
}

/** The reply, in the caller's transaction (a scheduled message sends it in the one that marks it sent). */
export async function queueReply(context: PluginContext, tx: Transaction, input: ReplyInput, now: Date, assignReplier = true): Promise<WhatsAppMessage> {
  const { target, replyToWamid } = await prepareFreeFormSend(tx, { ...input, now, assignReplier });
  const message = await queueOutboundMessage(context, tx, {
    target,
    content: { type: 'text', text: { body: input.text, ...(input.previewUrl ? { preview_url: true } : {}) } },
    body: input.text,
    actorId: input.actor?.id ?? null,
    replyToWamid,
  });
  if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: message.id } });
  return message;
}

import type { InteractiveContent } from '../cloud-api/index.js';
import { inTransactionOf, type Transaction } from '../db/transaction.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { recordAudit } from './conversation-change.js';
import { prepareFreeFormSend } from './free-form-send.js';

export type InteractiveMessage = InteractiveContent['interactive'];

export interface SendInteractiveInput {
  conversationId: string;
  /** Reply buttons (up to 3), a list (up to 10 rows) or a call-to-action URL button, in Meta's shape. */
  interactive: InteractiveMessage;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
  replyToMessageId?: string | null;
}

/**
 * Queues an interactive message. Meta's limits (counts, lengths, unique ids) are checked before
 * anything is written (OutboundRefusal `invalid-message` lists what breaks them); like any
 * free-form message it goes only inside the 24-hour window. The thread shows its text.
 */
export async function sendInteractive(context: PluginContext, input: SendInteractiveInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, (tx) => queueInteractive(context, tx, input, (options.now ?? currentTime)(), !options.leaveAssignment));
}

/** The interactive message, in the caller's transaction (a scheduled message sends it in the one that marks it sent). */
export async function queueInteractive(
  context: PluginContext,
  tx: Transaction,
  input: SendInteractiveInput,
  now: Date,
  assignReplier = true,
): Promise<WhatsAppMessage> {
  const { target, replyToWamid } = await prepareFreeFormSend(tx, { ...input, now, assignReplier });
  const message = await queueOutboundMessage(context, tx, {
    target,
    content: { type: 'interactive', interactive: input.interactive },
    body: input.interactive.body?.text ?? null,
    actorId: input.actor?.id ?? null,
    replyToWamid,
  });
  if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: message.id } });
  return message;
}

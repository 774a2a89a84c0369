import type { InteractiveButtons, InteractiveList } from '../cloud-api/index.js';
import { inTransactionOf } from '../db/transaction.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import { freeFormTarget } from './reply.js';

export interface SendInteractiveInput {
  conversationId: string;
  /** Reply buttons (up to 3) or a list (up to 10 rows), in Meta's shape. */
  interactive: InteractiveButtons | InteractiveList;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
}

/**
 * Queues reply buttons or a list: free-form, so only inside the 24-hour window, with Meta's
 * limits checked before anything is queued (an OutboundRefusal lists what breaks them).
 */
export async function sendInteractive(context: PluginContext, input: SendInteractiveInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, async (tx) => {
    if (input.actor) await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' });
    const target = await freeFormTarget(tx, input.conversationId, (options.now ?? currentTime)());
    const message = await queueOutboundMessage(context, tx, {
      target,
      content: { type: 'interactive', interactive: input.interactive },
      body: input.interactive.body.text,
      actorId: input.actor?.id ?? null,
    });
    if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: message.id } });
    return message;
  });
}

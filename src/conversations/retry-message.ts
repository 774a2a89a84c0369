import { inTransaction } from '../db/transaction.js';
import { recordAudit } from './conversation-change.js';
import { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import { enqueueSend } from '../delivery/enqueue-send.js';
import { notifyInStatement } from '../db/notify.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget } from '../delivery/queue-outbound-message.js';
import { freeFormTarget } from './free-form-send.js';
import { queryOne, queryRows } from '../db/sql.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import { isUuid } from '../domain/uuid.js';

export interface RetryMessageInput {
  messageId: string;
  actorId: string | null;
}

/**
 * An agent's "Retry" on a failed outbound message: the same message is queued again, with a
 * fresh budget of automatic retries, after the same checks as a new send (24-hour window for
 * a free-form message, an approved template for a template). A message whose last send has
 * an unknown outcome is refused: it may have arrived, and the reconciliation decides.
 */
export async function retryMessage(context: PluginContext, input: RetryMessageInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransaction(context.dataSource, async (tx) => {
    if (!isUuid(input.messageId)) throw OutboundRefusal.of('message-not-found');
    const message = await queryOne<{ conversation_id: string; status: string; type: string; template_status: string | null; template_name: string | null }>(
      tx.manager,
      `SELECT m.conversation_id, m.status, m.type, t.status AS template_status, t.name AS template_name
         FROM whatsapp_messages m LEFT JOIN whatsapp_templates t ON t.id = m.template_id
        WHERE m.id = $1 AND m.direction = 'outbound'
        FOR UPDATE OF m`,
      [input.messageId],
    );
    if (!message) throw OutboundRefusal.of('message-not-found');
    if (message.status === 'unknown') throw OutboundRefusal.of('outcome-being-reconciled');
    if (message.status !== 'failed') throw OutboundRefusal.of('not-retryable', { status: message.status });

    const target =
      message.type === 'template'
        ? await loadSendTarget(tx, message.conversation_id)
        : await freeFormTarget(tx, message.conversation_id, (options.now ?? currentTime)());
    if (message.type === 'template' && message.template_status !== null && message.template_status !== 'APPROVED') {
      throw OutboundRefusal.of('template-not-approved', { name: message.template_name ?? '', status: message.template_status });
    }

    // The earlier send's wamid goes: Meta gives the new send its own, and the unique index must take it.
    await queryRows(
      tx.manager,
      `WITH m AS (
         UPDATE whatsapp_messages SET status = 'queued', wamid = NULL, queued_at = now(), sending_at = NULL, sent_at = NULL,
           delivered_at = NULL, read_at = NULL, failed_at = NULL, send_attempts = 0, unknown_outcomes = 0, next_attempt_at = NULL,
           error_code = NULL, error_title = NULL, error_details = NULL, error_explanation_key = NULL, updated_at = now()
          WHERE id = $1 RETURNING id, conversation_id
       )
       SELECT ${notifyInStatement.messageUpdated('m', '$2')} FROM m`,
      [input.messageId, target.accountId],
    );
    await enqueueSend(context, tx, input.messageId);
    if (input.actorId) await recordAudit(tx.manager, message.conversation_id, input.actorId, { kind: 'retried', details: { messageId: input.messageId } });
    context.logger.info('failed message queued again', { messageId: input.messageId, actorId: input.actorId });
    return tx.manager.getRepository(WhatsAppMessage).findOneByOrFail({ id: input.messageId });
  });
}

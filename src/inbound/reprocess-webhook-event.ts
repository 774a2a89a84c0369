import { inTransaction } from '../db/transaction.js';
import type { WebhookEventStatus } from '../entities/whatsapp-webhook-event.entity.js';
import { QUEUES } from '../db/job-queues.js';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne } from '../db/sql.js';

/** The statuses a person may send back to the processor (the back office's "reprocess" action). */
export const REPROCESSABLE_EVENT_STATUSES: readonly WebhookEventStatus[] = ['failed', 'unroutable', 'unparseable'];

export class WebhookEventNotReprocessableError extends Error {
  constructor(eventId: string) {
    super(`webhook event ${eventId} does not exist or is not ${REPROCESSABLE_EVENT_STATUSES.join(', ')}`);
    this.name = 'WebhookEventNotReprocessableError';
  }
}

/**
 * Sends a failed, unroutable or unparseable event back to the processor: status reset to
 * `received` and a job enqueued in one transaction, so it is never reset without a job nor
 * queued twice by two clicks. Its attempts start again from zero. Processing is idempotent, so
 * whatever was already applied stays single.
 */
export async function reprocessWebhookEvent(context: PluginContext, eventId: string): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const reset = await queryOne<{ id: string }>(
      tx.manager,
      prepared(`UPDATE whatsapp_webhook_events SET status = 'received', last_error = NULL, processed_at = NULL, attempts = 0
        WHERE id::text = $1 AND status = ANY($2::text[]) RETURNING id`),
      [eventId, REPROCESSABLE_EVENT_STATUSES],
    );
    if (!reset) throw new WebhookEventNotReprocessableError(eventId);
    await context.jobs.send(QUEUES.processWebhookEvent, { eventId: reset.id }, { db: tx.jobDb });
  });
}

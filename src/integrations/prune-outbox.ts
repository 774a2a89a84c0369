import type { PluginContext } from '../context/plugin-context.js';
import { queryRows } from '../db/sql.js';

/** Forgets what every consumer has had for `retentionDays`, and idempotency keys after a day. */
export async function pruneOutbox(context: PluginContext, retentionDays: number): Promise<void> {
  await queryRows(
    context.dataSource,
    `DELETE FROM whatsapp_outbox_events e
      WHERE e.occurred_at < now() - make_interval(days => $1) AND e.handler_status <> 'pending' AND e.fanned_out_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM whatsapp_webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`,
    [retentionDays],
  );
  await queryRows(context.dataSource, `DELETE FROM whatsapp_api_idempotency_keys WHERE created_at < now() - interval '24 hours'`);
}

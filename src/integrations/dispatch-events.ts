import type { PluginContext } from '../context/plugin-context.js';
import { queryRows } from '../db/sql.js';
import { HANDLER_MAX_ATTEMPTS, handlerRetryDelayMs } from '../domain/event-retry.js';
import type { EventHandlers } from './event-handlers.js';
import { domainEventOf, OUTBOX_COLUMNS, type OutboxRow } from './outbox-rows.js';

export interface DispatchOptions {
  /** Events read per round. */
  batchSize?: number;
  /** A handler still running after this long counts as failed (and is retried): one slow host call never holds the others. */
  handlerTimeoutMs?: number;
}

export interface DispatchReport {
  fannedOut: number;
  handled: number;
  retried: number;
  failed: number;
}

/**
 * One round of the dispatcher: the new events get a delivery row per matching webhook endpoint,
 * then the ready events go to the in-process handlers — in sequence order within each ordering
 * key (a conversation), keys side by side. An event is handled once every handler returned;
 * a throwing handler puts it back with a growing delay, and the later events of its key wait
 * for it. So each event reaches the handlers at least once: a consumer that keeps the event ids
 * it processed sees each exactly once.
 */
export async function dispatchEvents(context: PluginContext, handlers: EventHandlers, options: DispatchOptions = {}): Promise<DispatchReport> {
  const batchSize = options.batchSize ?? 200;
  const report: DispatchReport = { fannedOut: await fanOut(context, batchSize), handled: 0, retried: 0, failed: 0 };

  // Ready: due, and no earlier event of its key still waiting (pending rows are few: the index is small).
  const ready = await queryRows<OutboxRow>(
    context.dataSource,
    `SELECT ${OUTBOX_COLUMNS} FROM whatsapp_outbox_events e
      WHERE e.handler_status = 'pending' AND e.handler_next_attempt_at <= now()
        AND NOT EXISTS (SELECT 1 FROM whatsapp_outbox_events p
                         WHERE p.handler_status = 'pending' AND p.ordering_key = e.ordering_key AND p.sequence < e.sequence)
      ORDER BY e.sequence LIMIT $1`,
    [batchSize],
  );
  if (ready.length === 0) return report;
  if (handlers.empty) {
    await markHandled(context, ready.map((row) => row.id));
    report.handled = ready.length;
    return report;
  }
  // Only the first of each key is ready by the query above; the rest of a key comes in later rounds.
  await Promise.all(
    ready.map(async (row) => {
      const outcome = await handle(context, handlers, row, options.handlerTimeoutMs ?? 30_000);
      report[outcome] += 1;
    }),
  );
  return report;
}

async function handle(context: PluginContext, handlers: EventHandlers, row: OutboxRow, timeoutMs: number): Promise<'handled' | 'retried' | 'failed'> {
  const event = domainEventOf(row);
  try {
    for (const handler of handlers.for(row.kind)) await withTimeout(Promise.resolve().then(() => handler(event)), timeoutMs);
  } catch (error) {
    const attempts = row.handler_attempts + 1;
    const gaveUp = attempts >= HANDLER_MAX_ATTEMPTS;
    const message = error instanceof Error ? error.message : String(error);
    context.logger[gaveUp ? 'error' : 'warn']('an event handler failed', { eventId: row.id, kind: row.kind, attempts, error: message });
    await queryRows(
      context.dataSource,
      `UPDATE whatsapp_outbox_events SET handler_attempts = $2, handler_error = left($3, 2000),
              handler_status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END,
              handler_next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
        WHERE id = $1`,
      [row.id, attempts, message, gaveUp, handlerRetryDelayMs(attempts)],
    );
    return gaveUp ? 'failed' : 'retried';
  }
  await markHandled(context, [row.id]);
  return 'handled';
}

async function markHandled(context: PluginContext, ids: string[]): Promise<void> {
  await queryRows(
    context.dataSource,
    `UPDATE whatsapp_outbox_events SET handler_status = 'handled', handled_at = now(), handler_error = NULL WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** A delivery row for each new event and each enabled endpoint that takes its kind and number, in one statement. */
async function fanOut(context: PluginContext, batchSize: number): Promise<number> {
  const [row] = await queryRows<{ events: number }>(
    context.dataSource,
    `WITH fresh AS (
       SELECT id, kind, account_id FROM whatsapp_outbox_events WHERE fanned_out_at IS NULL ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED
     ), deliveries AS (
       INSERT INTO whatsapp_webhook_deliveries (endpoint_id, event_id, event_kind)
       SELECT ep.id, f.id, f.kind FROM fresh f
         JOIN whatsapp_webhook_endpoints ep
           ON ep.enabled AND (ep.account_id IS NULL OR ep.account_id = f.account_id)
          AND (cardinality(ep.event_kinds) = 0 OR f.kind = ANY(ep.event_kinds))
       ON CONFLICT ON CONSTRAINT uq_whatsapp_webhook_deliveries_endpoint_event DO NOTHING
     ), marked AS (
       UPDATE whatsapp_outbox_events e SET fanned_out_at = now() FROM fresh f WHERE e.id = f.id RETURNING e.id
     )
     SELECT count(*)::int AS events FROM marked`,
    [batchSize],
  );
  return row?.events ?? 0;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the handler did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

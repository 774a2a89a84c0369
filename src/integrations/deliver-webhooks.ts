import type { PluginContext } from '../context/plugin-context.js';
import { queryRows } from '../db/sql.js';
import { WEBHOOK_DISABLE_AFTER_MS, webhookRetryDelayMs } from '../domain/event-retry.js';
import { domainEventOf, type OutboxRow } from './outbox-rows.js';
import { signedWebhookHeaders } from './webhook-signature.js';

export interface WebhookDeliveryOptions {
  /** Deliveries attempted per round, side by side. */
  batchSize?: number;
  /** An endpoint that has not answered within this time failed this attempt. */
  timeoutMs?: number;
}

export interface DeliveryRoundReport {
  delivered: number;
  retried: number;
  failed: number;
  /** Endpoints disabled in this round after days of failures. */
  disabled: string[];
}

interface DueDelivery {
  id: string;
  attempts: number;
  endpoint_id: string;
  url: string;
  secret_encrypted: string;
  event: Pick<OutboxRow, 'id' | 'sequence' | 'kind' | 'occurred_at' | 'data'>;
}

const RESPONSE_KEPT = 2_000;

/**
 * One round of outgoing webhooks: the due deliveries of enabled endpoints, each POSTed with
 * Standard Webhooks' signature headers. A 2xx answer delivers it; anything else (another status,
 * a redirect, no answer in time) is retried on the schedule of event-retry.ts, and the answer is
 * kept in the delivery log. An endpoint that failed everything for five days is disabled, its
 * pending deliveries kept for when a manager enables it again.
 */
export async function deliverWebhooks(context: PluginContext, options: WebhookDeliveryOptions = {}): Promise<DeliveryRoundReport> {
  const due = await queryRows<DueDelivery>(
    context.dataSource,
    `SELECT d.id, d.attempts, d.endpoint_id, ep.url, ep.secret_encrypted,
            json_build_object('id', e.id, 'sequence', e.sequence, 'kind', e.kind, 'occurred_at', e.occurred_at, 'data', e.data) AS event
       FROM whatsapp_webhook_deliveries d
       JOIN whatsapp_webhook_endpoints ep ON ep.id = d.endpoint_id AND ep.enabled
       JOIN whatsapp_outbox_events e ON e.id = d.event_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= now()
      ORDER BY d.next_attempt_at, e.sequence LIMIT $1`,
    [options.batchSize ?? 20],
  );
  const report: DeliveryRoundReport = { delivered: 0, retried: 0, failed: 0, disabled: [] };
  await Promise.all(
    due.map(async (delivery) => {
      const attempt = await post(context, delivery, options.timeoutMs ?? 15_000, context.clock.now());
      const outcome = await record(context, delivery, attempt);
      report[outcome.result] += 1;
      if (outcome.disabled) report.disabled.push(delivery.endpoint_id);
    }),
  );
  for (const endpointId of report.disabled) context.logger.error('a webhook endpoint failed for days and was disabled', { endpointId });
  return report;
}

interface Attempt {
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

async function post(context: PluginContext, delivery: DueDelivery, timeoutMs: number, at: Date): Promise<Attempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let secret: string;
  try {
    secret = context.secretBox.open(delivery.secret_encrypted);
  } catch (error) {
    return { ok: false, status: null, body: null, error: `the endpoint's secret cannot be opened: ${String(error)}`, durationMs: 0 };
  }
  const event = domainEventOf(delivery.event);
  const body = JSON.stringify(event);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'adminjs-whatsapp-webhooks', ...signedWebhookHeaders(secret, event.id, body, at) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text().catch(() => '')).slice(0, RESPONSE_KEPT);
    return { ok: response.status >= 200 && response.status < 300, status: response.status, body: text, error: null, durationMs: elapsed() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? String(error));
    return { ok: false, status: null, body: null, error: reason, durationMs: elapsed() };
  }
}

async function record(context: PluginContext, delivery: DueDelivery, attempt: Attempt): Promise<{ result: 'delivered' | 'retried' | 'failed'; disabled: boolean }> {
  const attempts = delivery.attempts + 1;
  const delayMs = attempt.ok ? null : webhookRetryDelayMs(attempts);
  const result = attempt.ok ? 'delivered' : delayMs === null ? 'failed' : 'retried';
  const [row] = await queryRows<{ disabled: boolean }>(
    context.dataSource,
    `WITH d AS (
       UPDATE whatsapp_webhook_deliveries SET attempts = $2, status = $3::text, last_attempt_at = now(),
              next_attempt_at = CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $4::float8 / 1000) END,
              delivered_at = CASE WHEN $3::text = 'delivered' THEN now() END,
              response_status = $5, response_body = $6, error = $7, duration_ms = $8
        WHERE id = $1
     )
     UPDATE whatsapp_webhook_endpoints SET
            failing_since = CASE WHEN $9::boolean THEN NULL ELSE COALESCE(failing_since, now()) END,
            last_success_at = CASE WHEN $9 THEN now() ELSE last_success_at END,
            enabled = enabled AND ($9 OR COALESCE(failing_since, now()) > now() - make_interval(secs => $11::float8 / 1000)),
            disabled_reason = CASE WHEN NOT $9 AND COALESCE(failing_since, now()) <= now() - make_interval(secs => $11::float8 / 1000)
                                   THEN 'failing' ELSE disabled_reason END,
            updated_at = now()
      WHERE id = $10
      RETURNING NOT enabled AS disabled`,
    [
      delivery.id, attempts, result === 'retried' ? 'pending' : result, delayMs, attempt.status, attempt.body, attempt.error, attempt.durationMs,
      attempt.ok, delivery.endpoint_id, WEBHOOK_DISABLE_AFTER_MS,
    ],
  );
  return { result, disabled: row?.disabled === true };
}

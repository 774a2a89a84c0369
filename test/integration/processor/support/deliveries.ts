import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { serializeDelivery, type WebhookDelivery } from '../../../../src/sandbox/simulated-deliveries.js';
import { inTransaction } from '../../../../src/db/transaction.js';
import { QUEUES } from '../../../../src/db/job-queues.js';
import { processWebhookEvent, type WebhookEventOutcome } from '../../../../src/inbound/process-webhook-event.js';
import type { PluginContext } from '../../../../src/context/plugin-context.js';

/** Stores a delivery as the webhook route does (event row and its job in one transaction); returns the event id. */
export async function storeDelivery(context: PluginContext, delivery: WebhookDelivery | string): Promise<string> {
  const text = typeof delivery === 'string' ? delivery : serializeDelivery(delivery, { escapeUnicode: true });
  return inTransaction(context.dataSource, async (tx) => {
    const [row] = await tx.manager.query(
      `INSERT INTO whatsapp_webhook_events (raw_body, headers, body_sha256) VALUES ($1, '{}', $2) RETURNING id`,
      [text, createHash('sha256').update(text).digest('hex')],
    );
    await context.jobs.send(QUEUES.processWebhookEvent, { eventId: row.id }, { db: tx.jobDb });
    return row.id as string;
  });
}

/** Stores then processes one delivery in this process, as the job handler would. */
export async function deliver(context: PluginContext, delivery: WebhookDelivery | string): Promise<{ eventId: string; outcome: WebhookEventOutcome }> {
  const eventId = await storeDelivery(context, delivery);
  return { eventId, outcome: await processWebhookEvent(context, eventId) };
}

export interface EventRow {
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function eventRow(dataSource: DataSource, eventId: string): Promise<EventRow> {
  const [row] = await dataSource.query(
    `SELECT status, attempts, last_error AS "lastError" FROM whatsapp_webhook_events WHERE id = $1`,
    [eventId],
  );
  return row;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  wamid: string;
  direction: string;
  type: string;
  body: string | null;
  status: string;
  replyToWamid: string | null;
  reactions: { emoji: string; from: string; wamid: string; at: string }[];
  mediaId: string | null;
  mediaMimeType: string | null;
  mediaSha256: string | null;
  mediaFileName: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  errorDetails: string | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
  receivedAt: Date | null;
  payload: Record<string, unknown>;
}

export async function messageByWamid(dataSource: DataSource, wamid: string): Promise<MessageRow | undefined> {
  const [row] = await dataSource.query(
    `SELECT id, conversation_id AS "conversationId", wamid, direction, type, body, status, reply_to_wamid AS "replyToWamid",
            reactions, media_id AS "mediaId", media_mime_type AS "mediaMimeType", media_sha256 AS "mediaSha256",
            media_file_name AS "mediaFileName", error_code AS "errorCode", error_title AS "errorTitle",
            error_details AS "errorDetails", sent_at AS "sentAt", delivered_at AS "deliveredAt", read_at AS "readAt",
            failed_at AS "failedAt", received_at AS "receivedAt", payload
       FROM whatsapp_messages WHERE wamid = $1`,
    [wamid],
  );
  return row;
}

export async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS counted`, params);
  return row.n;
}

/** An outbound message as the sending side stores it once Meta accepted it (status `sent`, wamid known). */
export async function insertOutboundMessage(dataSource: DataSource, input: { conversationId: string; wamid: string | null; status?: string }): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, $2, 'outbound', 'text', 'Bonjour !', $3) RETURNING id`,
    [input.conversationId, input.wamid, input.status ?? 'sent'],
  );
  return row.id;
}

export const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

/**
 * Makes PostgreSQL refuse any message whose text contains POISON (a trigger on the real
 * database): a delivery that can never be processed, to exercise failures and retries.
 */
export async function refusePoisonMessages(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    CREATE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.body LIKE '%POISON%' THEN RAISE EXCEPTION 'test: this message is poison'; END IF;
      RETURN NEW;
    END $$`);
  await dataSource.query(`CREATE TRIGGER test_refuse_poison BEFORE INSERT ON whatsapp_messages FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()`);
}

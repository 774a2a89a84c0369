import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createGraphApiClient } from '../../../../src/cloud-api/index.js';
import { registerWebhookProcessor } from '../../../../src/jobs/process-webhook-event.job.js';
import { QUEUES } from '../../../../src/db/job-queues.js';
import { sendMessageJob } from '../../../../src/jobs/send-message.job.js';
import { outboundSettings, type OutboundSettings } from '../../../../src/delivery/delivery-settings.js';
import type { SendOutcome } from '../../../../src/delivery/send-queued-message.js';
import { startSandboxGraphApi, type SandboxGraphApi, type SandboxGraphApiOptions } from '../../../../src/sandbox/start-sandbox-graph-api.js';
import { createWebhookRouter } from '../../../../src/inbound/webhook/create-webhook-router.js';
import type PgBoss from 'pg-boss';
import { startJobQueue } from '../../../../src/db/start-job-queue.js';
import { createPluginContext, type PluginContext } from '../../../../src/context/plugin-context.js';
import { SecretBox } from '../../../../src/secrets/secret-box.js';
import { TEST_ACCOUNT } from '../../../support/plugin-context.js';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database.js';
import type { Clock } from '../../../../src/domain/clock.js';

export const ACCESS_TOKEN = 'sandbox-access-token';

export interface OutboundHarness {
  context: PluginContext;
  db: TestDatabase;
  jobs: PgBoss;
  sandbox: SandboxGraphApi;
  settings: OutboundSettings;
  accountId: string;
  /** Secret-box key of this context, for worker processes that must open the access token. */
  encryptionKey: string;
  /** A customer and their open conversation; by default they wrote an hour ago (window open). */
  conversation(options?: { waId?: string; lastInboundAt?: Date | null; unread?: number }): Promise<{ conversationId: string; contactId: string }>;
  message(id: string): Promise<Record<string, unknown>>;
  /** Send jobs waiting in pg-boss (any start time), oldest first. */
  pendingSendJobs(): Promise<{ messageId: string; startAfter: Date }[]>;
  /** Removes the message's send jobs from the queue: the test runs the send itself. */
  takeSendJobs(messageId: string): Promise<void>;
  /** Runs every send job that is due, as the worker would, until none is left; returns what they did. */
  drainSendJobs(): Promise<SendOutcome[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: SandboxGraphApiOptions;
  settings?: Partial<OutboundSettings>;
  /** The context's clock (real by default). */
  clock?: Clock;
  /** Serve the app's webhook route and run the webhook processor, so the sandbox's status webhooks are applied. */
  webhooks?: boolean;
}

/**
 * A plugin context on a fresh database whose one number has an access token, and whose Graph
 * client goes to a sandbox Graph API that knows it. The clock and the jitter are
 * real unless the test gives its own.
 */
export async function startOutboundHarness(options: HarnessOptions = {}): Promise<OutboundHarness> {
  const key = randomBytes(32);
  const database = await createTestDatabase();
  const jobs = await startJobQueue(database.url, { onError: () => undefined });
  const secretBox = new SecretBox(key);
  const context = createPluginContext({ dataSource: database.dataSource, secretBox, jobs, clock: options.clock, options: { mediaDir: '/nonexistent' } });
  await context.accounts.upsertConfigured({ ...TEST_ACCOUNT, accessToken: ACCESS_TOKEN });
  const t = { context, db: database, jobs };
  const closers: (() => Promise<unknown>)[] = [
    () => database.drop(),
    () => jobs.stop({ graceful: false, wait: true }),
  ];
  let webhookUrl: string | null = null;
  if (options.webhooks) {
    const app = express();
    app.use('/webhooks/whatsapp', createWebhookRouter(t.context));
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
    await registerWebhookProcessor(t.context);
  }
  const sandbox = await startSandboxGraphApi({
    numbers: [{ phoneNumberId: TEST_ACCOUNT.phoneNumberId, wabaId: TEST_ACCOUNT.wabaId, displayPhoneNumber: TEST_ACCOUNT.displayPhoneNumber }],
    accessToken: ACCESS_TOKEN,
    webhookUrl,
    appSecret: TEST_ACCOUNT.appSecret,
    statusDelaysMs: { sent: 20, delivered: 40, read: 60, failed: 20 },
    ...options.sandbox,
  });
  closers.push(() => sandbox.close());
  // The sandbox listens only now (its status webhooks need the route above): the client follows it.
  context.graph = createGraphApiClient({ graphUrl: sandbox.url, timeoutMs: 5_000 });
  const settings = outboundSettings(options.settings);
  const [{ id: accountId }] = await t.db.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [TEST_ACCOUNT.phoneNumberId]);
  const db = t.db.dataSource;
  let customers = 0;

  return {
    ...t,
    sandbox,
    settings,
    accountId,
    encryptionKey: key.toString('hex'),
    async conversation(given = {}) {
      customers += 1;
      const waId = given.waId ?? `2135550${String(customers).padStart(5, '0')}`;
      const [contact] = await db.query(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [accountId, waId]);
      const lastInboundAt = given.lastInboundAt === undefined ? new Date(Date.now() - 3600_000) : given.lastInboundAt;
      const [conversation] = await db.query(
        `INSERT INTO whatsapp_conversations (account_id, contact_id, last_inbound_at, unread_count) VALUES ($1, $2, $3, $4) RETURNING id`,
        [accountId, contact.id, lastInboundAt, given.unread ?? 0],
      );
      return { conversationId: conversation.id, contactId: contact.id };
    },
    async message(id) {
      const [row] = await db.query(`SELECT * FROM whatsapp_messages WHERE id = $1`, [id]);
      return row;
    },
    async pendingSendJobs() {
      const rows: { data: { messageId: string }; start_after: Date }[] = await db.query(
        `SELECT data, start_after FROM whatsapp_jobs.job WHERE name = $1 AND state IN ('created', 'retry') ORDER BY created_on, start_after`,
        [QUEUES.sendMessage],
      );
      return rows.map((row) => ({ messageId: row.data.messageId, startAfter: row.start_after }));
    },
    async takeSendJobs(messageId) {
      await db.query(`DELETE FROM whatsapp_jobs.job WHERE name = $1 AND data->>'messageId' = $2`, [QUEUES.sendMessage, messageId]);
    },
    async drainSendJobs() {
      const outcomes: SendOutcome[] = [];
      for (;;) {
        const jobs = await t.jobs.fetch<{ messageId: string }>(QUEUES.sendMessage, { batchSize: 50 });
        if (!jobs || jobs.length === 0) return outcomes;
        for (const job of jobs) {
          outcomes.push(await sendMessageJob(t.context, job.data, settings));
          await t.jobs.complete(QUEUES.sendMessage, job.id);
        }
      }
    },
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}

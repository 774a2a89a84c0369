import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDelivery, newWamid, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyParkedUpdates } from '../../../src/statuses/apply-parked-updates.js';
import { processWebhookEvent } from '../../../src/inbound/process-webhook-event.js';
import { startJobQueue } from '../../../src/db/start-job-queue.js';
import { registerWebhookProcessor } from '../../../src/jobs/process-webhook-event.job.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { count, eventRow, insertOutboundMessage, messageByWamid, storeDelivery } from './support/deliveries.js';
import { waitFor } from './support/wait-for.js';

const FIRST_CUSTOMER = '213555000000';

/**
 * Everything that can race: each message delivered 3 times in separate events, an outbound
 * message's statuses in reverse order before the sending side has recorded its wamid, the
 * copies spread so that they land in different batches and workers.
 */
function workload(customers: number, messagesPerCustomer: number) {
  const deliveries: WebhookDelivery[] = [];
  const inbound: string[] = [];
  for (let c = 0; c < customers; c++) {
    const from = `2135550${String(c).padStart(5, '0')}`;
    for (let m = 0; m < messagesPerCustomer; m++) {
      const wamid = newWamid();
      inbound.push(wamid);
      const delivery = buildDelivery(m % 3 === 0 ? 'image' : 'text', { from, wamid, timestamp: 1763712000 + m });
      deliveries.push(delivery, delivery, delivery);
    }
  }
  const outbound = newWamid();
  for (const [status, offset] of [['read', 30], ['delivered', 20], ['sent', 10]] as const) {
    deliveries.push(buildDelivery('status', { wamid: outbound, from: FIRST_CUSTOMER, status, timestamp: 1763712000 + offset }));
  }
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  return { deliveries, inbound, outbound };
}

describe('processor: concurrent and crashing workers', function () {
  this.timeout(120_000);
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());

  const db = () => t.db.dataSource;
  const unprocessed = () => count(db(), `SELECT 1 FROM whatsapp_webhook_events WHERE status <> 'processed'`);

  /** The sending side records its message's wamid after every status came in: all of them were parked. */
  async function recordOutbound(wamid: string): Promise<void> {
    const [conversation] = await db().query(
      `SELECT v.id FROM whatsapp_conversations v JOIN whatsapp_contacts c ON c.id = v.contact_id WHERE c.wa_id = $1`,
      [FIRST_CUSTOMER],
    );
    const id = await insertOutboundMessage(db(), { conversationId: conversation.id, wamid: null, status: 'sending' });
    await inTransaction(db(), async (tx) => {
      await tx.manager.query(`UPDATE whatsapp_messages SET wamid = $2 WHERE id = $1`, [id, wamid]);
      await applyParkedUpdates(tx.manager, wamid);
    });
  }

  async function assertEachOnce(work: ReturnType<typeof workload>, customers: number, messagesPerCustomer: number): Promise<void> {
    expect(await unprocessed()).to.equal(0);
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE direction = 'inbound'`)).to.equal(work.inbound.length);
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE wamid = ANY($1)`, [work.inbound])).to.equal(work.inbound.length);
    expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(customers);
    const unread = await db().query(`SELECT unread_count FROM whatsapp_conversations`);
    expect(unread).to.deep.equal(Array(customers).fill({ unread_count: messagesPerCustomer }));
    expect(await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1`, [QUEUES.downloadMedia])).to.equal(
      await count(db(), `SELECT 1 FROM whatsapp_messages WHERE type = 'image'`),
    );
    await recordOutbound(work.outbound);
    const outbound = await messageByWamid(db(), work.outbound);
    expect(outbound).to.include({ status: 'read' });
    expect([outbound!.sentAt, outbound!.deliveredAt, outbound!.readAt].every((time) => time !== null)).to.equal(true);
    expect(await count(db(), `SELECT 1 FROM whatsapp_pending_statuses`)).to.equal(0);
  }

  it('runs an event once when its handler is called several times at once', async () => {
    const eventId = await storeDelivery(t.context, buildDelivery('text'));
    const outcomes = await Promise.all([1, 2, 3].map(() => processWebhookEvent(t.context, eventId)));
    expect(outcomes.sort()).to.deep.equal(['processed', 'skipped', 'skipped']);
    expect(await eventRow(db(), eventId)).to.include({ status: 'processed', attempts: 1 });
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages`)).to.equal(1);
  });

  it('stores each message once with two workers (two pg-boss instances) on the same events', async () => {
    const work = workload(8, 6);
    for (const delivery of work.deliveries) await storeDelivery(t.context, delivery);
    const secondJobs = await startJobQueue(t.db.url, { onError: () => undefined });
    try {
      await registerWebhookProcessor(t.context, { batchSize: 10, concurrency: 3 });
      await registerWebhookProcessor({ ...t.context, jobs: secondJobs }, { batchSize: 10, concurrency: 3 });
      await waitFor('every event processed', async () => (await unprocessed()) === 0);
    } finally {
      await secondJobs.stop({ graceful: false, wait: true });
    }
    await assertEachOnce(work, 8, 6);
  });

  it('loses and doubles nothing when a worker is killed with SIGKILL in the middle of a batch, and a restarted one takes over within seconds', async () => {
    // The queue's own settings, as in production: what the dead worker held comes back by itself.
    const work = workload(20, 10);
    for (const delivery of work.deliveries) await storeDelivery(t.context, delivery);
    const processed = () => count(db(), `SELECT 1 FROM whatsapp_webhook_events WHERE status = 'processed'`);

    const first = startWorker(t.db.url);
    try {
      await waitFor('the first worker to be busy', async () => (await processed()) >= 60, 60_000);
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
    }
    expect(await processed(), 'killed before the end').to.be.below(work.deliveries.length);
    const held = await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND state = 'active'`, [QUEUES.processWebhookEvent]);
    expect(held, 'jobs the killed worker held').to.be.above(0);

    const second = startWorker(t.db.url);
    try {
      // Before: 2 minutes of expiry plus up to 2 minutes until pg-boss looked (4–5 minutes in all).
      await waitFor('every event processed within 45 s of the restart', async () => (await unprocessed()) === 0, 45_000);
    } finally {
      second.kill('SIGKILL');
      await once(second, 'exit');
    }
    await assertEachOnce(work, 20, 10);
  });
});

function startWorker(databaseUrl: string): ChildProcess {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'worker-process.ts');
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, BATCH_SIZE: '20', CONCURRENCY: '2' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

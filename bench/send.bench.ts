/**
 * `npm run bench:send`: 10,000 messages through the whole sending pipeline to the sandbox
 * Graph API, on an embedded PostgreSQL, all on loopback. Prints figures; asserts nothing.
 *
 * Agents queue replies with `reply()` (message row and job in one transaction) while worker
 * processes, as `npm run worker` runs them, claim, rate-limit and send them to the sandbox,
 * which stands for Meta: it enforces the number's cap (answering 130429 above it) and its
 * request log is what the per-second rate is measured from. Status webhooks are off: this
 * measures sending, not the inbound side (bench:webhook does).
 *
 * The 10,000 are queued faster than the number may send them, so their queue-to-sent latency
 * is mostly time spent waiting behind the others; a second, paced run (BENCH_PACED messages
 * at 20/s) shows the latency of a reply when the number is not busy.
 *
 * BENCH_MESSAGES (10,000), BENCH_CAP (the number's messages_per_second, 250),
 * BENCH_WORKERS (worker processes, 1), BENCH_AGENTS (concurrent reply() callers, 16),
 * BENCH_PACED (200).
 *
 * Run with BENCH_SEND_WORKER=1 this file is one of those worker processes instead.
 */
import { peakInAnySecond } from '../test/support/peak-in-any-second.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { SAMPLE_ACCOUNT } from '../src/sandbox/simulated-deliveries.js';
import { createGraphApiClient } from '../src/cloud-api/index.js';
import { workerProcessContext } from '../test/support/worker-process-context.js';
import { registerSendMessageWorker } from '../src/jobs/send-message.job.js';
import { DEFAULT_OUTBOUND_SETTINGS } from '../src/delivery/delivery-settings.js';
import { reply } from '../src/conversations/reply.js';
import { startSandboxGraphApi } from '../src/sandbox/start-sandbox-graph-api.js';
import { SecretBox } from '../src/secrets/secret-box.js';
import { startBenchEnvironment } from './support/bench-environment.js';
import { printFigures } from './support/bench-section.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CAP = Number(process.env.BENCH_CAP ?? 250);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 16);
const PACED = Number(process.env.BENCH_PACED ?? 200);
const PACED_PER_SECOND = 20;
// Each customer gets fewer messages than Meta's pair burst (45): the number's cap is what binds.
const PER_CUSTOMER = 20;
const ACCESS_TOKEN = 'bench-access-token';

if (process.env.BENCH_SEND_WORKER) await runWorker();
else await runBenchmark();

async function runBenchmark(): Promise<void> {
  const env = await startBenchEnvironment({ poolSize: 10 });
  const workers: ChildProcess[] = [];
  const sandbox = await startSandboxGraphApi({
    numbers: [SAMPLE_ACCOUNT],
    accessToken: ACCESS_TOKEN,
    throughputPerSecond: CAP,
    logLimit: MESSAGES * 2,
  });
  try {
    // Workers open the access token with a key of their own, handed over in their environment.
    const key = randomBytes(32);
    const db = env.dataSource;
    const [updated] = await db.query(
      `UPDATE whatsapp_accounts SET access_token_encrypted = $1, messages_per_second = $2 WHERE phone_number_id = $3 RETURNING id`,
      [new SecretBox(key).seal(ACCESS_TOKEN), CAP, SAMPLE_ACCOUNT.phoneNumberId],
    );
    const conversations = await createConversations(db, updated[0].id, Math.ceil(MESSAGES / PER_CUSTOMER));

    console.log(
      `Sending ${MESSAGES.toLocaleString('en-US')} messages: ${AGENTS} agents calling reply(), ${WORKERS} worker process(es), ` +
        `one number capped at ${CAP}/s (sent at ${DEFAULT_OUTBOUND_SETTINGS.rateHeadroom} of it), ${conversations.length} customers`,
    );
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(env.databaseUrl, sandbox.url, key));

    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: AGENTS }, async () => {
        while (next < MESSAGES) {
          const n = next++;
          await reply(env.context, { conversationId: conversations[n % conversations.length]!, text: `Message ${n}`, actor: null });
        }
      }),
    );
    const queuedIn = (Date.now() - started) / 1000;

    await allSent(db, MESSAGES);
    const [timing] = await db.query(
      `SELECT extract(epoch FROM max(sent_at) - min(queued_at)) AS seconds, count(*) FILTER (WHERE send_attempts > 1)::int AS retried
         FROM whatsapp_messages WHERE direction = 'outbound'`,
    );
    const backlogged = await latencies(db);
    const requests = sandbox.log.entries({ endpoint: 'messages', phoneNumberId: SAMPLE_ACCOUNT.phoneNumberId });
    const rates = sandbox.rates.rates(SAMPLE_ACCOUNT.phoneNumberId);
    const peak = peakInAnySecond(requests.map((r) => r.at));

    const pacedFrom = new Date();
    for (let n = 0; n < PACED; n++) {
      const due = pacedFrom.getTime() + (n * 1000) / PACED_PER_SECOND;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      await reply(env.context, { conversationId: conversations[n % conversations.length]!, text: `Paced ${n}`, actor: null });
    }
    await allSent(db, MESSAGES + PACED);
    const paced = await latencies(db, pacedFrom);

    console.log(
      `  ${requests.length} requests to the sandbox, ${rates.accepted} accepted, ${rates.throttled} refused with 130429, ` +
        `${timing.retried} messages needed more than one request; queued in ${queuedIn.toFixed(1)} s`,
    );
    printFigures([
      { name: 'messages sent end to end (first queued → last sent)', value: MESSAGES / Number(timing.seconds), unit: 'msg/s' },
      { name: 'reply() calls (row + job, one transaction)', value: MESSAGES / queuedIn, unit: 'msg/s' },
      { name: 'highest rate the sandbox saw for the number, any 1,000 ms', value: peak, unit: `msg/s (cap ${CAP})` },
      { name: `queue-to-sent latency p50, ${MESSAGES.toLocaleString('en-US')} queued at once`, value: backlogged.p50, unit: 'ms' },
      { name: `queue-to-sent latency p99, ${MESSAGES.toLocaleString('en-US')} queued at once`, value: backlogged.p99, unit: 'ms' },
      { name: `queue-to-sent latency p50, ${PACED_PER_SECOND} replies/s`, value: paced.p50, unit: 'ms' },
      { name: `queue-to-sent latency p99, ${PACED_PER_SECOND} replies/s`, value: paced.p99, unit: 'ms' },
    ]);
  } finally {
    for (const worker of workers) {
      const exited = once(worker, 'exit');
      worker.kill('SIGTERM');
      await exited;
    }
    await sandbox.close();
    await env.close();
  }
}

async function allSent(db: DataSource, expected: number): Promise<void> {
  for (;;) {
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE status = 'sent'`);
    if (count >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function latencies(db: DataSource, queuedFrom?: Date): Promise<{ p50: number; p99: number }> {
  const [row] = await db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - queued_at)) * 1000 AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - queued_at)) * 1000 AS p99
       FROM whatsapp_messages WHERE direction = 'outbound' AND ($1::timestamptz IS NULL OR queued_at >= $1)`,
    [queuedFrom ?? null],
  );
  return { p50: Number(row.p50), p99: Number(row.p99) };
}

async function createConversations(db: DataSource, accountId: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `WITH contacts AS (
       INSERT INTO whatsapp_contacts (account_id, wa_id)
       SELECT $1, '2135' || lpad(n::text, 8, '0') FROM generate_series(1, $2) AS n RETURNING id
     )
     INSERT INTO whatsapp_conversations (account_id, contact_id, last_inbound_at)
     SELECT $1, id, now() - interval '1 hour' FROM contacts RETURNING id`,
    [accountId, count],
  );
  return rows.map((row) => row.id);
}

/** A worker process at a lower CPU priority: on a small machine the sandbox, which stands for Meta's servers elsewhere, must not be starved by them. */
async function startWorker(databaseUrl: string, graphUrl: string, key: Buffer): Promise<ChildProcess> {
  const child = spawn('nice', ['-n', '10', process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_SEND_WORKER: '1', DATABASE_URL: databaseUrl, GRAPH_URL: graphUrl, ENCRYPTION_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => chunk.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  return child;
}

async function runWorker(): Promise<void> {
  const graphUrl = process.env.GRAPH_URL;
  if (!graphUrl || !process.env.ENCRYPTION_KEY) throw new Error('GRAPH_URL and ENCRYPTION_KEY are required');
  const context = { ...(await workerProcessContext()), graph: createGraphApiClient({ graphUrl }) };
  await registerSendMessageWorker(context);
  process.once('SIGTERM', () => {
    void context.jobs.stop({ graceful: false, wait: true }).then(() => context.dataSource.destroy()).then(() => process.exit(0));
  });
  console.log('ready');
}

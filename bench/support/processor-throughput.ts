import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { newWamid } from '../../src/sandbox/simulated-deliveries.js';
import { registerWebhookProcessor, WEBHOOK_PROCESSOR_DEFAULTS, type WebhookProcessorOptions } from '../../src/jobs/process-webhook-event.job.js';
import { QUEUES } from '../../src/db/job-queues.js';
import type { BenchEnvironment } from './bench-environment.js';
import type { BenchFigure, BenchSection } from './bench-section.js';
import { printTopStatements, resetStatementCounts } from './top-statements.js';
import { trafficStream, type KnownCustomer, type TrafficMix } from './traffic-mix.js';

export interface ProcessorThroughputOptions {
  /** Stored events processed in the measured run. Default BENCH_PROCESSOR_EVENTS or 20,000. */
  events?: number;
  /** Known customers (each with an open conversation and one outbound message to report statuses on). Default 1,000. */
  customers?: number;
  /** What the events are (see traffic-mix.ts). Default `realistic`. */
  mix?: TrafficMix;
  /** Worker loops in this process (each a `registerWebhookProcessor`). Default BENCH_PROCESSOR_WORKERS or 1, as the plugin runs. */
  workers?: number;
  batchSize?: number;
  eventsPerTransaction?: number;
  concurrency?: number;
}

/**
 * Processor throughput: webhook events already stored and queued (as the route leaves them)
 * are processed by the real pg-boss workers, and the section reports events/s from the first
 * fetch to the last commit, with the CPU each event cost. The queue is emptied first, so that
 * events left by other sections are not counted.
 */
export function processorThroughputSection(options: ProcessorThroughputOptions = {}): BenchSection {
  const events = options.events ?? Number(process.env.BENCH_PROCESSOR_EVENTS ?? 20_000);
  const customers = options.customers ?? 1_000;
  const mix = options.mix ?? 'realistic';
  const workers = options.workers ?? Number(process.env.BENCH_PROCESSOR_WORKERS ?? 1);
  // Unset: what the plugin runs (registerWebhookProcessor's defaults).
  const setting = (given: number | undefined, variable: string, fallback: number) => given ?? Number(process.env[variable] ?? fallback);
  const settings = {
    workers,
    batchSize: setting(options.batchSize, 'BENCH_PROCESSOR_BATCH', WEBHOOK_PROCESSOR_DEFAULTS.batchSize),
    eventsPerTransaction: setting(options.eventsPerTransaction, 'BENCH_PROCESSOR_PER_TRANSACTION', WEBHOOK_PROCESSOR_DEFAULTS.eventsPerTransaction),
    concurrency: setting(options.concurrency, 'BENCH_PROCESSOR_CONCURRENCY', WEBHOOK_PROCESSOR_DEFAULTS.concurrency),
  };
  return {
    title:
      `Processor throughput: ${events.toLocaleString('en-US')} stored events, ${mix} mix; ` +
      `${workers} worker loop(s), batches of ${settings.batchSize}, ${settings.eventsPerTransaction} events per transaction, ` +
      `${settings.concurrency} transactions at once`,
    async run(env) {
      await env.jobs.purgeQueue(QUEUES.processWebhookEvent);
      const known = await seedKnownCustomers(env, customers);
      const next = trafficStream(mix, known);
      const build = (count: number) => Array.from({ length: count }, next);
      // Warm-up (JIT, connection pool, plans), not measured.
      await processAll(env, build(Math.min(2_000, events)), settings);
      await resetStatementCounts(env.dataSource);
      const measured = await processAll(env, build(events), settings);
      await printTopStatements(env.dataSource, measured.events);
      console.log(
        `  ${measured.events} events in ${measured.seconds.toFixed(2)} s: ${measured.messages} messages stored, ${measured.statuses} status events applied`,
      );
      const cpuMsPerEvent = (measured.cpu.node + measured.cpu.postgres) / measured.events;
      // Other processes on the machine compete for the same cores: the CPU cost tells what the cores allow when they do not.
      console.log(`  CPU: Node ${(measured.cpu.node / 1000).toFixed(1)} s + PostgreSQL ${(measured.cpu.postgres / 1000).toFixed(1)} s`);
      const cores = os.cpus().length;
      return [
        { name: 'events processed/s', value: measured.events / measured.seconds, unit: 'events/s', target: '≥ 1,500' },
        { name: 'CPU per event (Node + PostgreSQL)', value: cpuMsPerEvent, unit: 'ms' },
        { name: `events/s ${cores} idle cores allow at that CPU cost`, value: (cores * 1000) / cpuMsPerEvent, unit: 'events/s' },
        { name: 'inbound messages stored/s', value: measured.messages / measured.seconds, unit: 'messages/s' },
        { name: 'statuses applied/s', value: measured.statuses / measured.seconds, unit: 'statuses/s' },
      ] satisfies BenchFigure[];
    },
  };
}

/** Customers with an open conversation and one outbound message each, as the sending side leaves them. */
export async function seedKnownCustomers(env: BenchEnvironment, customers: number): Promise<KnownCustomer[]> {
  const [account] = await env.dataSource.query(`SELECT id FROM whatsapp_accounts LIMIT 1`);
  const prefix = String(Math.floor(Math.random() * 90) + 10);
  const known = Array.from({ length: customers }, (_, i) => ({ wamid: newWamid(), from: `2136${prefix}${String(i).padStart(6, '0')}` }));
  await env.dataSource.query(
    `WITH c AS (
       INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name)
       SELECT $1, wa_id, '+' || wa_id, 'Client ' || wa_id FROM unnest($2::text[]) AS wa_id
       ON CONFLICT ON CONSTRAINT uq_whatsapp_contacts_account_wa_id DO UPDATE SET updated_at = now()
       RETURNING id, wa_id
     ), v AS (
       INSERT INTO whatsapp_conversations (account_id, contact_id) SELECT $1, id FROM c
       ON CONFLICT (account_id, contact_id) WHERE status <> 'resolved' DO NOTHING
       RETURNING id, contact_id
     )
     INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status)
     SELECT v.id, o.wamid, 'outbound', 'text', 'Bonjour, merci pour votre message', 'sent'
       FROM v JOIN c ON c.id = v.contact_id JOIN unnest($2::text[], $3::text[]) AS o(wa_id, wamid) ON o.wa_id = c.wa_id`,
    [account.id, known.map((o) => o.from), known.map((o) => o.wamid)],
  );
  // A running installation's tables have statistics (autovacuum); a fresh benchmark database has none yet.
  await env.dataSource.query('ANALYZE');
  return known;
}

interface Measured {
  events: number;
  seconds: number;
  messages: number;
  statuses: number;
  /** CPU milliseconds spent by this process and by the PostgreSQL server. */
  cpu: { node: number; postgres: number };
}

async function processAll(
  env: BenchEnvironment,
  bodies: readonly string[],
  settings: { workers: number } & WebhookProcessorOptions,
): Promise<Measured> {
  const [{ since, messagesBefore }] = await env.dataSource.query(
    `SELECT clock_timestamp() AS since, (SELECT count(*)::int FROM whatsapp_messages) AS "messagesBefore"`,
  );
  await storeEvents(env, bodies);

  const postmaster = await postmasterPid(env);
  const postgresBefore = await postgresCpuMs(postmaster);
  const nodeBefore = process.cpuUsage();
  const started = Date.now();
  for (let i = 0; i < settings.workers; i++) {
    await registerWebhookProcessor(env.context, settings);
  }
  try {
    for (;;) {
      if ((await unprocessedSince(env.dataSource, since)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await env.jobs.offWork(QUEUES.processWebhookEvent);
  }
  const seconds = (Date.now() - started) / 1000;
  const nodeCpu = process.cpuUsage(nodeBefore);
  const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1000, postgres: (await postgresCpuMs(postmaster)) - postgresBefore };
  const [{ messages, failed }] = await env.dataSource.query(
    `SELECT (SELECT count(*)::int FROM whatsapp_messages) - $2 AS messages,
            (SELECT count(*)::int FROM whatsapp_webhook_events WHERE received_at >= $1 AND status <> 'processed') AS failed`,
    [since, messagesBefore],
  );
  if (failed > 0) console.log(`  ${failed} events did not end processed`);
  const statuses = bodies.filter((body) => body.includes('"statuses"')).length;
  return { events: bodies.length, seconds, messages, statuses, cpu };
}

/** How many events stored since `since` are not processed yet (the processor's backlog). */
export async function unprocessedSince(db: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, since: Date): Promise<number> {
  const [{ left }] = (await db.query(
    `SELECT count(*)::int AS left FROM whatsapp_webhook_events WHERE received_at >= $1 AND status = 'received'`,
    [since],
  )) as { left: number }[];
  return left;
}

/** Stores the events and their jobs the way the webhook route does, in chunks (setup, not measured). */
async function storeEvents(env: BenchEnvironment, bodies: readonly string[]): Promise<void> {
  for (let offset = 0; offset < bodies.length; offset += 1_000) {
    const chunk = bodies.slice(offset, offset + 1_000);
    const ids: { id: string }[] = await env.dataSource.query(
      `INSERT INTO whatsapp_webhook_events (raw_body, body_sha256)
       SELECT body, encode(sha256(convert_to(body, 'UTF8')), 'hex') FROM unnest($1::text[]) AS body RETURNING id`,
      [chunk],
    );
    await env.jobs.insert(ids.map(({ id }) => ({ name: QUEUES.processWebhookEvent, data: { eventId: id } })));
  }
}

async function postmasterPid(env: BenchEnvironment): Promise<number | null> {
  const [{ pid }] = await env.dataSource.query(`SELECT pg_backend_pid() AS pid`);
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : null;
}

/** CPU time of the PostgreSQL server's processes (Linux /proc; 0 elsewhere). */
async function postgresCpuMs(postmaster: number | null): Promise<number> {
  if (postmaster === null) return 0;
  const ticksPerMs = 100 / 1000;
  let total = 0;
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
    total += (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
  }
  return total;
}

import { registerWebhookProcessor } from '../../src/jobs/process-webhook-event.job.js';
import { QUEUES } from '../../src/db/job-queues.js';
import type { BenchFigure, BenchSection } from './bench-section.js';
import { driveLoad } from './load.js';
import { seedKnownCustomers, unprocessedSince } from './processor-throughput.js';
import type { TrafficMix } from './traffic-mix.js';

export interface SustainedLoadOptions {
  mix: TrafficMix;
  /** Deliveries per second sent to the webhook. */
  rate: number;
  seconds: number;
  connections: number;
}

/** How long the backlog may take to drain after the load stops before the section gives up waiting. */
const DRAIN_LIMIT_MS = 180_000;

/**
 * What users see at a sustained rate: distinct signed deliveries of a mix posted to the real
 * webhook route at a fixed rate, while the webhook processor runs in the same process with the
 * plugin's defaults (as `npm start` runs it). Reports the ack latency, the processing lag of
 * each event (from its row being stored, just before the 200, to its processing commit), the
 * largest backlog seen and how long it took to drain once the load stopped.
 */
export function sustainedLoadSection(options: SustainedLoadOptions): BenchSection {
  const { mix, rate, seconds, connections } = options;
  return {
    title: `Sustained ${rate.toLocaleString('en-US')} deliveries/s for ${seconds} s, ${mix} mix, processor running in the same process`,
    async run(env) {
      await env.jobs.purgeQueue(QUEUES.processWebhookEvent);
      const known = await seedKnownCustomers(env, 1_000);
      const [{ since }] = await env.dataSource.query(`SELECT clock_timestamp() AS since`);
      // The plugin's defaults unless BENCH_PROCESSOR_CONCURRENCY / _PER_TRANSACTION say otherwise (to try other settings).
      const setting = (option: string, variable: string) => (process.env[variable] ? { [option]: Number(process.env[variable]) } : {});
      await registerWebhookProcessor(env.context, {
        ...setting('concurrency', 'BENCH_PROCESSOR_CONCURRENCY'),
        ...setting('eventsPerTransaction', 'BENCH_PROCESSOR_PER_TRANSACTION'),
      });
      const backlog = backlogSampler(env.dataSource, since);
      try {
        const load = await driveLoad({
          url: env.webhookUrl,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          connections,
          durationSeconds: seconds,
          overallRate: rate,
          traffic: { mix, known, appSecret: env.appSecret },
        });
        const loadStopped = Date.now();
        const drained = await backlog.waitUntilEmpty(DRAIN_LIMIT_MS);
        const drainSeconds = (Date.now() - loadStopped) / 1000;
        const lag = await processingLag(env.dataSource, since);
        console.log(
          `  sent ${load.ok + load.notOk} (non-2xx ${load.notOk}, errors ${load.errors}); events ${lag.events}, not processed ${lag.unprocessed}` +
            (drained ? '' : ` — the backlog had not drained ${DRAIN_LIMIT_MS / 1000} s after the load stopped`),
        );
        return [
          { name: 'deliveries acked/s', value: load.requestsPerSecond, unit: 'req/s', target: `${rate.toLocaleString('en-US')}` },
          { name: 'ack latency p50', value: load.p50Ms, unit: 'ms' },
          { name: 'ack latency p99', value: load.p99Ms, unit: 'ms', target: '≤ 50' },
          { name: 'processing lag p50 (stored → processed)', value: lag.p50Ms, unit: 'ms' },
          { name: 'processing lag p99', value: lag.p99Ms, unit: 'ms', target: '≤ 2,000' },
          { name: 'processing lag max', value: lag.maxMs, unit: 'ms' },
          { name: 'largest backlog seen', value: backlog.largest(), unit: 'events' },
          { name: 'drain time after the load stopped', value: drainSeconds, unit: 's' },
        ] satisfies BenchFigure[];
      } finally {
        await backlog.stop();
        await env.jobs.offWork(QUEUES.processWebhookEvent);
      }
    },
  };
}

type Queryable = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/** Counts the events stored since `since` and not yet processed, every 250 ms. */
function backlogSampler(db: Queryable, since: Date) {
  let largest = 0;
  let last = Number.POSITIVE_INFINITY;
  let stopped = false;
  const count = async () => {
    const left = await unprocessedSince(db, since);
    last = left;
    largest = Math.max(largest, left);
    return left;
  };
  const loop = (async () => {
    while (!stopped) {
      await count();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    largest: () => largest,
    async waitUntilEmpty(limitMs: number): Promise<boolean> {
      const until = Date.now() + limitMs;
      while (Date.now() < until) {
        if ((await count()) === 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return last === 0;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function processingLag(db: Queryable, since: Date) {
  const [row] = (await db.query(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE processed_at IS NULL)::int AS unprocessed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000 AS "p50Ms",
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at)) * 1000 AS "p99Ms",
            max(extract(epoch FROM processed_at - received_at)) * 1000 AS "maxMs"
       FROM whatsapp_webhook_events WHERE received_at >= $1`,
    [since],
  )) as { events: number; unprocessed: number; p50Ms: number; p99Ms: number; maxMs: number }[];
  return { ...row!, p50Ms: Number(row!.p50Ms), p99Ms: Number(row!.p99Ms), maxMs: Number(row!.maxMs) };
}

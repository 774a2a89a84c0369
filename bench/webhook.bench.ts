/**
 * `npm run bench:webhook`: figures for the webhook ack path on an embedded PostgreSQL.
 * Prints them; asserts nothing. BENCH_SECONDS (default 10) sets each ack measurement's length,
 * BENCH_SUSTAINED_SECONDS (default 30) each sustained run's, BENCH_CONNECTIONS (default 64) the
 * concurrent connections; BENCH_ONLY=text runs the sections whose title contains the text;
 * BENCH_STATEMENTS=1 prints where PostgreSQL's time went in the processor sections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildDelivery, serializeDelivery } from '../src/sandbox/simulated-deliveries.js';
import { signBody } from '../src/domain/webhook-signature.js';
import { QUEUES } from '../src/db/job-queues.js';
import { startBenchEnvironment, type BenchEnvironment } from './support/bench-environment.js';
import { sampleCpu } from './support/cpu-usage.js';
import { printFigures, type BenchFigure, type BenchSection } from './support/bench-section.js';
import { processorThroughputSection } from './support/processor-throughput.js';
import { sustainedLoadSection } from './support/sustained-load.js';
import { TRAFFIC_MIXES } from './support/traffic-mix.js';
import { driveLoad } from './support/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SUSTAINED_SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

/** A typical inbound text delivery, with Meta's `\u` escapes. */
const BODY = serializeDelivery(buildDelivery('text'), { escapeUnicode: true });

function signedPost(env: BenchEnvironment, url = env.webhookUrl) {
  return {
    url,
    method: 'POST' as const,
    body: BODY,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(BODY, env.appSecret) },
  };
}

const ackThroughput = (mounting: string, urlOf: (env: BenchEnvironment) => string): BenchSection => ({
  title: `Acked webhooks, as fast as they come, ${mounting} (${CONNECTIONS} connections, ${SECONDS} s, each event and its job committed before the 200)`,
  async run(env) {
    const post = signedPost(env, urlOf(env));
    await driveLoad({ ...post, connections: CONNECTIONS, durationSeconds: 2 });
    const before = await sampleCpu(env.dataSource);
    const loopBefore = performance.eventLoopUtilization();
    const load = await driveLoad({ ...post, connections: CONNECTIONS, durationSeconds: SECONDS });
    const loop = performance.eventLoopUtilization(loopBefore);
    const after = await sampleCpu(env.dataSource);
    // Requests still in flight when the load stopped finish on the server all the same.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const acked = env.metrics.snapshot().stored;
    const [{ events, jobs }] = await env.dataSource.query(
      `SELECT (SELECT count(*) FROM whatsapp_webhook_events)::int AS events,
              (SELECT count(*) FROM whatsapp_jobs.job WHERE name = $1)::int AS jobs`,
      [QUEUES.processWebhookEvent],
    );
    console.log(`  non-2xx ${load.notOk}, errors ${load.errors}; acked ${acked}, events stored ${events}, jobs queued ${jobs}`);
    const perWebhook = (seconds: number) => (seconds * 1e6) / load.ok;
    const nodeUs = perWebhook(after.node - before.node);
    const figures: BenchFigure[] = [
      { name: 'acked webhooks/s', value: load.requestsPerSecond, unit: 'req/s', target: '≥ 3,000' },
      { name: 'ack latency p50 at max load', value: load.p50Ms, unit: 'ms' },
      { name: 'ack latency p99 at max load', value: load.p99Ms, unit: 'ms' },
      // Near 100 %: the server's single thread is the limit (its own work, or waiting for a core).
      { name: 'server event loop utilisation', value: loop.utilization * 100, unit: '%' },
      { name: 'CPU per acked webhook: server (Node)', value: nodeUs, unit: 'µs' },
      { name: 'CPU per acked webhook: load generator', value: load.generatorCpuPerRequestUs, unit: 'µs' },
    ];
    if (after.postgres !== null && before.postgres !== null) {
      const postgresUs = perWebhook(after.postgres - before.postgres);
      figures.push(
        { name: 'CPU per acked webhook: PostgreSQL', value: postgresUs, unit: 'µs' },
        // What the rate would be if nothing else ran: useful when the machine is shared.
        {
          name: `CPU-bound ceiling on ${os.cpus().length} idle cores (server + PostgreSQL + load generator)`,
          value: (os.cpus().length * 1e6) / (nodeUs + postgresUs + load.generatorCpuPerRequestUs),
          unit: 'req/s',
        },
      );
    }
    return figures;
  },
});

const ackLatency = (mounting: string, urlOf: (env: BenchEnvironment) => string): BenchSection => ({
  title: `Ack latency at a fixed 1,000 webhooks/s, ${mounting} (${SECONDS} s)`,
  async run(env) {
    const load = await driveLoad({ ...signedPost(env, urlOf(env)), connections: CONNECTIONS, durationSeconds: SECONDS, overallRate: 1000 });
    console.log(`  sent ${load.ok + load.notOk} (non-2xx ${load.notOk}, errors ${load.errors})`);
    return [
      { name: 'acked webhooks/s', value: load.requestsPerSecond, unit: 'req/s' },
      { name: 'ack latency p50', value: load.p50Ms, unit: 'ms' },
      { name: 'ack latency p99', value: load.p99Ms, unit: 'ms', target: '≤ 50' },
      { name: 'ack latency max', value: load.maxMs, unit: 'ms' },
    ];
  },
});

const bareHttp: BenchSection = {
  title: 'For comparison: a bare node:http server reading the same body and answering 200',
  async run() {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('OK'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const post = { url: `http://127.0.0.1:${port}/`, method: 'POST' as const, body: BODY, headers: { 'content-type': 'application/json' } };
      await driveLoad({ ...post, connections: CONNECTIONS, durationSeconds: 2 });
      const before = process.cpuUsage();
      const load = await driveLoad({ ...post, connections: CONNECTIONS, durationSeconds: SECONDS });
      const cpu = process.cpuUsage(before);
      return [
        { name: 'bare node:http requests/s', value: load.requestsPerSecond, unit: 'req/s' },
        { name: 'server CPU per request (Node)', value: (cpu.user + cpu.system) / load.ok, unit: 'µs' },
      ];
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

const insertLoop: BenchSection = {
  title: 'For comparison: one connection INSERTing one row per transaction on the same PostgreSQL',
  async run(env) {
    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    try {
      await client.query('CREATE TEMPORARY TABLE bench_insert_loop (id bigserial PRIMARY KEY, body text NOT NULL)');
      const until = Date.now() + SECONDS * 1000;
      let commits = 0;
      while (Date.now() < until) {
        await client.query('INSERT INTO bench_insert_loop (body) VALUES ($1)', [BODY]);
        commits++;
      }
      return [{ name: 'single-row INSERT commits/s (one connection)', value: commits / SECONDS, unit: 'commits/s' }];
    } finally {
      await client.end();
    }
  },
};

// Each section measures one family of figures on the shared environment; add new ones here.
const IN_EXPRESS = 'router mounted in Express';
const BEFORE_EXPRESS = 'handler called before Express (webhookBefore)';
const SECTIONS: BenchSection[] = [
  ackThroughput(IN_EXPRESS, (env) => env.webhookUrl),
  ackThroughput(BEFORE_EXPRESS, (env) => env.directWebhookUrl),
  ackLatency(IN_EXPRESS, (env) => env.webhookUrl),
  ackLatency(BEFORE_EXPRESS, (env) => env.directWebhookUrl),
  ...TRAFFIC_MIXES.map((mix) => processorThroughputSection({ mix })),
  sustainedLoadSection({ mix: 'realistic', rate: 1000, seconds: SUSTAINED_SECONDS, connections: CONNECTIONS }),
  sustainedLoadSection({ mix: 'new-customers', rate: 1000, seconds: SUSTAINED_SECONDS, connections: CONNECTIONS }),
  sustainedLoadSection({ mix: 'statuses', rate: 3000, seconds: SUSTAINED_SECONDS, connections: CONNECTIONS }),
  bareHttp,
  insertLoop,
];

async function main(): Promise<void> {
  const [load1] = os.loadavg();
  console.log(
    `bench:webhook on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; body ${Buffer.byteLength(BODY)} bytes; ` +
      `load average before the run ${load1!.toFixed(2)} (other processes share the CPUs with the server, PostgreSQL and the load generator)`,
  );
  const env = await startBenchEnvironment();
  try {
    const only = process.env.BENCH_ONLY;
    for (const section of SECTIONS.filter((s) => !only || s.title.includes(only))) {
      console.log(`\n${section.title}`);
      printFigures(await section.run(env));
    }
  } finally {
    await env.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * `npm run bench:campaign`: a 100,000-recipient broadcast to the sandbox Graph API, on an
 * embedded PostgreSQL, all on loopback. Prints figures; asserts nothing.
 *
 * The audience is a CSV file of 100,000 phones with a first name each, generated on the fly and
 * imported as a manager's upload would be (streamed). The number's throughput is 80 messages/s
 * (Meta's default), which the sandbox enforces as Meta does: any send beyond 80 in a second is
 * answered 130429. One worker process (`npm run worker`'s jobs: the broadcast's feeder, the send
 * workers, the campaign sweep) sends it; its memory is sampled every 5 s. The rate is read from
 * the sandbox's own request log: the mean over the whole send, every second's count, and the
 * most in any 1,000 ms window.
 *
 * BENCH_RECIPIENTS (100,000), BENCH_CAP (the number's messages_per_second, 80), BENCH_WORKERS (1).
 * Run with BENCH_CAMPAIGN_WORKER=1 this file is one of those worker processes instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { importBroadcastCsv } from '../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../src/campaigns/launch-broadcast.js';
import { loadBroadcastProgress } from '../src/campaigns/read/broadcast-progress.js';
import { saveBroadcast } from '../src/campaigns/save-broadcast.js';
import { createGraphApiClient } from '../src/cloud-api/index.js';
import { registerBroadcastFeedWorker, registerCampaignSweepWorker } from '../src/jobs/campaigns.job.js';
import { registerSendMessageWorker } from '../src/jobs/send-message.job.js';
import { SAMPLE_ACCOUNT } from '../src/sandbox/simulated-deliveries.js';
import { startSandboxGraphApi } from '../src/sandbox/start-sandbox-graph-api.js';
import { SecretBox } from '../src/secrets/secret-box.js';
import { peakInAnySecond } from '../test/support/peak-in-any-second.js';
import { workerProcessContext } from '../test/support/worker-process-context.js';
import { startBenchEnvironment } from './support/bench-environment.js';
import { printFigures } from './support/bench-section.js';
import { ProgressBar } from './support/progress-bar.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const CAP = Number(process.env.BENCH_CAP ?? 80);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ACCESS_TOKEN = 'bench-access-token';
const TEMPLATE = { name: 'promo_rentree', language: 'fr', category: 'MARKETING', components: [{ type: 'BODY', text: 'Bonjour {{1}}, la rentrée arrive : -20 % sur les cartables.', example: { body_text: [['Amina']] } }] };
const MEMORY_EVERY_MS = 5_000;

interface MemorySample {
  at: number;
  rss: number;
  heapUsed: number;
}

if (process.env.BENCH_CAMPAIGN_WORKER) await runWorker();
else await runBenchmark();

async function runBenchmark(): Promise<void> {
  const env = await startBenchEnvironment({ poolSize: 10 });
  const workers: { child: ChildProcess; memory: MemorySample[] }[] = [];
  const sandbox = await startSandboxGraphApi({
    numbers: [SAMPLE_ACCOUNT],
    accessToken: ACCESS_TOKEN,
    throughputPerSecond: CAP,
    logLimit: RECIPIENTS + 1_000,
    templates: { [SAMPLE_ACCOUNT.wabaId]: [TEMPLATE] },
  });
  try {
    const key = randomBytes(32);
    const db = env.dataSource;
    const [[account]] = await db.query(
      `UPDATE whatsapp_accounts SET access_token_encrypted = $1, messages_per_second = $2 WHERE phone_number_id = $3 RETURNING id`,
      [new SecretBox(key).seal(ACCESS_TOKEN), CAP, SAMPLE_ACCOUNT.phoneNumberId],
    );
    const [template] = await db.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, category, status, components) VALUES ($1, $2, $3, $4, 'APPROVED', $5) RETURNING id`,
      [account.id, TEMPLATE.name, TEMPLATE.language, TEMPLATE.category, JSON.stringify(TEMPLATE.components)],
    );
    const broadcastId = await saveBroadcast(env.context, null, {
      accountId: account.id, name: 'Rentrée 2026', templateId: template.id, audience: null, messagesPerSecond: null, useMarketingApi: false, scheduledAt: null,
      parameters: { 'body:1': { source: 'column', column: 'prenom' } },
    });

    const importStarted = Date.now();
    const report = await importBroadcastCsv(env.context, null, broadcastId, Readable.from(csvRows(RECIPIENTS)), 'rentree.csv');
    const importSeconds = (Date.now() - importStarted) / 1000;
    console.log(`Imported ${report.accepted.toLocaleString('en-US')} recipients from a ${RECIPIENTS.toLocaleString('en-US')}-row CSV in ${importSeconds.toFixed(1)} s`);

    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(env.databaseUrl, sandbox.url, key));
    console.log(`Sending to ${RECIPIENTS.toLocaleString('en-US')} recipients: one number capped at ${CAP}/s by the sandbox, ${WORKERS} worker process(es)`);
    const launched = Date.now();
    await launchBroadcast(env.context, null, broadcastId);
    const bar = new ProgressBar('broadcast', RECIPIENTS, 'messages');
    let shown = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const progress = (await loadBroadcastProgress(db, broadcastId))!;
      bar.advance(progress.sent + progress.failed - shown);
      shown = progress.sent + progress.failed;
      if (progress.status === 'completed' && progress.queued === 0) break;
    }
    bar.finish();
    const seconds = (Date.now() - launched) / 1000;

    const progress = (await loadBroadcastProgress(db, broadcastId))!;
    const requests = sandbox.log.entries({ endpoint: 'messages', phoneNumberId: SAMPLE_ACCOUNT.phoneNumberId });
    const accepted = requests.filter((r) => r.status === 200);
    const times = accepted.map((r) => r.at).sort((a, b) => a - b);
    const rates = sandbox.rates.rates(SAMPLE_ACCOUNT.phoneNumberId);
    const recipients = new Set(accepted.map((r) => (r.body as { to: string }).to));
    const sendSeconds = (times[times.length - 1]! - times[0]!) / 1000;
    const perSecond = fullSeconds(times);
    const memory = workers[0]!.memory.filter((m) => m.at - launched > 30_000);
    const mb = (bytes: number) => bytes / 1024 / 1024;

    console.log(
      `  ${requests.length.toLocaleString('en-US')} requests to the sandbox, ${rates.accepted.toLocaleString('en-US')} accepted, ` +
        `${rates.throttled} refused with 130429; ${recipients.size.toLocaleString('en-US')} distinct recipients; broadcast ${progress.status} in ${seconds.toFixed(0)} s ` +
        `(sent ${progress.sent.toLocaleString('en-US')}, failed ${progress.failed}, skipped ${progress.skipped})`,
    );
    printFigures([
      { name: 'mean send rate, first to last message', value: accepted.length / sendSeconds, unit: `msg/s (cap ${CAP})` },
      { name: 'mean send rate, share of the cap', value: (100 * accepted.length) / sendSeconds / CAP, unit: '%', target: '95–100' },
      { name: 'slowest full wall-clock second', value: percentile(perSecond, 0), unit: 'msg' },
      { name: 'median wall-clock second', value: percentile(perSecond, 0.5), unit: 'msg' },
      { name: 'highest rate, any 1,000 ms window', value: peakInAnySecond(times), unit: `msg/s (never above ${CAP})` },
      { name: 'sends refused by the cap (130429)', value: rates.throttled, unit: '' },
      { name: 'recipients who got two messages', value: accepted.length - recipients.size, unit: '' },
      { name: 'CSV import (streamed)', value: RECIPIENTS / importSeconds, unit: 'rows/s' },
      { name: 'worker RSS, first sample after 30 s', value: mb(memory[0]?.rss ?? 0), unit: 'MB' },
      { name: 'worker RSS, highest', value: mb(Math.max(...memory.map((m) => m.rss))), unit: 'MB' },
      { name: 'worker RSS, last sample', value: mb(memory[memory.length - 1]?.rss ?? 0), unit: 'MB' },
      { name: 'worker heap used, lowest / highest', value: mb(Math.min(...memory.map((m) => m.heapUsed))), unit: `/ ${mb(Math.max(...memory.map((m) => m.heapUsed))).toFixed(1)} MB` },
    ]);
  } finally {
    for (const { child } of workers) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await sandbox.close();
    await env.close();
  }
}

function* csvRows(count: number): Generator<string> {
  yield 'phone,prenom\n';
  const names = ['Amina', 'Karim', 'Yacine', 'Nadia', 'Sofiane', 'Lina', 'Mehdi', 'Sarah'];
  let chunk = '';
  for (let n = 1; n <= count; n++) {
    chunk += `+2136${String(n).padStart(8, '0')},${names[n % names.length]}\n`;
    if (n % 1_000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Messages in each whole wall-clock second between the first and the last (the partial seconds at both ends left out). */
function fullSeconds(times: number[]): number[] {
  const counts = new Map<number, number>();
  for (const at of times) counts.set(Math.floor(at / 1000), (counts.get(Math.floor(at / 1000)) ?? 0) + 1);
  const first = Math.floor(times[0]! / 1000) + 1;
  const last = Math.floor(times[times.length - 1]! / 1000) - 1;
  const seconds: number[] = [];
  for (let s = first; s <= last; s++) seconds.push(counts.get(s) ?? 0);
  return seconds;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function startWorker(databaseUrl: string, graphUrl: string, key: Buffer): Promise<{ child: ChildProcess; memory: MemorySample[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_CAMPAIGN_WORKER: '1', DATABASE_URL: databaseUrl, GRAPH_URL: graphUrl, ENCRYPTION_KEY: key.toString('hex') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const memory: MemorySample[] = [];
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === 'ready') resolve();
        if (line.startsWith('{')) memory.push({ at: Date.now(), ...(JSON.parse(line) as Omit<MemorySample, 'at'>) });
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  return { child, memory };
}

async function runWorker(): Promise<void> {
  const graphUrl = process.env.GRAPH_URL;
  if (!graphUrl || !process.env.ENCRYPTION_KEY) throw new Error('GRAPH_URL and ENCRYPTION_KEY are required');
  const context = { ...(await workerProcessContext()), graph: createGraphApiClient({ graphUrl }) };
  await registerSendMessageWorker(context);
  await registerBroadcastFeedWorker(context);
  await registerCampaignSweepWorker(context);
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    console.log(JSON.stringify({ rss, heapUsed }));
  }, MEMORY_EVERY_MS);
  process.once('SIGTERM', () => {
    clearInterval(sampler);
    void context.jobs.stop({ graceful: false, wait: true }).then(() => context.dataSource.destroy()).then(() => process.exit(0));
  });
  console.log('ready');
}

/**
 * `npm run bench:inbox`: the inbox's two hot requests on the `npm run seed:large` data, measured
 * on the real back office (createBackOffice, over HTTP, signed in as the seeded users):
 *
 * 1. the first page of open conversations, newest activity first — filtered by assignee (a
 *    manager looking at each agent's queue), and as agents without inbox.view_all ("mine and
 *    unassigned" on their numbers, and "mine");
 * 2. opening a conversation: its last 50 messages (the `timeline` record action, or, while that
 *    action does not exist, the equivalent SQL alone, said so in the output);
 * 3. the dashboard's figures and the managers' reports (every number, one number and agent, one
 *    label, 90 days, a year; the CSV export), all read from the report rollups; then the Inbox
 *    page (bench/support/inbox-page-figures.ts):
 * 4. search over the 2,000,000 messages (target p95 ≤ 150 ms), as the manager and two agents;
 * 5. the page's first list in chromium, 100,000 conversations (target ≤ 1 s to interactive);
 * 6. a customer's message from the webhook's 200 to the open list and thread (target p95 ≤ 1 s),
 *    with this process's worker and a number of the run's own.
 *
 * Server time is the `Server-Timing` of a timing wrapper around the app in this benchmark's own
 * setup; the round trip is the client's. BENCH_REQUESTS (500) sequential requests per
 * measurement after BENCH_WARMUP (50), spread over every assignee / agent / a random sample of
 * conversations. Then EXPLAIN (ANALYZE, BUFFERS) of the SQL each request ran. Prints; asserts nothing.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createBackOffice, type BackOffice } from '../example/create-back-office.js';
import { silentLogger } from '../src/config/logger.js';
import { Browser } from '../test/support/test-back-office.js';
import { captureQueries, explainSummary } from './support/explained-queries.js';
import { openInboxDatabase } from './support/inbox-database.js';
import { percentiles } from './support/latencies.js';
import { existingVolume, SEED_EMAIL_DOMAIN, SEED_MANAGER_EMAIL, seedPassword } from './support/seed-inbox.js';
import { serverTimeOf, withServerTiming } from './support/server-timing.js';
import { launchChromium } from '../test/support/chromium.js';
import { measureLiveLatency, measurePageLoad, openLiveConversation, measureSearch, messageCount, printLiveLatency, printPageLoad, printSearch } from './support/inbox-page-figures.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const SEARCH_ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);
const PAGE_LOADS = Number(process.env.BENCH_PAGE_LOADS ?? 11);
const LIVE_MESSAGES = Number(process.env.BENCH_LIVE_MESSAGES ?? 30);
/** A number of this run's own, with an app secret: the live measurement posts signed deliveries to it. */
const LIVE_NUMBER = {
  phoneNumberId: '990000000000077',
  wabaId: '990000000000078',
  displayPhoneNumber: '213770009977',
  name: 'Bench live number',
  appSecret: randomBytes(16).toString('hex'),
  verifyToken: 'bench-verify-token',
};
/** The dashboard and the reports: requests per measurement (they read rollups, so as many as the lists). */
const REPORT_REQUESTS = Number(process.env.BENCH_REPORT_REQUESTS ?? 200);
const TARGET_MS = 50;
const TIMELINE_SQL = `
  SELECT id, wamid, direction, type, body, payload, status, queued_at, sent_at, delivered_at, read_at, failed_at, received_at,
         error_code, error_title, error_explanation_key, reply_to_wamid, reactions, media_id, media_mime_type, media_file_name,
         media_size, media_storage_path, media_error, sent_by_id, template_id, created_at
    FROM whatsapp_messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50`;

interface Sample {
  serverMs: number;
  roundTripMs: number;
}

interface Measurement {
  name: string;
  samples: Sample[];
  /** CPU time of this process (server and client) per request, in ms. */
  cpuMs: number;
  /** The SQL one of its requests ran, explained. */
  explain?: () => Promise<void>;
  target?: boolean;
  note?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const database = await openInboxDatabase();
  let backOffice: BackOffice | undefined;
  let server: Server | undefined;
  // One connection, not a pg.Pool: Client#end() resolves once the connection is closed, while
  // Pool#end() resolves with its idle connections still closing, and stopping PostgreSQL then
  // killed them into an 'error' the pool had no listener for (exit code 1 after every figure).
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const volume = await existingVolume(client);
    if (volume.conversations < 10_000) throw new Error(`only ${volume.conversations} conversations in ${database.where}: run npm run seed:large first`);
    const [{ version, shared_buffers }] = (await client.query(`SELECT version(), current_setting('shared_buffers') AS shared_buffers`)).rows;
    console.log(
      `bench:inbox on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${String(version).split(' on ')[0]} (shared_buffers ${shared_buffers}); ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}\n${count(volume.conversations)} conversations, ${count(volume.messages)} messages in ${database.where}`,
    );

    backOffice = await createBackOffice({
      databaseUrl: database.url,
      encryptionKey: database.encryptionKey ?? randomBytes(32).toString('base64'),
      sessionSecret: database.sessionSecret ?? randomBytes(32).toString('hex'),
      accounts: [LIVE_NUMBER],
      logger: silentLogger,
    });
    server = createServer(withServerTiming(backOffice.listener));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataSource = backOffice.dataSource;

    const signIn = async (email: string) => {
      const browser = new Browser(baseUrl);
      const response = await browser.login(email, seedPassword());
      if (response.status !== 303) throw new Error(`${email} could not sign in (${response.status}): was the database seeded with another SEED_PASSWORD?`);
      return browser;
    };
    const timed = async (browser: Browser, path: string, as: 'json' | 'text' = 'json'): Promise<Sample & { body: unknown }> => {
      const started = performance.now();
      const response = await browser.request(path);
      const body = as === 'json' ? await response.json().catch(() => null) : await response.text();
      const roundTripMs = performance.now() - started;
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      return { serverMs: serverTimeOf(response.headers.get('server-timing')), roundTripMs, body };
    };
    /** WARMUP then REQUESTS sequential requests, the i-th on calls[i % n]. */
    const measure = async (calls: { browser: Browser; path: string }[], requests = REQUESTS, warmup = WARMUP, as: 'json' | 'text' = 'json') => {
      const call = (i: number) => timed(calls[i % calls.length]!.browser, calls[i % calls.length]!.path, as);
      for (let i = 0; i < warmup; i++) await call(i);
      const cpu = process.cpuUsage();
      const samples: Sample[] = [];
      for (let i = 0; i < requests; i++) samples.push(await call(i + warmup));
      const used = process.cpuUsage(cpu);
      return { samples, cpuMs: (used.user + used.system) / 1000 / requests };
    };
    const explainRequest = (title: string, browser: Browser, path: string) => async () => {
      const queries = await captureQueries(() => browser.request(path).then((r) => r.arrayBuffer()));
      console.log(`\n${title}\nGET ${path}: ${queries.length} read-only SQL statements`);
      let total = 0;
      for (const query of queries) {
        const { executionMs, lines } = await explainSummary(dataSource, query);
        total += executionMs;
        console.log(lines.map((line) => `  ${line}`).join('\n'));
      }
      console.log(`  → ${total.toFixed(3)} ms of SQL execution in all`);
    };

    const manager = await signIn(SEED_MANAGER_EMAIL);
    const agents: { id: string; email: string; openMine: number }[] = (
      await client.query(
        `SELECT u.id, u.email, (SELECT count(*) FROM whatsapp_conversations c WHERE c.assignee_id = u.id AND c.status = 'open')::int AS "openMine"
           FROM whatsapp_agents u
          WHERE u.email LIKE $1 AND u.role = 'agent'
            AND NOT EXISTS (SELECT 1 FROM whatsapp_permission_grants g WHERE g.agent_id = u.id AND g.permission = 'inbox.view_all')
          ORDER BY u.email`,
        [`agent%@${SEED_EMAIL_DOMAIN}`],
      )
    ).rows;
    const assignees: { id: string; open: number }[] = (
      await client.query(
        `SELECT assignee_id AS id, count(*)::int AS open FROM whatsapp_conversations WHERE status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY 2 DESC`,
      )
    ).rows;
    const agentBrowsers = await Promise.all(agents.map(async (agent) => ({ ...agent, browser: await signIn(agent.email) })));
    const listPath = (filters: string) => `/admin/api/resources/whatsapp_conversations/actions/list?filters.status=open${filters}&sortBy=lastMessageAt&direction=desc&page=1`;

    const byAssignee = assignees.map((a) => ({ browser: manager, path: listPath(`&filters.assigneeId=${a.id}`) }));
    const agentsAll = agentBrowsers.map((a) => ({ browser: a.browser, path: listPath('') }));
    const agentsMine = agentBrowsers.map((a) => ({ browser: a.browser, path: listPath(`&filters.assigneeId=${a.id}`) }));
    const firstPage = (await timed(byAssignee[0]!.browser, byAssignee[0]!.path)).body as { meta?: { total: number }; records?: unknown[] };
    const agentPage = (await timed(agentsAll[0]!.browser, agentsAll[0]!.path)).body as { meta?: { total: number }; records?: unknown[] };
    console.log(
      `\nOpen conversations per assignee: ${assignees.map((a) => a.open).join(', ')}; the manager's first page for the busiest: ` +
        `${firstPage.records?.length} records of ${firstPage.meta?.total}; ${agents[0]!.email}'s (mine + unassigned): ${agentPage.records?.length} of ${agentPage.meta?.total}`,
    );

    const sampleIds: string[] = (
      await client.query(`SELECT id FROM whatsapp_conversations ORDER BY random() LIMIT $1`, [REQUESTS + WARMUP])
    ).rows.map((row) => row.id);
    const timelinePath = (id: string) => `/admin/api/resources/whatsapp_conversations/records/${id}/timeline`;
    const probe = await manager.request(timelinePath(sampleIds[0]!));
    const timelineExists = probe.ok && ((await probe.json().catch(() => null)) as { notice?: { type?: string } } | null)?.notice?.type !== 'error';

    const measurements: Measurement[] = [
      {
        name: 'open conversations of one assignee, as a manager',
        ...(await measure(byAssignee)),
        explain: explainRequest('List filtered by assignee, as the manager', byAssignee[0]!.browser, byAssignee[0]!.path),
        target: true,
      },
      {
        name: 'open conversations, agent (mine + unassigned)',
        ...(await measure(agentsAll)),
        explain: explainRequest(`List as an agent without inbox.view_all (${agents[0]!.email}): mine + unassigned`, agentsAll[0]!.browser, agentsAll[0]!.path),
        target: true,
      },
      {
        name: 'open conversations, agent, filtered on himself',
        ...(await measure(agentsMine)),
        target: true,
      },
    ];
    if (timelineExists) {
      measurements.push({
        name: 'open a conversation: timeline action',
        ...(await measure(sampleIds.map((id) => ({ browser: manager, path: timelinePath(id) })))),
        explain: explainRequest('Timeline action', manager, timelinePath(sampleIds[0]!)),
        target: true,
      });
    }
    measurements.push({
      name: `open a conversation: last 50 messages, SQL alone`,
      ...(await measureSql(client, sampleIds)),
      explain: async () => {
        console.log(`\nTimeline SQL (the longest conversation of the sample)`);
        const [{ id }] = (await client.query(`SELECT conversation_id AS id FROM whatsapp_messages WHERE conversation_id = ANY($1) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [sampleIds])).rows;
        const { lines } = await explainSummary(dataSource, { sql: TIMELINE_SQL, params: [id] });
        console.log(lines.map((line) => `  ${line}`).join('\n'));
      },
      target: !timelineExists,
      note: timelineExists ? undefined : 'no timeline action yet (404): the equivalent SQL, measured from Node, round trip to PostgreSQL included',
    });
    const [busiest] = (await client.query(`SELECT account_id AS id FROM whatsapp_conversations GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows;
    const reports = (query: string) => `/admin/api/pages/whatsappReports?timeZone=Africa%2FAlgiers${query}`;
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    measurements.push(
      {
        name: 'dashboard, as a manager (all numbers)',
        ...(await measure([{ browser: manager, path: '/admin/api/pages/whatsappFigures?timeZone=UTC' }], REPORT_REQUESTS, WARMUP)),
        explain: explainRequest('Dashboard, as the manager', manager, '/admin/api/pages/whatsappFigures?timeZone=UTC'),
        target: true,
      },
      {
        name: 'dashboard, as an agent (one number)',
        ...(await measure([{ browser: agentsAll[0]!.browser, path: '/admin/api/pages/whatsappFigures?timeZone=UTC' }], REPORT_REQUESTS, WARMUP)),
        target: true,
      },
      {
        name: 'reports, every number, last 30 days',
        ...(await measure([{ browser: manager, path: reports('') }], REPORT_REQUESTS, WARMUP)),
        explain: explainRequest('Reports page, as the manager, last 30 days', manager, reports('')),
        target: true,
      },
      {
        name: 'reports, one number and one agent',
        ...(await measure(assignees.map((a) => ({ browser: manager, path: reports(`&accountId=${busiest.id}&agentId=${a.id}`) })), REPORT_REQUESTS, WARMUP)),
        target: true,
      },
      {
        name: 'reports, one label (school)',
        ...(await measure([{ browser: manager, path: reports('&label=school') }], REPORT_REQUESTS, WARMUP)),
        target: true,
      },
      {
        name: 'reports, every number, last 90 days',
        ...(await measure([{ browser: manager, path: reports(`&from=${ago(89)}&to=${ago(0)}`) }], REPORT_REQUESTS, WARMUP)),
        target: true,
      },
      {
        name: 'reports, a year (the seed holds 180 days)',
        ...(await measure([{ browser: manager, path: reports(`&from=${ago(364)}&to=${ago(0)}`) }], REPORT_REQUESTS, WARMUP)),
      },
      {
        name: 'reports CSV export (agents table)',
        ...(await measure([{ browser: manager, path: `/admin/whatsapp/reports/agents.csv?timeZone=UTC` }], REPORT_REQUESTS, WARMUP, 'text')),
        target: true,
      },
    );

    printTable(measurements);
    for (const measurement of measurements) await measurement.explain?.();

    // Issue 14: the Inbox page. Search as the manager and as two agents who see one or two numbers.
    const searchers = [{ who: 'manager', browser: manager }, ...agentBrowsers.slice(0, 2).map((agent) => ({ who: agent.email.split('@')[0]!, browser: agent.browser }))];
    printSearch(await measureSearch(searchers, SEARCH_ROUNDS), await messageCount(client), 150);
    await backOffice.plugin.worker.start();
    const chromium = await launchChromium();
    try {
      // A fresh context each: its own session, and no stream left over from the other's visits.
      const signedIn = async () => {
        const page = await chromium.newPage({ viewport: { width: 1280, height: 800 } });
        // The manager's list over every conversation, all statuses: the 100,000 of them.
        await page.addInitScript(() => window.localStorage.setItem('adminjs-whatsapp.inbox.filters', JSON.stringify({ tab: 'all', status: 'any' })));
        await page.goto(`${baseUrl}/admin/login`);
        await page.fill('input[name=email]', SEED_MANAGER_EMAIL);
        await page.fill('input[name=password]', seedPassword());
        await Promise.all([page.waitForURL(/\/admin(\/)?$/), page.click('button[type=submit]')]);
        return page;
      };
      const loads = await signedIn();
      printPageLoad(await measurePageLoad(loads, `${baseUrl}/admin/pages/whatsappInbox`, PAGE_LOADS), volume.conversations, 1000);
      await loads.context().close();

      const live = await signedIn();
      const from = `2135599${String(Date.now()).slice(-5)}`;
      const target = { ...LIVE_NUMBER, webhookUrl: `${baseUrl}/webhooks/whatsapp`, from };
      await openLiveConversation(live, target);
      printLiveLatency(await measureLiveLatency(live, target, LIVE_MESSAGES), 1000);
    } finally {
      await chromium.close();
    }
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await backOffice?.close();
    await client.end();
    await database.stop();
  }
}

/** The timeline query alone, one conversation after another, from Node (so its round trip to PostgreSQL is in). */
async function measureSql(client: pg.Client, ids: string[]): Promise<{ samples: Sample[]; cpuMs: number }> {
  for (const id of ids.slice(0, WARMUP)) await client.query({ text: TIMELINE_SQL, values: [id] });
  const cpu = process.cpuUsage();
  const samples: Sample[] = [];
  for (const id of ids.slice(WARMUP)) {
    const started = performance.now();
    await client.query({ text: TIMELINE_SQL, values: [id] });
    const ms = performance.now() - started;
    samples.push({ serverMs: ms, roundTripMs: ms });
  }
  const used = process.cpuUsage(cpu);
  return { samples, cpuMs: (used.user + used.system) / 1000 / samples.length };
}

function printTable(measurements: Measurement[]): void {
  const width = Math.max(...measurements.map((m) => m.name.length));
  const ms = (value: number) => value.toFixed(1).padStart(6);
  console.log(`\nNode CPU: this process's CPU time per request, server and client together (the client's fetch and JSON parsing included).`);
  console.log(`\n${''.padEnd(width)}            server time (ms)          round trip (ms)         Node CPU`);
  console.log(`${'measurement'.padEnd(width)}  requests    p50    p95    p99      p50    p95    p99   per request   target p95 ≤ ${TARGET_MS} ms`);
  for (const m of measurements) {
    const server = percentiles(m.samples.map((s) => s.serverMs));
    const trip = percentiles(m.samples.map((s) => s.roundTripMs));
    const verdict = m.target ? (server.p95 <= TARGET_MS ? 'met' : 'MISSED') : '';
    console.log(
      `${m.name.padEnd(width)}  ${String(m.samples.length).padStart(8)} ${ms(server.p50)} ${ms(server.p95)} ${ms(server.p99)}   ` +
        `${ms(trip.p50)} ${ms(trip.p95)} ${ms(trip.p99)}   ${ms(m.cpuMs)} ms     ${verdict}`,
    );
    if (m.note) console.log(`${''.padEnd(width)}  (${m.note})`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import type { ReportsPageAnswer } from '../../../src/admin/reports-page.js';
import { foldConversationDays } from '../../../src/reports/fold-conversation-days.js';
import type { Report } from '../../../src/reports/load-report.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long admin password';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The reports over real HTTP on a small inbox whose every figure was computed by hand (below):
 * times relative to today's midnight UTC (d0), the period d0−3 … d0.
 *
 * C1 (A, Xavier, label vip): customer 10:00, Xavier 10:05 (300 s), customer 11:00, Xavier 11:10
 *    (a 600 s response), resolved 12:00 (7,200 s), rated 5 — on d0−2. First response SLA met.
 * C2 (A, Yasmine): customer 09:00, automatic greeting, Yasmine 09:20 (1,200 s), resolved 17:00
 *    (28,800 s), rated 3 — on d0−1. First response SLA breached.
 * C3 (B, nobody): customer at 20:00 on d0−1, never answered.
 * C4 (A, Xavier): opened d0−10 and answered then, resolved on d0−2 at 08:00 (691,200 s).
 * Costs (Meta's pricing and the rate card): C1's first reply free (service, 0 USD), C2's reply
 * charged 0.015 USD (marketing), C4's reply charged before the period. Ads: C3 came from ad 42 in
 * the period, C4 from ad 7 before it.
 */
describe('reports (GET /admin/api/pages/whatsappReports and the CSV export)', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let d0: number;
  const ids: Record<string, string> = {};
  const day = (offsetDays: number) => new Date(d0 + offsetDays * DAY).toISOString().slice(0, 10);
  let root: Browser;

  const reportOf = async (browser: Browser, filters: Record<string, string> = {}): Promise<Report | null> => {
    const query = new URLSearchParams({ from: day(-3), to: day(0), timeZone: 'UTC', ...filters });
    const response = await browser.request(`/admin/api/pages/whatsappReports?${query}`);
    expect(response.status).to.equal(200);
    return ((await response.json()) as ReportsPageAnswer).report;
  };

  before(async () => {
    office = await startTestBackOffice({
      accounts: [
        { phoneNumberId: '100000000000001', wabaId: '200000000000001', name: 'Number A' },
        { phoneNumberId: '100000000000002', wabaId: '200000000000002', name: 'Number B' },
      ],
    });
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0];
    await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
    ids.A = (await q(`SELECT id FROM whatsapp_accounts WHERE name = 'Number A'`)).id;
    ids.B = (await q(`SELECT id FROM whatsapp_accounts WHERE name = 'Number B'`)).id;
    const hash = await hashPassword(PASSWORD);
    ids.X = await insertLoginUser(office.dataSource, { email: 'xavier@example.com', name: 'Xavier', role: 'agent', passwordHash: hash });
    ids.Y = await insertLoginUser(office.dataSource, { email: 'yasmine@example.com', name: '=HYPERLINK("http://evil")', role: 'agent', passwordHash: hash });
    ids.lead = await insertLoginUser(office.dataSource, { email: 'lead@example.com', name: 'Lead B', role: 'agent', passwordHash: hash });
    await q(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'reports.view', $2)`, [ids.lead, ids.B]);

    d0 = (await q(`SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS d0`)).d0.getTime();
    const at = (days: number, hours: number, minutes = 0, seconds = 0) => new Date(d0 + days * DAY + hours * HOUR + (minutes * 60 + seconds) * 1000);
    let contacts = 0;
    const conversation = async (account: string, assignee: string | null, createdAt: Date, labels: string[] = []) => {
      const contact = (await q(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [account, `21355500${String(++contacts).padStart(4, '0')}`])).id;
      return (await q(`INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, labels, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        account, contact, assignee, labels, createdAt,
      ])).id as string;
    };
    const message = (conversationId: string, direction: 'inbound' | 'outbound', createdAt: Date, sender: string | null = null, automation: string | null = null) =>
      q(
        `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at, sent_by_id, automation) VALUES ($1, $2, 'text', 'hello', $3, $4, $5, $6)`,
        [conversationId, direction, direction === 'inbound' ? 'received' : 'read', createdAt, sender, automation],
      );
    const resolve = (conversationId: string, resolvedAt: Date) => q(`UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [conversationId, resolvedAt]);
    const rate = (conversationId: string, agentId: string, rating: number, answeredAt: Date) =>
      q(`INSERT INTO whatsapp_satisfaction_surveys (conversation_id, agent_id, channel, asked_at, rating, answered_at) VALUES ($1, $2, 'interactive', $3, $4, $3)`, [conversationId, agentId, answeredAt, rating]);
    const timer = async (conversationId: string, startedAt: Date, outcome: 'stopped_at' | 'breached_at') => {
      const { id } = await q(`INSERT INTO whatsapp_sla_timers (conversation_id, kind, started_at, due_at) VALUES ($1, 'first_response', $2, $2) RETURNING id`, [conversationId, startedAt]);
      await q(`UPDATE whatsapp_sla_timers SET ${outcome} = $2 WHERE id = $1`, [id, startedAt]);
    };

    const c1 = await conversation(ids.A, ids.X, at(-2, 10), ['vip']);
    await message(c1, 'inbound', at(-2, 10));
    await message(c1, 'outbound', at(-2, 10, 5), ids.X);
    await message(c1, 'inbound', at(-2, 11));
    await message(c1, 'outbound', at(-2, 11, 10), ids.X);
    await resolve(c1, at(-2, 12));
    await rate(c1, ids.X, 5, at(-2, 12, 30));
    await timer(c1, at(-2, 10), 'stopped_at');

    const c2 = await conversation(ids.A, ids.Y, at(-1, 9));
    await message(c2, 'inbound', at(-1, 9));
    await message(c2, 'outbound', at(-1, 9, 0, 1), null, 'greeting');
    await message(c2, 'outbound', at(-1, 9, 20), ids.Y);
    await resolve(c2, at(-1, 17));
    await rate(c2, ids.Y, 3, at(-1, 17, 30));
    await timer(c2, at(-1, 9), 'breached_at');

    const c3 = await conversation(ids.B, null, at(-1, 20));
    await message(c3, 'inbound', at(-1, 20));

    const c4 = await conversation(ids.A, ids.X, at(-10, 8));
    await message(c4, 'inbound', at(-10, 8));
    await message(c4, 'outbound', at(-10, 8, 1), ids.X);
    await resolve(c4, at(-2, 8));

    const price = (conversationId: string, category: string, type: string, costMicros: number) =>
      q(
        `UPDATE whatsapp_messages SET pricing_model = 'PMP', pricing_category = $2, pricing_type = $3::text, billable = $3::text = 'regular', cost_micros = $4, cost_currency = 'USD'
          WHERE id = (SELECT id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound' AND automation IS NULL ORDER BY created_at LIMIT 1)`,
        [conversationId, category, type, costMicros],
      );
    await price(c1, 'service', 'free_customer_service', 0);
    await price(c2, 'marketing', 'regular', 15000);
    await price(c4, 'utility', 'regular', 4000);
    const refer = (conversationId: string, sourceId: string, headline: string, referredAt: Date) =>
      q(`UPDATE whatsapp_conversations SET referral = $2, referral_source_id = $3, referral_at = $4 WHERE id = $1`, [
        conversationId, JSON.stringify({ source_id: sourceId, source_type: 'ad', headline, source_url: `https://fb.me/${sourceId}` }), sourceId, referredAt,
      ]);
    await refer(c3, '42', 'Rentrée 2026 : inscriptions ouvertes', at(-1, 20));
    await refer(c4, '7', 'Summer offer', at(-10, 8));

    root = new Browser(office.baseUrl);
    expect((await root.login('root@example.com', PASSWORD)).status).to.equal(303);
  });
  after(async () => office.stop());

  it('sums the period: conversations, messages, human and automatic replies', async () => {
    const report = (await reportOf(root))!;
    expect(report.overview).to.deep.include({ opened: 3, resolved: 3, inbound: 4, humanReplies: 3, automaticReplies: 1 });
    expect(report.perDay.map((d) => [d.day, d.opened, d.resolved, d.inbound, d.humanReplies, d.automaticReplies])).to.deep.equal([
      [day(-3), 0, 0, 0, 0, 0],
      [day(-2), 1, 2, 2, 2, 0],
      [day(-1), 2, 1, 2, 1, 1],
      [day(0), 0, 0, 0, 0, 0],
    ]);
  });

  it('gives first response and resolution medians and 90th percentiles exactly', async () => {
    const { overview } = (await reportOf(root))!;
    expect(overview.firstResponse).to.deep.equal({ median: 750, p90: 1110, count: 2, waiting: 1 });
    // Resolved in the period: 7,200, 28,800 and 691,200 s (C4 was opened before it).
    expect(overview.resolution).to.deep.equal({ median: 28800, p90: 558720, count: 3 });
    expect(overview.satisfaction).to.deep.equal({ average: 4, answers: 2 });
    expect(overview.sla).to.deep.equal({ met: 1, breached: 1 });
  });

  it('counts per agent: handled, replies, response times, first responses, satisfaction', async () => {
    const { agents } = (await reportOf(root))!;
    expect(agents.map((a) => ({ ...a, agentId: undefined }))).to.deep.equal([
      { agentId: undefined, name: 'Xavier', handled: 2, replies: 2, responses: 2, averageResponseSeconds: 450, firstResponses: 1, firstResponseMedianSeconds: 300, satisfactionAverage: 5, satisfactionAnswers: 1 },
      { agentId: undefined, name: '=HYPERLINK("http://evil")', handled: 1, replies: 1, responses: 1, averageResponseSeconds: 1200, firstResponses: 1, firstResponseMedianSeconds: 1200, satisfactionAverage: 3, satisfactionAnswers: 1 },
    ]);
  });

  it('places customer messages on the hour of the week, in the time zone asked for', async () => {
    const utc = (await reportOf(root))!.hourOfWeek;
    const weekday = (offset: number) => ((new Date(d0 + offset * DAY).getUTCDay() + 6) % 7) + 1;
    expect(utc.filter((c) => c.inbound > 0).map((c) => [c.weekday, c.hour, c.inbound])).to.have.deep.members([
      [weekday(-2), 10, 1], [weekday(-2), 11, 1], [weekday(-1), 9, 1], [weekday(-1), 20, 1],
    ]);
    const tokyo = (await reportOf(root, { timeZone: 'Asia/Tokyo' }))!.hourOfWeek; // UTC+9
    expect(tokyo.find((c) => c.weekday === weekday(-2) && c.hour === 19)!.inbound).to.equal(1);
  });

  it('filters by number, label and agent', async () => {
    const b = (await reportOf(root, { accountId: ids.B }))!;
    expect(b.overview).to.deep.include({ opened: 1, inbound: 1, humanReplies: 0 });
    expect(b.overview.firstResponse).to.deep.equal({ median: null, p90: null, count: 0, waiting: 1 });
    const vip = (await reportOf(root, { label: 'vip' }))!;
    expect(vip.overview).to.deep.include({ opened: 1, resolved: 1, inbound: 2, humanReplies: 2 });
    expect(vip.overview.firstResponse.median).to.equal(300);
    const yasmine = (await reportOf(root, { agentId: ids.Y }))!;
    expect(yasmine.overview).to.deep.include({ opened: 1, inbound: 1, humanReplies: 1, automaticReplies: 1 });
    expect(yasmine.agents.map((a) => a.agentId)).to.deep.equal([ids.Y]);
    expect(yasmine.sla).to.deep.equal([
      { target: 'first_response', met: 0, breached: 1 },
      { target: 'next_response', met: 0, breached: 0 },
      { target: 'resolution', met: 0, breached: 0 },
    ]);
  });

  it('gives the same figures from the day rollups as from the conversations, whole UTC days or not', async () => {
    const filters: Record<string, string>[] = [{}, { timeZone: 'Asia/Tokyo' }, { timeZone: 'America/Caracas' }, { agentId: ids.X }, { agentId: ids.Y }, { accountId: ids.B }];
    // Every day marked stale: each report reads the conversations alone.
    await office.dataSource.query(
      `INSERT INTO whatsapp_report_stale_days (day)
       SELECT date_trunc('day', opened_at, 'UTC') FROM whatsapp_report_conversations
        UNION SELECT date_trunc('day', resolved_at, 'UTC') FROM whatsapp_report_conversations WHERE resolved_at IS NOT NULL`,
    );
    const fromConversations = await Promise.all(filters.map((f) => reportOf(root, f)));
    expect(await foldConversationDays(office.dataSource)).to.be.greaterThan(0);
    const [days] = await office.dataSource.query(
      `SELECT (SELECT count(*) FROM whatsapp_report_opened_days)::int AS opened, (SELECT count(*) FROM whatsapp_report_resolved_days)::int AS resolved,
              (SELECT count(*) FROM whatsapp_report_stale_days)::int AS stale`,
    );
    // Opened: C1, C2, C3 and C4 each on a day, number and agent of its own; resolved: C1 and C4 by Xavier on d0−2, C2 on d0−1.
    expect(days).to.deep.equal({ opened: 4, resolved: 2, stale: 0 });
    const fromDays = await Promise.all(filters.map((f) => reportOf(root, f)));
    expect(fromDays).to.deep.equal(fromConversations);
    expect(fromDays[0]!.overview.firstResponse).to.deep.equal({ median: 750, p90: 1110, count: 2, waiting: 1 });
    expect(fromDays[0]!.overview.resolution).to.deep.equal({ median: 28800, p90: 558720, count: 3 });
  });

  it('counts the costs of the period per number and category, and the conversations each ad brought', async () => {
    const report = (await reportOf(root))!;
    expect(report.costs).to.deep.equal([
      { accountId: ids.A, number: 'Number A', category: 'marketing', currency: 'USD', messages: 1, charged: 1, costMicros: 15000 },
      { accountId: ids.A, number: 'Number A', category: 'service', currency: 'USD', messages: 1, charged: 0, costMicros: 0 },
    ]);
    expect(report.referrals).to.deep.equal([
      { sourceId: '42', sourceType: 'ad', headline: 'Rentrée 2026 : inscriptions ouvertes', sourceUrl: 'https://fb.me/42', conversations: 1 },
    ]);
    const b = (await reportOf(root, { accountId: ids.B }))!;
    expect(b.costs).to.deep.equal([]);
    expect(b.referrals.map((r) => r.sourceId)).to.deep.equal(['42']);
  });

  it('shows a manager of one number that number only, and nothing to whom holds reports.view nowhere', async () => {
    const lead = new Browser(office.baseUrl);
    await lead.login('lead@example.com', PASSWORD);
    const report = (await reportOf(lead, { accountId: ids.A }))!;
    expect(report.choices.numbers.map((n) => n.name)).to.deep.equal(['Number B']);
    expect(report.filters.accountId).to.equal(null);
    expect(report.overview).to.deep.include({ opened: 1, inbound: 1 });
    const agent = new Browser(office.baseUrl);
    await agent.login('xavier@example.com', PASSWORD);
    expect(await reportOf(agent)).to.equal(null);
    expect((await agent.request(`/admin/whatsapp/reports/perDay.csv`)).status).to.equal(403);
  });

  it('exports every table as CSV, headers in the admin’s language, formulas defused', async () => {
    const query = new URLSearchParams({ from: day(-3), to: day(0), timeZone: 'UTC' });
    const perDay = await root.request(`/admin/whatsapp/reports/perDay.csv?${query}`);
    expect(perDay.headers.get('content-type')).to.match(/^text\/csv/);
    expect(perDay.headers.get('content-disposition')).to.include(`whatsapp-perDay-${day(-3)}-${day(0)}.csv`);
    const lines = (await perDay.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).to.equal('Day,Opened,Resolved,Customer messages,Agents’ replies,Automatic replies');
    expect(lines.slice(1)).to.deep.equal([`${day(-3)},0,0,0,0,0`, `${day(-2)},1,2,2,2,0`, `${day(-1)},2,1,2,1,1`, `${day(0)},0,0,0,0,0`]);
    const agents = await (await root.request(`/admin/whatsapp/reports/agents.csv?${query}`)).text();
    expect(agents).to.include(`"'=HYPERLINK(""http://evil"")"`);
    const costs = (await (await root.request(`/admin/whatsapp/reports/costs.csv?${query}`)).text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(costs).to.deep.equal(['Number,Category,Currency,Messages,Charged,Cost', 'Number A,Marketing,USD,1,1,0.015', 'Number A,Service,USD,1,0,0']);
    for (const table of ['hourOfWeek', 'satisfaction', 'sla', 'referrals']) expect((await root.request(`/admin/whatsapp/reports/${table}.csv?${query}`)).status).to.equal(200);
    expect((await root.request(`/admin/whatsapp/reports/secrets.csv`)).status).to.equal(404);
  });
});

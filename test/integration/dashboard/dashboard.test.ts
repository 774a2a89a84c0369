import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import type { DashboardFigures } from '../../../src/reports/dashboard-figures.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long admin password';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The dashboard's figures over real HTTP, on a small inbox whose every figure is known:
 * two numbers (A, B), times relative to today's midnight UTC (d0).
 */
describe('the figures (GET /admin/api/pages/whatsappFigures, the dashboard as a page)', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let d0: number;
  const ids: Record<string, string> = {};
  const day = (offsetDays: number) => new Date(d0 + offsetDays * DAY).toISOString().slice(0, 10);

  const figuresOf = async (email: string, timeZone = 'UTC'): Promise<DashboardFigures> => {
    const browser = new Browser(office.baseUrl);
    expect((await browser.login(email, PASSWORD)).status).to.equal(303);
    const response = await browser.request(`/admin/api/pages/whatsappFigures?timeZone=${encodeURIComponent(timeZone)}`);
    expect(response.status).to.equal(200);
    return (await response.json()) as DashboardFigures;
  };
  const byDay = (figures: DashboardFigures) => Object.fromEntries(figures.inbox!.messagesPerDay.map((d) => [d.day, [d.inbound, d.outbound]]));

  before(async () => {
    office = await startTestBackOffice({
      accounts: [
        { phoneNumberId: '100000000000001', wabaId: '200000000000001', name: 'Number A' },
        { phoneNumberId: '100000000000002', wabaId: '200000000000002', name: 'Number B' },
      ],
    });
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0];
    await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
    ids.root = (await q(`SELECT id FROM whatsapp_admin_users WHERE email = 'root@example.com'`)).id;
    ids.A = (await q(`SELECT id FROM whatsapp_accounts WHERE name = 'Number A'`)).id;
    ids.B = (await q(`SELECT id FROM whatsapp_accounts WHERE name = 'Number B'`)).id;
    const hash = await hashPassword(PASSWORD);
    const admin = (email: string, name: string, role: string) => insertLoginUser(office.dataSource, { email, name, role, passwordHash: hash });
    ids.agent = await admin('agent@example.com', 'Agent A', 'agent');
    ids.manager = await admin('manager@example.com', 'Manager', 'manager');
    await admin('nobody@example.com', 'No grants', 'agent');
    await q(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'inbox.view', $2)`, [ids.agent, ids.A]);

    d0 = (await q(`SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS d0`)).d0.getTime();
    const at = (days: number, hours: number, minutes = 0, seconds = 0) => new Date(d0 + days * DAY + hours * HOUR + (minutes * 60 + seconds) * 1000);
    let contacts = 0;
    const conversation = async (account: string, status: string, assignee: string | null, createdAt: Date) => {
      const contact = (await q(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [account, `21355500${String(++contacts).padStart(4, '0')}`])).id;
      return (await q(
        `INSERT INTO whatsapp_conversations (account_id, contact_id, status, assignee_id, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [account, contact, status, assignee, createdAt],
      )).id as string;
    };
    const message = (conversationId: string, direction: 'inbound' | 'outbound', createdAt: Date, failure?: [number | null, string, string]) =>
      q(
        `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at, failed_at, error_code, error_title, error_explanation_key)
         VALUES ($1, $2, 'text', 'hello', $3, $4, $5, $6, $7, $8)`,
        [
          conversationId, direction, direction === 'inbound' ? 'received' : failure ? 'failed' : 'read', createdAt,
          failure ? new Date(createdAt.getTime() + 5000) : null, failure?.[0] ?? null, failure?.[1] ?? null, failure?.[2] ?? null,
        ],
      );
    const reengagement: [number, string, string] = [131047, 'Re-engagement message', 'metaError.131047'];

    // Number A. A1: answered after 5 minutes, then a failed follow-up.
    const a1 = await conversation(ids.A, 'open', ids.agent, at(-2, 10));
    await message(a1, 'inbound', at(-2, 10));
    await message(a1, 'outbound', at(-2, 10, 5));
    await message(a1, 'inbound', at(-2, 11));
    await message(a1, 'outbound', at(-2, 11, 10), reengagement);
    // A2: unassigned, answered after 20 minutes, then a failed follow-up.
    const a2 = await conversation(ids.A, 'open', null, at(-5, 8));
    await message(a2, 'inbound', at(-5, 8));
    await message(a2, 'outbound', at(-5, 8, 20));
    await message(a2, 'outbound', at(-5, 9), reengagement);
    // A3: resolved without an answer: waiting.
    const a3 = await conversation(ids.A, 'resolved', ids.agent, at(-1, 9));
    await message(a3, 'inbound', at(-1, 9));
    // A4: opened 40 days ago (outside the window) with a failure then; a message the second before the window, one at its first instant.
    const a4 = await conversation(ids.A, 'resolved', null, at(-40, 9));
    await message(a4, 'inbound', at(-40, 9));
    await message(a4, 'outbound', at(-40, 9, 30), reengagement);
    await message(a4, 'outbound', at(-30, 23, 59, 59));
    await message(a4, 'inbound', at(-29, 0));
    // A5: we wrote first (a template); the first response is the reply after the customer's first message: 1 hour.
    const a5 = await conversation(ids.A, 'open', ids.agent, at(-3, 7));
    await message(a5, 'outbound', at(-3, 7));
    await message(a5, 'inbound', at(-3, 7, 30));
    await message(a5, 'outbound', at(-3, 8, 30));

    // Number B. B1: answered after 10 seconds; two failures, one of them at 23:30 UTC (the next day in Algiers).
    const b1 = await conversation(ids.B, 'open', ids.root, at(-2, 12));
    await message(b1, 'inbound', at(-2, 12));
    await message(b1, 'outbound', at(-2, 12, 0, 10));
    await message(b1, 'outbound', at(-2, 12, 30), [null, 'socket hang up', 'metaError.transport.unknownOutcome']);
    await message(b1, 'outbound', at(-2, 23, 30), [131026, 'Message undeliverable', 'metaError.131026']);

    for (const [status, count, received] of [['processed', 3, at(-1, 0)], ['failed', 1, at(-1, 0)], ['unroutable', 2, at(0, 0)], ['processed', 1, at(-40, 0)]] as const) {
      for (let i = 0; i < count; i++) {
        await q(`INSERT INTO whatsapp_webhook_events (raw_body, body_sha256, status, received_at) VALUES ('{}', repeat('a', 64), $1, $2)`, [status, received]);
      }
    }
  });
  after(async () => office.stop());

  it('counts messages per day in and out over the last 30 days, today included, days without messages as 0', async () => {
    const figures = await figuresOf('root@example.com');
    expect(figures).to.include({ timeZone: 'UTC', days: 30, since: new Date(d0 - 29 * DAY).toISOString() });
    const days = figures.inbox!.messagesPerDay;
    expect(days.map((d) => d.day)).to.deep.equal(Array.from({ length: 30 }, (_, i) => day(i - 29)));
    const expected: Record<string, number[]> = { [day(-29)]: [1, 0], [day(-5)]: [1, 2], [day(-3)]: [1, 2], [day(-2)]: [3, 5], [day(-1)]: [1, 0] };
    expect(byDay(figures)).to.deep.equal(Object.fromEntries(days.map((d) => [d.day, expected[d.day] ?? [0, 0]])));
  });

  it('counts the days in the browser’s time zone', async () => {
    const utc = byDay(await figuresOf('root@example.com', 'UTC'));
    const algiers = await figuresOf('root@example.com', 'Africa/Algiers');
    expect(algiers.timeZone).to.equal('Africa/Algiers');
    // 23:30 UTC is 00:30 the next day in Algiers (UTC+1 all year).
    expect(byDay(algiers)[day(-2)]).to.deep.equal([utc[day(-2)]![0], utc[day(-2)]![1]! - 1]);
    expect(byDay(algiers)[day(-1)]).to.deep.equal([utc[day(-1)]![0], utc[day(-1)]![1]! + 1]);
  });

  it('falls back to UTC for a time zone nobody knows', async () => {
    expect((await figuresOf('root@example.com', "Mars/Olympus'; DROP TABLE x")).timeZone).to.equal('UTC');
    expect((await figuresOf('root@example.com', 'Nowhere/Special')).timeZone).to.equal('UTC');
  });

  it('computes the median first-response time exactly, over the conversations opened in the window', async () => {
    // Answered: B1 10 s, A1 300 s, A2 1,200 s, A5 3,600 s → median (300 + 1,200) / 2; A3 waits; A4 is older.
    expect((await figuresOf('root@example.com')).inbox!.firstResponse).to.deep.equal({ medianSeconds: 750, answered: 4, waiting: 1 });
  });

  it('lists open conversations per assignee, the unassigned first', async () => {
    expect((await figuresOf('root@example.com')).inbox!.openByAssignee).to.deep.equal([
      { assigneeId: null, assigneeName: null, open: 1 },
      { assigneeId: ids.agent, assigneeName: 'Agent A', open: 2 },
      { assigneeId: ids.root, assigneeName: 'Administrator', open: 1 },
    ]);
  });

  it('groups the delivery failures of the window by reason, the most frequent first', async () => {
    expect((await figuresOf('root@example.com')).inbox!.failuresByReason).to.deep.equal([
      { errorCode: 131047, errorTitle: 'Re-engagement message', explanationKey: 'metaError.131047', failures: 2 },
      { errorCode: 131026, errorTitle: 'Message undeliverable', explanationKey: 'metaError.131026', failures: 1 },
      { errorCode: null, errorTitle: 'socket hang up', explanationKey: 'metaError.transport.unknownOutcome', failures: 1 },
    ]);
  });

  it('counts webhook deliveries of the window by status, every status listed, for holders of accounts.manage', async () => {
    expect((await figuresOf('root@example.com')).webhookEventsByStatus).to.deep.equal([
      { status: 'received', events: 0 },
      { status: 'processed', events: 3 },
      { status: 'failed', events: 1 },
      { status: 'unroutable', events: 2 },
      { status: 'ignored', events: 0 },
      { status: 'unparseable', events: 0 },
    ]);
    const manager = await figuresOf('manager@example.com');
    expect(manager.webhookEventsByStatus).to.equal(null);
    expect(manager.inbox!.numbers.map((n) => n.name)).to.deep.equal(['Number A', 'Number B']);
  });

  it('tells managers of a webhook endpoint the plugin disabled after days of failures, and nobody else', async () => {
    await office.dataSource.query(
      `INSERT INTO whatsapp_webhook_endpoints (name, url, secret_encrypted, enabled, disabled_reason) VALUES
         ('ERP', 'https://erp.example.com/hooks', 'x', false, 'failing'), ('Old', 'https://old.example.com', 'x', false, 'manual')`,
    );
    const manager = await figuresOf('manager@example.com');
    expect(manager.failingEndpoints!.map((endpoint) => endpoint.name)).to.deep.equal(['ERP']);
    expect((await figuresOf('agent@example.com')).failingEndpoints).to.equal(null);
    await office.dataSource.query(`DELETE FROM whatsapp_webhook_endpoints`);
  });

  it('shows an agent the figures of his numbers only (number-wide there), and nothing of the others', async () => {
    const figures = await figuresOf('agent@example.com');
    expect(figures.webhookEventsByStatus).to.equal(null);
    const inbox = figures.inbox!;
    expect(inbox.numbers).to.deep.equal([{ id: ids.A, name: 'Number A' }]);
    const counts = byDay(figures);
    expect([counts[day(-29)], counts[day(-5)], counts[day(-3)], counts[day(-2)], counts[day(-1)]]).to.deep.equal([[1, 0], [1, 2], [1, 2], [2, 2], [1, 0]]);
    // A1 300 s, A2 1,200 s, A5 3,600 s.
    expect(inbox.firstResponse).to.deep.equal({ medianSeconds: 1200, answered: 3, waiting: 1 });
    expect(inbox.openByAssignee).to.deep.equal([
      { assigneeId: null, assigneeName: null, open: 1 },
      { assigneeId: ids.agent, assigneeName: 'Agent A', open: 2 },
    ]);
    expect(inbox.failuresByReason.map((f) => f.errorCode)).to.deep.equal([131047]);
  });

  it('shows nothing to an admin who holds inbox.view on no number', async () => {
    expect(await figuresOf('nobody@example.com')).to.deep.include({ inbox: null, webhookEventsByStatus: null });
  });
});

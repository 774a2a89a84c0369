import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { signBody } from '../../../src/domain/webhook-signature.js';
import type { DashboardFigures } from '../../../src/reports/dashboard-figures.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';
import { eventually } from '../../support/eventually.js';

const PASSWORD = 'a long admin password';
const APP_SECRET = 'number-health-app-secret';
const A = { phoneNumberId: '100000000000011', wabaId: '200000000000011', displayPhoneNumber: '+213 555 10 00 11', name: 'Oran desk' };
const B = { phoneNumberId: '100000000000012', wabaId: '200000000000012', displayPhoneNumber: '+213 555 10 00 12', name: 'Alger desk' };
const DAY = 86_400;

/**
 * The banner of the figures (GET /admin/api/pages/whatsappFigures → numberHealth; the example host's
 * home page is the Inbox, its figures a page beside it): Meta's notices arrive
 * as signed webhooks, the worker applies them, and each admin sees what concerns the numbers
 * they may see, worded from keys the three catalogues hold.
 */
describe('the dashboard’s banner for numbers that need attention', function () {
  this.timeout(90_000);
  let office: RunningBackOffice;
  const ids: Record<string, string> = {};
  const now = Math.floor(Date.now() / 1000);

  const healthOf = async (email: string) => {
    const browser = new Browser(office.baseUrl);
    expect((await browser.login(email, PASSWORD)).status).to.equal(303);
    const response = await browser.request('/admin/api/pages/whatsappFigures');
    expect(response.status).to.equal(200);
    return ((await response.json()) as DashboardFigures).numberHealth;
  };
  /** Waits until the worker has processed every stored delivery. */
  const allProcessed = () =>
    eventually(async () => {
      const [{ left }] = await office.dataSource.query(`SELECT count(*)::int AS left FROM whatsapp_webhook_events WHERE status = 'received'`);
      return left === 0 ? true : undefined;
    }, 30_000);
  const notice = async (number: typeof A, field: string, value: Record<string, unknown>, time: number) => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: number.wabaId, time, changes: [{ field, value }] }] });
    const response = await fetch(`${office.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, APP_SECRET) },
    });
    expect(response.status).to.equal(200);
  };

  before(async () => {
    office = await startTestBackOffice({
      accounts: [
        { ...A, appSecret: APP_SECRET, verifyToken: 'verify-a' },
        { ...B, appSecret: APP_SECRET, verifyToken: 'verify-b' },
      ],
    });
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0];
    await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
    ids.A = (await q(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [A.phoneNumberId])).id;
    ids.B = (await q(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [B.phoneNumberId])).id;
    const passwordHash = await hashPassword(PASSWORD);
    const admin = (email: string, role: string) => insertLoginUser(office.dataSource, { email, name: email, role, passwordHash });
    await admin('manager@example.com', 'manager');
    ids.agent = await admin('agent@example.com', 'agent');
    await q(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'inbox.view', $2)`, [ids.agent, ids.A]);

    // A: Meta disabled its account. B: its quality was flagged (still so), its limit lowered then raised
    // again (settled), and a warning older than the banner's window.
    await notice(A, 'account_update', { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: 'December 1, 2026' } }, now - 3600);
    await notice(B, 'phone_number_quality_update', { display_phone_number: B.displayPhoneNumber, event: 'FLAGGED', current_limit: 'TIER_1K' }, now - 2 * DAY);
    await notice(B, 'phone_number_name_update', { display_phone_number: B.displayPhoneNumber, decision: 'REJECTED', requested_verified_name: 'Alger' }, now - 30 * DAY);
    await office.plugin.worker.start();
    await allProcessed();
    // B's messages fail: the sending pipeline recorded Meta's expired-token refusal on the number.
    await q(`UPDATE whatsapp_accounts SET problem_code = 190, problem_message = 'Error validating access token', problem_explanation_key = 'metaError.190', problem_at = now() WHERE id = $1`, [ids.B]);
  });
  after(async () => office.stop());

  it('shows a manager every number that cannot send or that Meta warned about, with the reasons', async () => {
    const health = await healthOf('manager@example.com');
    expect(health.map((warning) => warning.name)).to.deep.equal(['Alger desk', 'Oran desk']);
    const [b, a] = health;
    expect(a!.stopped?.reasonKey).to.equal('accountHealth.blocked.banned');
    expect(a!.sendingProblem).to.equal(null);
    expect(b!.stopped).to.equal(null);
    expect(b!.sendingProblem).to.deep.include({ explanationKey: 'metaError.190', message: 'Error validating access token' });
    // The name rejection is older than the window; the flagged quality stays until Meta says otherwise.
    expect(b!.notices.map((n) => n.summaryKey)).to.deep.equal(['accountHealth.notice.qualityFlagged']);
    expect(a!.displayPhoneNumber).to.equal(A.displayPhoneNumber);
    // A manager does not hold accounts.manage by default: no link to a page he cannot open.
    expect(health.every((warning) => !warning.canOpen)).to.equal(true);
  });

  it('drops a warning once a newer notice of its topic settles it', async () => {
    await notice(B, 'phone_number_quality_update', { display_phone_number: B.displayPhoneNumber, event: 'UNFLAGGED', current_limit: 'TIER_1K' }, now - DAY);
    await allProcessed();
    const b = (await healthOf('root@example.com')).find((warning) => warning.accountId === ids.B)!;
    expect(b.notices).to.deep.equal([]);
    expect(b.sendingProblem).to.not.equal(null);
    expect(b.canOpen, 'the super-admin holds accounts.manage').to.equal(true);
  });

  it('shows an agent only the numbers he sees, and only whether they can send', async () => {
    await office.dataSource.query(
      `INSERT INTO whatsapp_account_notices (account_id, field, topic, event, severity, summary_key, details, occurred_at)
       VALUES ($1, 'phone_number_quality_update', 'quality', 'FLAGGED', 'warning', 'accountHealth.notice.qualityFlagged', '{}', now())`,
      [ids.A],
    );
    const health = await healthOf('agent@example.com');
    expect(health.map((warning) => warning.accountId)).to.deep.equal([ids.A]);
    expect(health[0]!.stopped?.reasonKey).to.equal('accountHealth.blocked.banned');
    expect(health[0]!.notices, 'Meta’s warnings are for who runs the number').to.deep.equal([]);
    // The Inbox, where agents arrive, carries the same banner.
    const browser = new Browser(office.baseUrl);
    expect((await browser.login('agent@example.com', PASSWORD)).status).to.equal(303);
    const setup = await browser.request('/admin/api/resources/whatsapp_conversations/actions/inboxSetup');
    expect(setup.status).to.equal(200);
    expect(((await setup.json()) as { numberHealth: typeof health }).numberHealth).to.deep.equal(health);
  });
});

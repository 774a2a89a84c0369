import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { Browser, formData, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long admin password';

/** Managers set automation up through AdminJS's own forms, over HTTP, checked on the server. */
describe('automation settings in the back office', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let root: Browser;
  let agent: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    office = await startTestBackOffice({
      accounts: [
        { phoneNumberId: '100000000000001', wabaId: '200000000000001', name: 'Number A' },
        { phoneNumberId: '100000000000002', wabaId: '200000000000002', name: 'Number B' },
      ],
    });
    await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
    [{ id: ids.A }] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE name = 'Number A'`);
    [{ id: ids.B }] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE name = 'Number B'`);
    const lead = await insertLoginUser(office.dataSource, { email: 'lead@example.com', name: 'Lead', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
    await office.dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'automation.manage', $2)`, [lead, ids.B]);
    root = new Browser(office.baseUrl);
    await root.login('root@example.com', PASSWORD);
    agent = new Browser(office.baseUrl);
    await agent.login('lead@example.com', PASSWORD);
  });
  after(async () => office.stop());

  const post = (browser: Browser, path: string, fields: Record<string, string>) =>
    browser.request(`/admin/api/resources/${path}`, { method: 'POST', body: formData(fields) });

  it('saves a number’s business hours, holidays and texts from the form, as the automations read them', async () => {
    const response = await post(root, 'whatsapp_automation_settings/actions/new', {
      accountId: ids.A,
      businessHoursEnabled: 'true',
      timeZone: 'Europe/Paris',
      'weeklyHours.0.day': '1',
      'weeklyHours.0.opens': '09:00',
      'weeklyHours.0.closes': '17:00',
      'holidays.0.date': '2026-12-25',
      'holidays.0.name': 'Noël',
      'holidays.0.yearly': 'true',
      greetingEnabled: 'true',
      'greetingTexts.fr': 'Bonjour !',
      assignmentMode: 'round_robin',
    });
    expect(response.status, await response.clone().text()).to.equal(200);
    const [row] = await office.dataSource.query(
      `SELECT time_zone, weekly_hours, holidays, greeting_texts, assignment_mode FROM whatsapp_automation_settings WHERE account_id = $1`,
      [ids.A],
    );
    expect(row.time_zone).to.equal('Europe/Paris');
    expect(row.weekly_hours).to.deep.equal([{ day: '1', opens: '09:00', closes: '17:00' }]);
    expect(row.holidays[0]).to.include({ name: 'Noël' });
    expect(row.greeting_texts).to.deep.include({ fr: 'Bonjour !' });
    expect(row.assignment_mode).to.equal('round_robin');
  });

  it('refuses hours that cannot be used, saying which field is wrong', async () => {
    const body = await (
      await post(root, 'whatsapp_automation_settings/actions/new', {
        accountId: ids.B,
        timeZone: 'Mars/Olympus',
        'weeklyHours.0.day': '1',
        'weeklyHours.0.opens': '18:00',
        'weeklyHours.0.closes': '09:00',
      })
    ).json();
    expect(body.record.errors).to.deep.include({ timeZone: { message: 'automation.hours.problem.timeZone' } });
    expect(body.record.errors.weeklyHours.message).to.equal('automation.hours.problem.interval');
    expect(await office.dataSource.query(`SELECT 1 FROM whatsapp_automation_settings WHERE account_id = $1`, [ids.B])).to.deep.equal([]);
  });

  it('lets a manager of one number manage that number only', async () => {
    const refused = await (await post(agent, 'whatsapp_sla_policies/actions/new', { name: 'Fast', accountId: ids.A, firstResponseMinutes: '30' })).json();
    expect(refused.record.errors.accountId.message).to.equal('automation.problem.numberNotManaged');
    const accepted = await post(agent, 'whatsapp_sla_policies/actions/new', { name: 'Fast', accountId: ids.B, firstResponseMinutes: '30' });
    expect(accepted.status).to.equal(200);
    const list = await (await agent.request(`/admin/api/resources/whatsapp_automation_settings/actions/list`)).json();
    expect(list.records.map((r: { params: { accountId: string } }) => r.params.accountId)).to.deep.equal([]);
    const policies = await (await root.request(`/admin/api/resources/whatsapp_sla_policies/actions/list`)).json();
    expect(policies.records).to.have.length(1);
  });

  it('tests a rule with a sample message on its page, sending nothing', async () => {
    const [rule] = await office.dataSource.query(
      `INSERT INTO whatsapp_auto_reply_rules (account_id, name, keywords, language, reply_text) VALUES ($1, 'Tarifs', '{prix,tarif}', 'fr', 'Nos tarifs : …') RETURNING id`,
      [ids.A],
    );
    const answer = await (await post(root, `whatsapp_auto_reply_rules/records/${rule.id}/test`, { text: 'Bonjour, quel est le prix de la formation ?' })).json();
    expect(answer.trial).to.deep.equal({ language: 'fr', replies: [{ ruleId: rule.id, name: 'Tarifs', text: 'Nos tarifs : …', templateId: null, stops: true }] });
    const none = await (await post(root, `whatsapp_auto_reply_rules/records/${rule.id}/test`, { text: 'What is the price of the course?' })).json();
    expect(none.trial).to.deep.equal({ language: 'en', replies: [] });
    expect(await office.dataSource.query(`SELECT 1 FROM whatsapp_messages`)).to.deep.equal([]);
  });

  it('refuses a rule whose pattern RE2 cannot run', async () => {
    const body = await (await post(root, 'whatsapp_auto_reply_rules/actions/new', { name: 'Bad', pattern: '(?<=x)y', replyText: 'x' })).json();
    expect(body.record.errors.pattern.message).to.equal('automation.rule.problem.pattern');
  });

  it('makes an SLA policy’s label one of the managed labels: picked by whoever manages the number, refused when unknown, shown by its name', async () => {
    const [vip] = await office.dataSource.query(`INSERT INTO whatsapp_labels (name, colour) VALUES ('VIP', 'gold') RETURNING id`);
    // The form's picker searches the labels: a number's automation manager may, without labels.manage.
    const found = await (await agent.request(`/admin/api/resources/whatsapp_labels/actions/search/VI`)).json();
    expect(found.records.map((r: { title: string }) => r.title)).to.deep.equal(['VIP']);

    for (const labelId of ['0b1c2d3e-0000-4000-8000-000000000000', 'VIP']) {
      const refused = await (await post(agent, 'whatsapp_sla_policies/actions/new', { name: 'VIP first', accountId: ids.B, labelId, firstResponseMinutes: '5' })).json();
      expect(refused.record.errors.labelId.message, labelId).to.equal('automation.sla.problem.label');
    }
    expect(await office.dataSource.query(`SELECT 1 FROM whatsapp_sla_policies WHERE name = 'VIP first'`)).to.deep.equal([]);

    const saved = await (await post(agent, 'whatsapp_sla_policies/actions/new', { name: 'VIP first', accountId: ids.B, labelId: vip.id, firstResponseMinutes: '5' })).json();
    expect(saved.record.errors).to.deep.equal({});
    const list = await (await agent.request(`/admin/api/resources/whatsapp_sla_policies/actions/list`)).json();
    const row = list.records.find((r: { params: { name: string } }) => r.params.name === 'VIP first');
    expect(row.populated.labelId.title).to.equal('VIP');
    const shown = await (await agent.request(`/admin/api/resources/whatsapp_sla_policies/records/${row.id}/show`)).json();
    expect(shown.record.populated.labelId.title).to.equal('VIP');
  });
});

import { expect } from 'chai';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const RESOURCE_IDS = [
  'whatsapp_conversations', 'whatsapp_messages', 'whatsapp_contacts', 'whatsapp_templates', 'whatsapp_leads',
  'whatsapp_webhook_events', 'whatsapp_accounts', 'whatsapp_permission_grants', 'whatsapp_conversation_events', 'whatsapp_agents',
  'whatsapp_admin_users',
];

describe('every WhatsApp resource in the back office', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let browser: Browser;
  const ids: Record<string, string> = {};

  before(async () => {
    office = await startTestBackOffice({ accounts: [{ phoneNumberId: '118237465540912', wabaId: '104729381102938' }] });
    await office.ensureFirstAdmin({ email: 'root@example.com', password: 'a long admin password' });
    browser = new Browser(office.baseUrl);
    await browser.login('root@example.com', 'a long admin password');
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0]?.id as string;
    ids.whatsapp_admin_users = await q(`SELECT id FROM whatsapp_admin_users`);
    // The first admin's agent row carries the account's id.
    ids.whatsapp_agents = ids.whatsapp_admin_users;
    ids.whatsapp_accounts = await q(`SELECT id FROM whatsapp_accounts`);
    ids.whatsapp_leads = await q(`INSERT INTO whatsapp_leads (organisation_name, phone_e164, assignee_id) VALUES ('Lycée', '+213555123456', $1) RETURNING id`, [ids.whatsapp_agents]);
    ids.whatsapp_contacts = await q(
      `INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name, crm_record_type, crm_record_id, crm_record_label)
       VALUES ($1, '213555123456', '+213555123456', 'Amina', 'organisation', '1', 'Lycée Ibn Khaldoun') RETURNING id`,
      [ids.whatsapp_accounts],
    );
    ids.whatsapp_conversations = await q(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, lead_id, unread_count, last_message_at)
       VALUES ($1, $2, $3, $4, 1, now()) RETURNING id`,
      [ids.whatsapp_accounts, ids.whatsapp_contacts, ids.whatsapp_agents, ids.whatsapp_leads],
    );
    ids.whatsapp_templates = await q(
      `INSERT INTO whatsapp_templates (account_id, name, language, status) VALUES ($1, 'welcome', 'fr', 'APPROVED') RETURNING id`,
      [ids.whatsapp_accounts],
    );
    ids.whatsapp_messages = await q(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status, sent_by_id, template_id)
       VALUES ($1, 'wamid.X', 'outbound', 'text', '<b>hi</b>', 'sent', $2, $3) RETURNING id`,
      [ids.whatsapp_conversations, ids.whatsapp_agents, ids.whatsapp_templates],
    );
    ids.whatsapp_webhook_events = await q(
      `INSERT INTO whatsapp_webhook_events (raw_body, body_sha256, status, last_error) VALUES ('{"object":1}', repeat('a', 64), 'failed', 'boom') RETURNING id`,
    );
    ids.whatsapp_conversation_events = await q(
      `INSERT INTO whatsapp_conversation_events (conversation_id, kind, actor_id) VALUES ($1, 'assigned', $2) RETURNING id`,
      [ids.whatsapp_conversations, ids.whatsapp_agents],
    );
    ids.whatsapp_permission_grants = await q(
      `INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id, granted_by_id) VALUES ($1, 'reply', $2, $1) RETURNING id`,
      [ids.whatsapp_agents, ids.whatsapp_accounts],
    );
  });
  after(async () => office.stop());

  for (const resourceId of RESOURCE_IDS) {
    it(`${resourceId}: lists and shows its records, references resolved`, async () => {
      const list = await browser.request(`/admin/api/resources/${resourceId}/actions/list`);
      expect(list.status, await list.clone().text()).to.equal(200);
      expect((await list.json()).records.map((r: { id: string }) => r.id)).to.include(ids[resourceId]);
      const show = await browser.request(`/admin/api/resources/${resourceId}/records/${ids[resourceId]}/show`);
      expect(show.status, await show.clone().text()).to.equal(200);
    });
  }

  it('reprocesses a failed webhook event only on POST, queueing exactly one job', async () => {
    const id = ids.whatsapp_webhook_events;
    const url = `/admin/api/resources/whatsapp_webhook_events/records/${id}/reprocess`;
    const jobs = async () =>
      (await office.dataSource.query(`SELECT count(*)::int AS n FROM whatsapp_jobs.job WHERE data->>'eventId' = $1`, [id]))[0].n;
    const status = async () => (await office.dataSource.query(`SELECT status FROM whatsapp_webhook_events WHERE id = $1`, [id]))[0].status;

    expect((await browser.request(url)).status).to.equal(200);
    expect(await status()).to.equal('failed');
    expect(await jobs()).to.equal(0);

    const form = new FormData();
    form.set('confirmed', 'yes');
    const done = await (await browser.request(url, { method: 'POST', body: form })).json();
    expect(done.notice).to.deep.include({ message: 'reprocessQueued', type: 'success' });
    expect(await status()).to.equal('received');
    expect(await jobs()).to.equal(1);

    const again = await (await browser.request(url, { method: 'POST', body: form })).json();
    expect(again.notice).to.deep.include({ message: 'reprocessNotAllowed', type: 'error' });
    expect(await jobs()).to.equal(1);
  });

  it('never sends a password hash to the browser', async () => {
    const list = await (await browser.request('/admin/api/resources/whatsapp_admin_users/actions/list')).text();
    const show = await (await browser.request(`/admin/api/resources/whatsapp_admin_users/records/${ids.whatsapp_admin_users}/show`)).text();
    expect(list + show).to.not.match(/argon2|passwordHash/);
  });

  it('shows on a conversation who it is with and the CRM record they matched', async () => {
    const show = await (await browser.request(`/admin/api/resources/whatsapp_conversations/records/${ids.whatsapp_conversations}/show`)).json();
    expect(show.record.params).to.include({
      contactName: 'Amina',
      contactPhone: '+213555123456',
      crmRecord: 'Lycée Ibn Khaldoun',
      leadName: 'Lycée',
    });
    expect(show.record.populated.assigneeId.params.email).to.equal('root@example.com');
    const [{ unread_count }] = await office.dataSource.query(`SELECT unread_count FROM whatsapp_conversations WHERE id = $1`, [ids.whatsapp_conversations]);
    expect(unread_count, 'opening the conversation marks it read').to.equal(0);
  });
});

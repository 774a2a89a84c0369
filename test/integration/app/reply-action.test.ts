import { expect } from 'chai';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

describe('replying from the back office', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let browser: Browser;
  let open: string;
  let closed: string;

  before(async () => {
    office = await startTestBackOffice({ accounts: [{ phoneNumberId: '118237465540912', wabaId: '104729381102938', accessToken: 'token' }] });
    await office.ensureFirstAdmin({ email: 'root@example.com', password: 'a long admin password' });
    browser = new Browser(office.baseUrl);
    await browser.login('root@example.com', 'a long admin password');
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0]?.id as string;
    const account = await q(`SELECT id FROM whatsapp_accounts`);
    const conversation = async (waId: string, lastInbound: string) => {
      const contact = await q(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [account, waId]);
      return q(
        `INSERT INTO whatsapp_conversations (account_id, contact_id, last_inbound_at, last_message_at) VALUES ($1, $2, ${lastInbound}, now()) RETURNING id`,
        [account, contact],
      );
    };
    open = await conversation('213555000001', `now() - interval '1 hour'`);
    closed = await conversation('213555000002', `now() - interval '25 hours'`);
    await office.dataSource.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, 'wamid.in1', 'inbound', 'text', '<script>alert(1)</script>', 'received')`,
      [open],
    );
  });
  after(async () => office.stop());

  const post = (conversationId: string, text: string) => {
    const form = new FormData();
    form.set('text', text);
    return browser.request(`/admin/api/resources/whatsapp_conversations/records/${conversationId}/reply`, { method: 'POST', body: form });
  };
  const outbound = async (conversationId: string) =>
    office.dataSource.query(`SELECT body, status, sent_by_id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`, [conversationId]);

  it('answers GET with the conversation only, and sends nothing', async () => {
    const response = await browser.request(`/admin/api/resources/whatsapp_conversations/records/${open}/reply`);
    expect(response.status).to.equal(200);
    const body = await response.json();
    expect(body.record.id).to.equal(open);
    expect(await outbound(open)).to.deep.equal([]);
  });

  it('queues a reply inside the 24-hour window, by the agent who sent it', async () => {
    const body = await (await post(open, 'Bonjour, je m’en occupe')).json();
    expect(body.notice).to.deep.include({ message: 'replyQueued', type: 'success' });
    const [admin] = await office.dataSource.query(`SELECT id FROM whatsapp_agents`);
    expect(await outbound(open)).to.deep.equal([{ body: 'Bonjour, je m’en occupe', status: 'queued', sent_by_id: admin.id }]);
    const [{ jobs }] = await office.dataSource.query(`SELECT count(*)::int AS jobs FROM whatsapp_jobs.job WHERE name = 'whatsapp-send-message'`);
    expect(jobs).to.equal(1);
  });

  it('sends an approved template outside the window, its parameters filled by name, and refuses missing ones', async () => {
    const [account] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts`);
    const components = [{ type: 'BODY', text: 'Bonjour {{1}}, votre inscription expire demain.', example: { body_text: [['Amina']] } }];
    await office.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components) VALUES
         ($1, 'rappel', 'fr', 'APPROVED', 'UTILITY', $2), ($1, 'brouillon', 'fr', 'PENDING', 'UTILITY', $2)`,
      [account.id, JSON.stringify(components)],
    );
    const url = `/admin/api/resources/whatsapp_conversations/records/${closed}/sendTemplate`;
    const listed = await (await browser.request(url)).json();
    expect(listed.templates.map((t: { name: string }) => t.name)).to.deep.equal(['rappel']);
    expect(listed.templates[0].slots.map((slot: { key: string; example: string }) => [slot.key, slot.example])).to.deep.equal([['body:1', 'Amina']]);

    const send = (values: object) => {
      const form = new FormData();
      form.set('templateId', listed.templates[0].id);
      form.set('values', JSON.stringify(values));
      return browser.request(url, { method: 'POST', body: form });
    };
    const missing = await (await send({})).json();
    expect(missing.notice).to.deep.include({ message: 'outbound.refusal.templateParameters', type: 'error' });
    expect(await outbound(closed)).to.deep.equal([]);

    const sent = await (await send({ 'body:1': 'Karim' })).json();
    expect(sent.notice).to.deep.include({ message: 'templateQueued', type: 'success' });
    const [message] = await office.dataSource.query(
      `SELECT type, status, payload->'template'->'components' AS components FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`,
      [closed],
    );
    expect(message).to.deep.include({ type: 'template', status: 'queued' });
    expect(JSON.stringify(message.components)).to.contain('Karim');
  });

  it('refuses a free-form reply outside the window with a translated reason, and queues nothing', async () => {
    const before = (await outbound(closed)).length;
    const body = await (await post(closed, 'Are you there?')).json();
    expect(body.notice).to.deep.include({ message: 'serviceWindow.closed', type: 'error' });
    expect(await outbound(closed)).to.have.length(before);
  });
});

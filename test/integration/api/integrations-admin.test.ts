import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { outcome, seedInboxWorld, type InboxWorld } from '../../support/inbox-roles.js';
import { formData, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const API = '/admin/api/resources';

/**
 * The back office's integrations screens over HTTP, as their components call them: a manager
 * creates an endpoint and a token and sees each secret once; what is stored never shows it; an
 * agent without integrations.manage is refused; the token made there opens the REST API.
 */
describe('integrations in the back office', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let world: InboxWorld;

  before(async () => {
    office = await startTestBackOffice();
    world = await seedInboxWorld(office);
  });
  after(async () => office.stop());

  const post = (role: keyof InboxWorld['browsers'], path: string, fields: Record<string, string>) =>
    world.browsers[role].request(`${API}${path}`, { method: 'POST', body: formData(fields) });

  it('creates a webhook endpoint and shows its secret once; the stored row keeps it sealed', async () => {
    const form = await outcome(await world.browsers.manager.request(`${API}/whatsapp_webhook_endpoints/actions/new`));
    expect((form.body.form as { fields: { name: string }[] }).fields.map((f) => f.name)).to.deep.equal(['name', 'url', 'accountId', 'eventKinds']);
    const created = await outcome(
      await post('manager', '/whatsapp_webhook_endpoints/actions/new', {
        name: 'ERP', url: 'https://erp.example.com/hooks', accountId: world.accounts.a, eventKinds: 'message.received,conversation.assigned',
      }),
    );
    const secret = created.body.secret as string;
    expect(secret).to.match(/^whsec_/);
    // The secret signs what a receiver verifies with standardwebhooks.
    expect(() => new Webhook(secret).sign('evt', new Date(), '{}')).to.not.throw();
    const [row] = await office.dataSource.query(`SELECT event_kinds, account_id, secret_encrypted FROM whatsapp_webhook_endpoints`);
    expect(row).to.deep.include({ event_kinds: ['message.received', 'conversation.assigned'], account_id: world.accounts.a });
    expect(row.secret_encrypted).to.not.include(secret.slice(6));
    const shown = await world.browsers.manager.request(`${API}/whatsapp_webhook_endpoints/actions/list`);
    expect(await shown.text()).to.not.include(secret.slice(6, 20));
  });

  it('refuses a bad URL with a translated reason, and an agent without integrations.manage altogether', async () => {
    const refused = await outcome(await post('manager', '/whatsapp_webhook_endpoints/actions/new', { name: 'x', url: 'ftp://x', accountId: '', eventKinds: '' }));
    expect(refused.body.notice).to.deep.include({ message: 'integrations.refusal.invalidUrl', type: 'error' });
    expect(refused.body.secret).to.equal(undefined);
    const agent = await outcome(await post('agent', '/whatsapp_api_tokens/actions/new', { name: 'x', permissions: 'inbox.view', accountIds: '', expiresInDays: '' }));
    expect(agent.allowed).to.equal(false);
    expect(await office.dataSource.query(`SELECT 1 FROM whatsapp_api_tokens`)).to.deep.equal([]);
  });

  it('creates an API token shown once, which then opens the REST API, and revokes it', async () => {
    const created = await outcome(
      await post('manager', '/whatsapp_api_tokens/actions/new', { name: 'Billing', permissions: 'inbox.view_all,inbox.reply', accountIds: world.accounts.a, expiresInDays: '30' }),
    );
    const token = created.body.secret as string;
    expect(token).to.match(/^wat_/);
    const [row] = await office.dataSource.query(`SELECT id, token_hash, token_prefix, account_ids, expires_at > now() + interval '29 days' AS expires FROM whatsapp_api_tokens`);
    expect(row).to.deep.include({ token_prefix: token.slice(0, 12), account_ids: [world.accounts.a], expires: true });
    expect(row.token_hash).to.not.equal(token);

    const call = () => fetch(`${office.baseUrl}/admin/api/whatsapp/v1/conversations`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).to.equal(200);
    const revoked = await outcome(await post('manager', `/whatsapp_api_tokens/records/${row.id}/revoke`, { confirmed: 'yes' }));
    expect(revoked.body.notice).to.deep.include({ message: 'integrations.tokens.revoked', type: 'success' });
    expect((await call()).status).to.equal(401);
  });

  it('lists events, endpoints, deliveries and tokens to managers only, with their references', async () => {
    await office.dataSource.query(
      `INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data) VALUES ('conversation.resolved', $1::text, $2, $1::uuid, '{}')`,
      [world.conversations.aFree, world.accounts.a],
    );
    await office.dataSource.query(
      `INSERT INTO whatsapp_webhook_deliveries (endpoint_id, event_id, event_kind)
       SELECT ep.id, e.id, e.kind FROM whatsapp_webhook_endpoints ep, whatsapp_outbox_events e`,
    );
    for (const resource of ['whatsapp_outbox_events', 'whatsapp_webhook_endpoints', 'whatsapp_webhook_deliveries', 'whatsapp_api_tokens']) {
      const listed = await outcome(await world.browsers.manager.request(`${API}/${resource}/actions/list`));
      expect(listed.allowed, resource).to.equal(true);
      expect((listed.body.records as unknown[]).length, resource).to.be.greaterThan(0);
      expect((await outcome(await world.browsers.agent.request(`${API}/${resource}/actions/list`))).allowed, resource).to.equal(false);
    }
  });
});

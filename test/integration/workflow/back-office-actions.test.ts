import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long admin password';
const API = '/admin/api/resources/whatsapp_conversations';

describe('workflow actions in the back office, over HTTP', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let root: Browser;
  let agent: Browser;
  let viewer: Browser;
  let accountId: string;
  const ids: Record<string, string> = {};
  let customers = 0;

  const q = async (sql: string, params: unknown[] = []) => office.dataSource.query(sql, params);
  const signedIn = async (email: string) => {
    const browser = new Browser(office.baseUrl);
    expect((await browser.login(email, PASSWORD)).status).to.equal(303);
    return browser;
  };
  async function admin(name: string, grants: string[]): Promise<string> {
    const id = await insertLoginUser(office.dataSource, { email: `${name}@example.com`, name, passwordHash: await hashPassword(PASSWORD), role: 'agent' });
    for (const permission of grants) await q(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [id, permission, accountId]);
    return id;
  }
  async function conversation(given: { assigneeId?: string; status?: string } = {}): Promise<{ id: string; contactId: string }> {
    customers += 1;
    const [contact] = await q(`INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) VALUES ($1, $2, $3, 'Amina') RETURNING id`, [
      accountId,
      `21355560000${customers}`,
      `+21355560000${customers}`,
    ]);
    const [row] = await q(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, status, last_inbound_at, last_message_at)
       VALUES ($1, $2, $3, $4, now() - interval '1 hour', now()) RETURNING id`,
      [accountId, contact.id, given.assigneeId ?? null, given.status ?? 'open'],
    );
    return { id: row.id, contactId: contact.id };
  }
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(values)) data.set(key, value);
    return data;
  };
  const post = async (browser: Browser, conversationId: string, action: string, values: Record<string, string> = {}) =>
    (await browser.request(`${API}/records/${conversationId}/${action}`, { method: 'POST', body: form(values) })).json();
  const get = async (browser: Browser, conversationId: string, action: string, query = '') => {
    const response = await browser.request(`${API}/records/${conversationId}/${action}${query}`);
    expect(response.status).to.equal(200);
    return response.json();
  };
  const events = async (conversationId: string) =>
    q(`SELECT kind, actor_id AS "actorId", details FROM whatsapp_conversation_events WHERE conversation_id = $1 ORDER BY created_at`, [conversationId]);
  const row = async (conversationId: string) =>
    (await q(`SELECT status, assignee_id AS "assigneeId", lead_id AS "leadId" FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0];

  before(async () => {
    office = await startTestBackOffice({ accounts: [{ phoneNumberId: '118237465540912', wabaId: '104729381102938', accessToken: 'token' }] });
    await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
    [{ id: accountId }] = await q(`SELECT id FROM whatsapp_accounts`);
    [{ id: ids.root }] = await q(`SELECT id FROM whatsapp_admin_users WHERE email = 'root@example.com'`);
    ids.agent = await admin('agent', ['inbox.view', 'inbox.reply', 'inbox.assign', 'inbox.resolve', 'leads.manage']);
    ids.viewer = await admin('viewer', ['inbox.view', 'inbox.reply']);
    [root, agent, viewer] = [await signedIn('root@example.com'), await signedIn('agent@example.com'), await signedIn('viewer@example.com')];
  });
  after(async () => office.stop());

  it('assign: GET lists who may be assigned and changes nothing; POST as the JSON the view sends takes the conversation', async () => {
    const { id } = await conversation();
    const page = await get(agent, id, 'assign');
    expect(page.record.id).to.equal(id);
    expect(page.assignees.map((a: { id: string }) => a.id)).to.include.members([ids.root, ids.agent, ids.viewer]);
    expect(page.assignees[0]).to.have.keys(['id', 'name', 'email']);
    expect(await events(id)).to.deep.equal([]);

    const response = await agent.request(`${API}/records/${id}/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assigneeId: 'me' }),
    });
    const body = await response.json();
    expect(body.notice).to.deep.equal({ message: 'inbox.assigned', type: 'success' });
    expect(body.record.params).to.include({ assigneeId: ids.agent, contactName: 'Amina' });
    expect(await events(id)).to.deep.equal([{ kind: 'assigned', actorId: ids.agent, details: { assigneeId: ids.agent, previousAssigneeId: null } }]);
  });

  it('resolve: POST only, says when nothing changed, and shows buttons by state', async () => {
    const { id } = await conversation({ assigneeId: ids.agent });
    const page = await get(agent, id, 'resolve');
    expect(page.record.recordActions.map((a: { name: string }) => a.name)).to.include.members(['resolve', 'assign', 'unassign', 'linkLead', 'createLead', 'reply']);
    expect(page.record.recordActions.map((a: { name: string }) => a.name)).to.not.include.members(['reopen', 'unlinkLead']);
    expect((await row(id)).status).to.equal('open');

    expect((await post(agent, id, 'resolve', { confirmed: 'yes' })).notice).to.deep.equal({ message: 'inbox.resolved', type: 'success' });
    const again = await post(agent, id, 'resolve', { confirmed: 'yes' });
    expect(again.notice).to.deep.equal({ message: 'inbox.unchanged.resolve', type: 'success' });
    expect(again.record.params.status).to.equal('resolved');
    expect(again.record.recordActions.map((a: { name: string }) => a.name)).to.include('reopen').and.not.include('resolve');
    expect(await events(id)).to.have.length(1);
  });

  it('reopen: refused with the live conversation named, never a server error, when the customer started a new one', async () => {
    const old = await conversation({ status: 'resolved' });
    const [live] = await q(`INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2) RETURNING id`, [accountId, old.contactId]);
    const response = await agent.request(`${API}/records/${old.id}/reopen`, { method: 'POST', body: form({ confirmed: 'yes' }) });
    expect(response.status).to.equal(200);
    const body = await response.json();
    expect(body.notice).to.deep.equal({ message: 'inbox.refusal.anotherConversationLive', type: 'error', options: { conversationId: live.id } });
    expect((await row(old.id)).status).to.equal('resolved');
  });

  it('an agent without the permission sees no button and is refused on POST; data unchanged', async () => {
    const { id } = await conversation();
    const shown = await get(viewer, id, 'show');
    const names = shown.record.recordActions.map((a: { name: string }) => a.name);
    expect(names).to.include('reply');
    expect(names).to.not.include.members(['assign', 'resolve', 'linkLead', 'createLead']);
    for (const action of ['assign', 'resolve', 'createLead']) {
      const body = await post(viewer, id, action, { assigneeId: 'me', organisationName: 'X' });
      expect(body.notice.type, action).to.equal('error');
    }
    expect(await row(id)).to.deep.equal({ status: 'open', assigneeId: null, leadId: null });
    expect(await events(id)).to.deep.equal([]);
  });

  it('linkLead finds leads by any spelling of a phone and links one; createLead prefills, normalises and links', async () => {
    const [lead] = await q(`INSERT INTO whatsapp_leads (organisation_name, contact_name, phone_e164) VALUES ('Lycée Ibn Khaldoun', 'Karim', '+213555123456') RETURNING id`);
    const first = await conversation({ assigneeId: ids.agent });
    const found = await get(agent, first.id, 'linkLead', `?q=${encodeURIComponent('0555 12 34 56')}`);
    expect(found.leads).to.deep.equal([{ id: lead.id, organisation: 'Lycée Ibn Khaldoun', name: 'Karim', phone: '+213555123456', email: null, status: 'new' }]);
    const linked = await post(agent, first.id, 'linkLead', { leadId: lead.id });
    expect(linked.notice).to.deep.equal({ message: 'inbox.leadLinked', type: 'success' });
    expect(linked.record.params).to.include({ leadId: lead.id, leadName: 'Lycée Ibn Khaldoun' });

    const second = await conversation({ assigneeId: ids.agent });
    const { prefill } = await get(agent, second.id, 'createLead');
    expect(prefill).to.include({ contactName: 'Amina', source: 'whatsapp', status: 'new' });
    const created = await post(agent, second.id, 'createLead', { ...prefill, intent: '', organisationName: 'École Les Oliviers', phoneE164: '0555 99 88 77' });
    expect(created.notice).to.deep.equal({ message: 'inbox.leadCreated', type: 'success' });
    const [stored] = await q(`SELECT organisation_name AS name, phone_e164 AS phone, source FROM whatsapp_leads WHERE id = $1`, [created.record.params.leadId]);
    expect(stored).to.deep.equal({ name: 'École Les Oliviers', phone: '+213555998877', source: 'whatsapp' });
  });

  it('bulkResolve and bulkAssign: each conversation on its own, the notice counts, only visible conversations come back', async () => {
    const mine = await conversation({ assigneeId: ids.agent });
    const free = await conversation();
    const others = await conversation({ assigneeId: ids.viewer });
    const url = (action: string) => `${API}/bulk/${action}?recordIds=${[mine.id, free.id, others.id].join(',')}`;

    const page = await (await agent.request(url('bulkAssign'))).json();
    expect(page.assignees.map((a: { id: string }) => a.id)).to.include(ids.agent);
    expect(page.records.map((r: { id: string }) => r.id).sort()).to.deep.equal([mine.id, free.id].sort());

    const resolved = await (await agent.request(url('bulkResolve'), { method: 'POST', body: form({ confirmed: 'yes' }) })).json();
    expect(resolved.notice).to.deep.equal({ message: 'inbox.bulkResolved', type: 'error', options: { count: 2, unchanged: 0, refused: 1 } });
    expect(resolved.records.map((r: { id: string }) => r.id).sort()).to.deep.equal([mine.id, free.id].sort());
    expect((await row(others.id)).status).to.equal('open');

    const assigned = await (await root.request(url('bulkAssign'), { method: 'POST', body: form({ assigneeId: ids.agent }) })).json();
    expect(assigned.notice).to.deep.equal({ message: 'inbox.bulkAssigned', type: 'success', options: { count: 2, unchanged: 1, refused: 0 } });
    expect((await row(others.id)).assigneeId).to.equal(ids.agent);
  });

  it('reply: an agent\'s reply is audited; a conversation another agent has is refused to him', async () => {
    const mine = await conversation({ assigneeId: ids.agent });
    const taken = await conversation({ assigneeId: ids.agent });
    expect((await post(agent, mine.id, 'reply', { text: 'Bonjour' })).notice).to.deep.include({ message: 'replyQueued', type: 'success' });
    expect((await events(mine.id)).map((e: { kind: string; actorId: string }) => [e.kind, e.actorId])).to.deep.equal([['replied', ids.agent]]);
    const refused = await post(viewer, taken.id, 'reply', { text: 'Hello' });
    expect(refused.notice.type).to.equal('error');
    expect(await q(`SELECT id FROM whatsapp_messages WHERE conversation_id = $1`, [taken.id])).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { ROLES, grant, outcome, seedInboxWorld, type InboxWorld, type Role } from '../../support/inbox-roles.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

/**
 * Role × action, over real HTTP against the runnable back office: what each kind of admin may
 * list, open and change, asserted on the answer and on the data it carries. Hiding a button is
 * not tested here; the server's answer is.
 */
describe('permissions: role × list/show/action over HTTP', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;
  let world: InboxWorld;

  before(async () => {
    office = await startTestBackOffice();
    world = await seedInboxWorld(office);
  });
  after(async () => office.stop());

  const get = (role: Role, path: string) => world.browsers[role].request(`/admin/api${path}`);

  describe('the conversations list shows exactly what each admin may see', () => {
    const expected: Record<Role, (keyof InboxWorld['conversations'])[] | 'forbidden'> = {
      root: ['aFree', 'aMine', 'aOther', 'bFree'],
      manager: ['aFree', 'aMine', 'aOther', 'bFree'],
      supervisor: ['aFree', 'aMine', 'aOther', 'bFree'],
      agent: ['aFree', 'aMine'],
      agentB: ['bFree'],
      outsider: 'forbidden',
    };
    for (const role of ROLES) {
      it(`${role}: ${String(expected[role])}`, async () => {
        const result = await outcome(await get(role, '/resources/whatsapp_conversations/actions/list?perPage=50'));
        const records = (result.body.records ?? []) as { id: string }[];
        const meta = result.body.meta as { total: number } | undefined;
        if (expected[role] === 'forbidden') {
          expect(result.allowed).to.equal(false);
          expect(records).to.deep.equal([]);
          return;
        }
        const ids = (expected[role] as (keyof InboxWorld['conversations'])[]).map((key) => world.conversations[key]);
        expect(records.map((record) => record.id)).to.have.members(ids);
        expect(meta?.total, 'the count agrees with the page').to.equal(ids.length);
      });
    }
  });

  it('narrows an agent’s list to mine, unassigned, unread, or a phone typed any way, never beyond what he may see', async () => {
    const ids = async (query: string) =>
      ((await outcome(await get('agent', `/resources/whatsapp_conversations/actions/list?${query}`))).body.records as { id: string }[]).map((r) => r.id);
    expect(await ids('filters.view=mine')).to.deep.equal([world.conversations.aMine]);
    expect(await ids('filters.view=unassigned')).to.deep.equal([world.conversations.aFree]);
    expect(await ids(`filters.search=${encodeURIComponent('0555 00 00 01')}`)).to.deep.equal([world.conversations.aFree]);
    expect(await ids(`filters.search=${encodeURIComponent('+213 555 000 002')}`)).to.deep.equal([world.conversations.aMine]);
    // The manager's conversation matches the phone, but the agent may not see it.
    expect(await ids(`filters.search=${encodeURIComponent('0555 00 00 03')}`)).to.deep.equal([]);
    expect(await ids('filters.search=Customer')).to.have.members([world.conversations.aFree, world.conversations.aMine]);
    expect(await ids(`filters.assigneeId=${world.admins.manager.id}`)).to.deep.equal([]);
  });

  it('answers the autocomplete search with visible conversations only', async () => {
    const result = await outcome(await get('agent', '/resources/whatsapp_conversations/actions/search'));
    const ids = (result.body.records as { id: string }[]).map((record) => record.id);
    expect(ids).to.have.members([world.conversations.aFree, world.conversations.aMine]);
  });

  describe('opening a conversation', () => {
    const visible: Record<Role, (keyof InboxWorld['conversations'])[]> = {
      root: ['aFree', 'aMine', 'aOther', 'bFree'],
      manager: ['aFree', 'aMine', 'aOther', 'bFree'],
      supervisor: ['aFree', 'aMine', 'aOther', 'bFree'],
      agent: ['aFree', 'aMine'],
      agentB: ['bFree'],
      outsider: [],
    };
    for (const role of ROLES) {
      it(`${role}: opens ${visible[role].join(', ') || 'none'} and nothing else, and a refusal carries no data`, async () => {
        for (const key of ['aFree', 'aMine', 'aOther', 'bFree'] as const) {
          const result = await outcome(await get(role, `/resources/whatsapp_conversations/records/${world.conversations[key]}/show`));
          expect(result.allowed, `${role} → ${key}`).to.equal(visible[role].includes(key));
          if (!result.allowed) {
            expect(result.text).not.to.include(world.phones[key]);
            expect(result.text).not.to.include('Customer');
          }
        }
      });
    }
  });

  describe('messages', () => {
    it('lists raw messages only for those who see every conversation', async () => {
      const allowed = await Promise.all(ROLES.map(async (role) => (await outcome(await get(role, '/resources/whatsapp_messages/actions/list'))).allowed));
      expect(Object.fromEntries(ROLES.map((role, i) => [role, allowed[i]]))).to.deep.equal({
        root: true, manager: true, supervisor: true, agent: false, agentB: false, outsider: false,
      });
    });

    it('opens one message only when its conversation is visible, and never leaks its text', async () => {
      const open = async (role: Role, key: keyof InboxWorld['messages']) =>
        outcome(await get(role, `/resources/whatsapp_messages/records/${world.messages[key]}/show`));
      expect((await open('agent', 'aFree')).allowed).to.equal(true);
      const refused = await open('agent', 'aOther');
      expect(refused.allowed).to.equal(false);
      expect(refused.text).not.to.include('secret words');
      expect((await open('agentB', 'aFree')).allowed).to.equal(false);
      expect((await open('supervisor', 'aOther')).allowed).to.equal(true);
    });

    it('lets only a visible conversation’s replier retry a message', async () => {
      await office.dataSource.query(`UPDATE whatsapp_messages SET direction = 'outbound', status = 'failed' WHERE id = $1`, [world.messages.aOther]);
      const attempt = async (role: Role) => {
        const form = new FormData();
        form.set('confirmed', 'yes');
        return outcome(
          await world.browsers[role].request(`/admin/api/resources/whatsapp_messages/records/${world.messages.aOther}/retry`, { method: 'POST', body: form }),
        );
      };
      expect((await attempt('agent')).allowed, 'not his conversation').to.equal(false);
      expect((await attempt('supervisor')).allowed, 'sees it, but may not reply').to.equal(false);
      const [{ status }] = await office.dataSource.query(`SELECT status FROM whatsapp_messages WHERE id = $1`, [world.messages.aOther]);
      expect(status, 'nothing was queued').to.equal('failed');
    });
  });

  describe('the other resources', () => {
    const cases: { name: string; path: string; allowed: Role[] }[] = [
      { name: 'contacts directory', path: '/resources/whatsapp_contacts/actions/list', allowed: ['root', 'manager', 'supervisor', 'agent', 'agentB'] },
      { name: 'audit trail list', path: '/resources/whatsapp_conversation_events/actions/list', allowed: ['root', 'manager', 'supervisor'] },
      { name: 'templates list', path: '/resources/whatsapp_templates/actions/list', allowed: ['root', 'manager', 'supervisor', 'agent', 'agentB'] },
      { name: 'template creation form', path: '/resources/whatsapp_templates/actions/new', allowed: ['root', 'manager'] },
      { name: 'B2B leads', path: '/resources/whatsapp_leads/actions/list', allowed: ['root', 'manager'] },
      { name: 'numbers (accounts)', path: '/resources/whatsapp_accounts/actions/list', allowed: ['root'] },
      { name: 'webhook events', path: '/resources/whatsapp_webhook_events/actions/list', allowed: ['root'] },
      { name: 'agents and managers', path: '/resources/whatsapp_admin_users/actions/list', allowed: ['root', 'manager'] },
      { name: 'permission changes (audit)', path: '/resources/whatsapp_permission_changes/actions/list', allowed: ['root', 'manager'] },
      { name: 'permission grants', path: '/resources/whatsapp_permission_grants/actions/list', allowed: ['root', 'manager'] },
      { name: 'colleague search (assignee pickers)', path: '/resources/whatsapp_agents/actions/search', allowed: ['root', 'manager', 'supervisor', 'agent', 'agentB'] },
      { name: 'lead search', path: '/resources/whatsapp_leads/actions/search', allowed: ['root', 'manager'] },
      { name: 'message search', path: '/resources/whatsapp_messages/actions/search', allowed: ['root', 'manager', 'supervisor'] },
    ];
    for (const { name, path, allowed } of cases) {
      it(`${name}: ${allowed.join(', ')}`, async () => {
        for (const role of ROLES) {
          const result = await outcome(await get(role, path));
          expect(result.allowed, `${role} → ${name}`).to.equal(allowed.includes(role));
          if (!result.allowed) expect((result.body.records as unknown[] | undefined) ?? []).to.deep.equal([]);
        }
      });
    }
  });

  it('opens the live stream only to those who may view an inbox', async () => {
    const opened: Record<string, number> = {};
    for (const role of ROLES) {
      const controller = new AbortController();
      const response = await world.browsers[role].request('/admin/whatsapp/live', { signal: controller.signal });
      opened[role] = response.status;
      controller.abort();
      await response.body?.cancel().catch(() => undefined);
    }
    expect(opened).to.deep.equal({ root: 200, manager: 200, supervisor: 200, agent: 200, agentB: 200, outsider: 403 });
  });

  describe('changing a conversation (POST), asserted on the data', () => {
    const post = async (role: Role, conversation: keyof InboxWorld['conversations'], action: string, fields: Record<string, string> = {}) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      return outcome(
        await world.browsers[role].request(`/admin/api/resources/whatsapp_conversations/records/${world.conversations[conversation]}/${action}`, {
          method: 'POST',
          body: form,
        }),
      );
    };
    const row = async (conversation: keyof InboxWorld['conversations']) =>
      (await office.dataSource.query(`SELECT status, assignee_id AS "assigneeId" FROM whatsapp_conversations WHERE id = $1`, [world.conversations[conversation]]))[0];
    const outbound = async (conversation: keyof InboxWorld['conversations']) =>
      (await office.dataSource.query(`SELECT count(*)::int AS n FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`, [
        world.conversations[conversation],
      ]))[0].n;

    it('reply: refused on a conversation the agent may not see, and on his own without reply rights', async () => {
      const before = { aOther: await outbound('aOther'), bFree: await outbound('bFree') };
      expect((await post('agent', 'aOther', 'reply', { text: 'bonjour' })).allowed).to.equal(false);
      expect((await post('supervisor', 'aOther', 'reply', { text: 'bonjour' })).allowed).to.equal(false);
      expect((await post('agentB', 'bFree', 'reply', { text: 'bonjour' })).allowed).to.equal(false);
      expect({ aOther: await outbound('aOther'), bFree: await outbound('bFree') }, 'nothing queued').to.deep.equal(before);
    });

    it('markRead: GET changes nothing; POST only on a conversation in view', async () => {
      const unread = async (conversation: keyof InboxWorld['conversations']) =>
        (await office.dataSource.query(`SELECT unread_count FROM whatsapp_conversations WHERE id = $1`, [world.conversations[conversation]]))[0].unread_count;
      await office.dataSource.query(`UPDATE whatsapp_conversations SET unread_count = 2 WHERE id = ANY($1::uuid[])`, [
        [world.conversations.aMine, world.conversations.aOther],
      ]);
      await world.browsers.agent.request(`/admin/api/resources/whatsapp_conversations/records/${world.conversations.aMine}/markRead`);
      expect(await unread('aMine'), 'a GET').to.equal(2);
      expect((await post('agent', 'aOther', 'markRead')).allowed).to.equal(false);
      expect(await unread('aOther')).to.equal(2);
      expect((await post('agent', 'aMine', 'markRead')).allowed).to.equal(true);
      expect(await unread('aMine')).to.equal(0);
    });

    it('assign and resolve: only with the permission on that number and the conversation in view', async () => {
      expect((await post('agentB', 'aFree', 'assign', { assigneeId: 'me' })).allowed, 'not his number').to.equal(false);
      expect((await post('supervisor', 'aFree', 'resolve')).allowed, 'sees it, may not resolve').to.equal(false);
      expect((await post('agent', 'aOther', 'resolve')).allowed, 'not his conversation').to.equal(false);
      expect(await row('aFree')).to.deep.equal({ status: 'open', assigneeId: null });
      expect(await row('aOther')).to.deep.include({ status: 'open' });
      expect((await post('agent', 'aFree', 'assign', { assigneeId: 'me' })).allowed).to.equal(true);
      expect(await row('aFree')).to.deep.equal({ status: 'open', assigneeId: world.admins.agent.id });
    });
  });

  it('applies a grant and a revocation on the very next request', async () => {
    const list = async () => (await outcome(await get('outsider', '/resources/whatsapp_conversations/actions/list'))).allowed;
    expect(await list()).to.equal(false);
    await office.dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'inbox.view', $2)`, [
      world.admins.outsider.id, world.accounts.b,
    ]);
    expect(await list()).to.equal(true);
    await office.dataSource.query(`DELETE FROM whatsapp_permission_grants WHERE agent_id = $1`, [world.admins.outsider.id]);
    expect(await list()).to.equal(false);
  });

  describe('leads, templates and contacts follow the numbers and conversations each admin sees', () => {
    type Lead = 'aFree' | 'aOther' | 'bAssigned' | 'loose';
    const leads = {} as Record<Lead, string>;
    const templates = {} as Record<'a' | 'b', string>;
    const contacts = {} as Record<keyof InboxWorld['conversations'], string>;

    before(async () => {
      const db = office.dataSource;
      // Leads are managed per number: the agent on A, agentB on B.
      await grant(db, world.admins.agent.id, 'leads.manage', world.accounts.a);
      await grant(db, world.admins.agentB.id, 'leads.manage', world.accounts.b);
      const lead = async (name: string, assigneeId: string | null = null) =>
        (await db.query(`INSERT INTO whatsapp_leads (organisation_name, email, notes, assignee_id) VALUES ($1, $2, $3, $4) RETURNING id`, [
          name, `${name.toLowerCase().replace(/\W+/g, '')}@example.com`, `notes about ${name}`, assigneeId,
        ]))[0].id as string;
      leads.aFree = await lead('Ecole Alpha');
      leads.aOther = await lead('Ecole Omega');
      leads.bAssigned = await lead('Ecole Beta', world.admins.agent.id);
      leads.loose = await lead('Ecole Libre');
      for (const [conversation, leadKey] of [['aFree', 'aFree'], ['aOther', 'aOther'], ['bFree', 'bAssigned']] as const) {
        await db.query(`UPDATE whatsapp_conversations SET lead_id = $2 WHERE id = $1`, [world.conversations[conversation], leads[leadKey]]);
      }
      const template = async (accountId: string, name: string) =>
        (await db.query(`INSERT INTO whatsapp_templates (account_id, name, language, status, components) VALUES ($1, $2, 'fr', 'APPROVED', '[]') RETURNING id`, [
          accountId, name,
        ]))[0].id as string;
      templates.a = await template(world.accounts.a, 'rappel_a');
      templates.b = await template(world.accounts.b, 'rappel_b');
      for (const key of Object.keys(world.conversations) as (keyof InboxWorld['conversations'])[]) {
        [{ contactId: contacts[key] }] = await db.query(`SELECT contact_id AS "contactId" FROM whatsapp_conversations WHERE id = $1`, [world.conversations[key]]);
      }
    });

    const listed = async (role: Role, resource: string, query = '') => {
      const result = await outcome(await get(role, `/resources/${resource}/actions/list?perPage=50${query}`));
      if (!result.allowed) return 'forbidden';
      const meta = result.body.meta as { total: number };
      const ids = (result.body.records as { id: string }[]).map((record) => record.id);
      expect(meta.total, `${role}: the count agrees with the page`).to.equal(ids.length);
      return ids.sort();
    };
    const sorted = (ids: string[]) => [...ids].sort();

    const agentsLeads = () => sorted([leads.aFree, leads.bAssigned, leads.loose]);

    it('lists the B2B leads of conversations the admin sees on numbers where he manages leads, his own, and those of no conversation', async () => {
      const all = sorted(Object.values(leads));
      expect(await listed('root', 'whatsapp_leads')).to.deep.equal(all);
      expect(await listed('manager', 'whatsapp_leads')).to.deep.equal(all);
      expect(await listed('agent', 'whatsapp_leads')).to.deep.equal(agentsLeads());
      expect(await listed('agentB', 'whatsapp_leads')).to.deep.equal(sorted([leads.bAssigned, leads.loose]));
      expect(await listed('supervisor', 'whatsapp_leads')).to.equal('forbidden');
      expect(await listed('agent', 'whatsapp_leads', '&filters.organisationName=Ecole')).to.deep.equal(agentsLeads());
    });

    it('never shows, edits or finds a lead the admin may not see, nor links one', async () => {
      for (const [role, key] of [['agent', 'aOther'], ['agentB', 'aOther'], ['agentB', 'aFree']] as const) {
        const shown = await outcome(await get(role, `/resources/whatsapp_leads/records/${leads[key]}/show`));
        expect(shown.allowed || shown.text.includes('notes about'), `${role} → ${key}`).to.equal(false);
        const form = new FormData();
        form.set('notes', 'overwritten');
        await world.browsers[role].request(`/admin/api/resources/whatsapp_leads/records/${leads[key]}/edit`, { method: 'POST', body: form });
      }
      const notes = await office.dataSource.query(`SELECT notes FROM whatsapp_leads WHERE notes = 'overwritten'`);
      expect(notes, 'no lead was edited').to.deep.equal([]);
      expect((await outcome(await get('agent', `/resources/whatsapp_leads/records/${leads.aFree}/show`))).allowed).to.equal(true);

      const search = await outcome(await get('agent', '/resources/whatsapp_leads/actions/search/ecole'));
      expect(sorted((search.body.records as { id: string }[]).map((record) => record.id))).to.deep.equal(agentsLeads());
      const linkSearch = await outcome(await get('agent', `/resources/whatsapp_conversations/records/${world.conversations.aMine}/linkLead?q=Ecole`));
      expect(sorted((linkSearch.body.leads as { id: string }[]).map((lead) => lead.id))).to.deep.equal(agentsLeads());

      const form = new FormData();
      form.set('leadId', leads.aOther);
      const linked = await outcome(
        await world.browsers.agent.request(`/admin/api/resources/whatsapp_conversations/records/${world.conversations.aMine}/linkLead`, { method: 'POST', body: form }),
      );
      expect(linked.text).to.contain('inbox.refusal.leadNotFound');
      const [{ leadId }] = await office.dataSource.query(`SELECT lead_id AS "leadId" FROM whatsapp_conversations WHERE id = $1`, [world.conversations.aMine]);
      expect(leadId).to.equal(null);
    });

    it('lists and finds the templates of the admin’s numbers only', async () => {
      expect(await listed('root', 'whatsapp_templates')).to.deep.equal(sorted([templates.a, templates.b]));
      expect(await listed('supervisor', 'whatsapp_templates')).to.deep.equal(sorted([templates.a, templates.b]));
      expect(await listed('agent', 'whatsapp_templates')).to.deep.equal([templates.a]);
      expect(await listed('agentB', 'whatsapp_templates')).to.deep.equal([templates.b]);
      const search = await outcome(await get('agent', '/resources/whatsapp_templates/actions/search/rappel'));
      expect((search.body.records as { id: string }[]).map((record) => record.id)).to.deep.equal([templates.a]);
      expect((await outcome(await get('agent', `/resources/whatsapp_templates/records/${templates.b}/show`))).allowed).to.equal(false);
    });

    it('lists, shows and renames only the contacts of conversations the admin sees', async () => {
      expect(await listed('agent', 'whatsapp_contacts')).to.deep.equal(sorted([contacts.aFree, contacts.aMine]));
      expect(await listed('agentB', 'whatsapp_contacts')).to.deep.equal([contacts.bFree]);
      expect(await listed('supervisor', 'whatsapp_contacts')).to.deep.equal(sorted(Object.values(contacts)));
      const shown = await outcome(await get('agent', `/resources/whatsapp_contacts/records/${contacts.aOther}/show`));
      expect(shown.allowed).to.equal(false);
      expect(shown.text).not.to.include(world.phones.aOther);
      const form = new FormData();
      form.set('displayName', 'Renamed');
      await world.browsers.agent.request(`/admin/api/resources/whatsapp_contacts/records/${contacts.aOther}/edit`, { method: 'POST', body: form });
      const [{ displayName }] = await office.dataSource.query(`SELECT display_name AS "displayName" FROM whatsapp_contacts WHERE id = $1`, [contacts.aOther]);
      expect(displayName, 'not renamed').to.equal(null);
      await world.browsers.agent.request(`/admin/api/resources/whatsapp_contacts/records/${contacts.aMine}/edit`, { method: 'POST', body: form });
      const [mine] = await office.dataSource.query(`SELECT display_name AS "displayName" FROM whatsapp_contacts WHERE id = $1`, [contacts.aMine]);
      expect(mine.displayName, 'his own customer is renamed').to.equal('Renamed');
    });
  });
});

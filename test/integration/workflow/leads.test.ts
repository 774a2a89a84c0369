import { expect } from 'chai';
import { createLeadFromConversation, leadPrefill } from '../../../src/conversations/create-lead-from-conversation.js';
import { linkLead } from '../../../src/conversations/link-lead.js';
import { searchLeads } from '../../../src/conversations/search-leads.js';
import { unlinkLead } from '../../../src/conversations/unlink-lead.js';
import { WorkflowRefusal } from '../../../src/conversations/workflow-refusal.js';
import { rejectionOf } from '../../support/rejection.js';
import { startWorkflowFixture, type WorkflowFixture } from './support/workflow-fixture.js';

describe('workflow: B2B leads from a conversation', function () {
  this.timeout(30_000);
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());

  const leadManager = () => f.admin('agent', [['inbox.view', f.accountId], ['leads.manage', f.accountId]]);
  const leadRow = async (id: string) =>
    (
      await f.context.dataSource.query(
        `SELECT organisation_name AS "organisationName", contact_name AS "contactName", phone_e164 AS "phoneE164", email, source, status, notes
           FROM whatsapp_leads WHERE id = $1`,
        [id],
      )
    )[0];

  it('links a lead, replaces it with another (audited with the previous one), and leaves the same lead as it is', async () => {
    const actor = await leadManager();
    const [lycee, ecole] = [await f.lead('Lycée Ibn Khaldoun'), await f.lead('École Les Oliviers')];
    const { id } = await f.conversation();
    const log = await f.listen();
    try {
      expect((await linkLead(f.context, { conversationId: id, leadId: lycee, actor })).changed).to.equal(true);
      expect((await linkLead(f.context, { conversationId: id, leadId: ecole, actor })).changed).to.equal(true);
      expect((await linkLead(f.context, { conversationId: id, leadId: ecole, actor })).changed).to.equal(false);
      expect((await f.row(id)).leadId).to.equal(ecole);
      expect(await f.events(id)).to.deep.equal([
        { kind: 'lead_linked', actorId: actor.id, details: { leadId: lycee, previousLeadId: null } },
        { kind: 'lead_linked', actorId: actor.id, details: { leadId: ecole, previousLeadId: lycee } },
      ]);
      expect(await log.settle()).to.have.length(2, 'one notification per transaction that changed the conversation');
    } finally {
      await log.stop();
    }
  });

  it('refuses a lead that does not exist, and an agent without leads.manage on the number', async () => {
    const actor = await leadManager();
    const agent = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId], ['leads.manage', f.otherAccountId]]);
    const lead = await f.lead('Lycée');
    const { id } = await f.conversation();
    await f.refused(() => linkLead(f.context, { conversationId: id, leadId: '00000000-0000-4000-8000-000000000000', actor }), id, 'lead-not-found');
    await f.refused(() => linkLead(f.context, { conversationId: id, leadId: 'garbage', actor }), id, 'lead-not-found');
    await f.refused(() => linkLead(f.context, { conversationId: id, leadId: lead, actor: agent }), id, 'not-allowed');
  });

  it('unlinks the lead, which stays in the CRM; nothing to do when there is none', async () => {
    const actor = await leadManager();
    const lead = await f.lead('Lycée');
    const { id } = await f.conversation({ leadId: lead });
    expect((await unlinkLead(f.context, { conversationId: id, actor })).changed).to.equal(true);
    expect((await unlinkLead(f.context, { conversationId: id, actor })).changed).to.equal(false);
    expect((await f.row(id)).leadId).to.equal(null);
    expect(await leadRow(lead)).to.include({ organisationName: 'Lycée' });
    expect(await f.events(id)).to.deep.equal([{ kind: 'lead_unlinked', actorId: actor.id, details: { leadId: lead } }]);
  });

  it('creates a lead from the conversation: checked, phone as E.164, linked, audited, announced; the contact now known as it', async () => {
    const actor = await leadManager();
    const { id, contactId } = await f.conversation();
    const log = await f.listen();
    try {
      const outcome = await createLeadFromConversation(f.context, {
        conversationId: id,
        lead: { organisationName: '  Lycée Ibn Khaldoun ', contactName: 'Amina', phoneE164: '0555 12 34 56', email: 'amina@lycee.dz', notes: 'Wants 30 seats', status: 'contacted' },
        actor,
      });
      expect(outcome.changed).to.equal(true);
      expect(await leadRow(outcome.leadId)).to.deep.equal({
        organisationName: 'Lycée Ibn Khaldoun',
        contactName: 'Amina',
        phoneE164: '+213555123456',
        email: 'amina@lycee.dz',
        source: 'whatsapp',
        status: 'contacted',
        notes: 'Wants 30 seats',
      });
      expect((await f.row(id)).leadId).to.equal(outcome.leadId);
      expect(await f.events(id)).to.deep.equal([{ kind: 'lead_created', actorId: actor.id, details: { leadId: outcome.leadId } }]);
      expect(await log.settle()).to.deep.equal([{ kind: 'conversation.updated', accountId: f.accountId, conversationId: id }]);
      const [contact] = await f.context.dataSource.query(
        `SELECT crm_record_type AS type, crm_record_id AS "recordId", crm_record_label AS label FROM whatsapp_contacts WHERE id = $1`,
        [contactId],
      );
      expect(contact).to.deep.equal({ type: 'b2b_lead', recordId: outcome.leadId, label: 'Lycée Ibn Khaldoun (Amina)' });
    } finally {
      await log.stop();
    }
  });

  it('refuses a lead form it cannot store, or a second lead on a linked conversation, and creates nothing', async () => {
    const actor = await leadManager();
    const leads = async () => Number((await f.context.dataSource.query(`SELECT count(*) AS n FROM whatsapp_leads`))[0].n);
    const { id } = await f.conversation();
    const before = await leads();
    await f.refused(() => createLeadFromConversation(f.context, { conversationId: id, lead: { organisationName: '   ' }, actor }), id, 'lead-organisation-required');
    const phone = await f.refused(
      () => createLeadFromConversation(f.context, { conversationId: id, lead: { organisationName: 'X', phoneE164: '12' }, actor }),
      id,
      'lead-invalid-phone',
    );
    expect(phone.params).to.deep.equal({ phone: '12' });
    await f.refused(() => createLeadFromConversation(f.context, { conversationId: id, lead: { organisationName: 'X', email: 'nope' }, actor }), id, 'lead-invalid-email');
    await f.refused(() => createLeadFromConversation(f.context, { conversationId: id, lead: { organisationName: 'X', status: 'hot' }, actor }), id, 'lead-invalid-choice');
    await f.refused(
      () => createLeadFromConversation(f.context, { conversationId: id, lead: { organisationName: 'X'.repeat(301) }, actor }),
      id,
      'lead-field-too-long',
    );
    expect(await leads()).to.equal(before);

    const linked = await f.conversation({ leadId: await f.lead('Existing') });
    await f.refused(() => createLeadFromConversation(f.context, { conversationId: linked.id, lead: { organisationName: 'Twice' }, actor }), linked.id, 'lead-already-linked');
    expect(await leads()).to.equal(before + 1);
  });

  it('prefills the form from the contact, the customer\'s first words and the intent, for whom may create leads', async () => {
    const actor = await leadManager();
    const { id } = await f.conversation({ waId: '213555400001', intent: 'school' });
    await f.context.dataSource.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status, created_at) VALUES
         ($1, 'wamid.p1', 'inbound', 'text', 'We are a private school', 'received', now() - interval '2 minutes'),
         ($1, 'wamid.p2', 'inbound', 'text', 'Any news?', 'received', now())`,
      [id],
    );
    expect(await leadPrefill(f.context, { conversationId: id, actor })).to.deep.equal({
      organisationName: '',
      contactName: 'Amina',
      phoneE164: '+213555400001',
      email: '',
      source: 'whatsapp',
      status: 'new',
      notes: 'We are a private school',
      intent: 'school',
    });
    const outsider = await f.admin('agent', [['leads.manage', f.otherAccountId], ['inbox.view', f.otherAccountId]]);
    expect((await rejectionOf(leadPrefill(f.context, { conversationId: id, actor: outsider }), WorkflowRefusal)).reason).to.equal('not-visible');
  });

  describe('searching leads', () => {
    let ids: Record<string, string>;
    before(async () => {
      ids = {
        algiers: await f.lead('Institut Ibn Rochd', '+213555987654', 'Karim Benali'),
        mexico: await f.lead('Colegio Azteca', '+525512345678', null),
        wildcard: await f.lead('Académie 100% Sciences', null, 'Nadia'),
      };
    });
    const search = async (q: string) => searchLeads(f.context, { q, actor: await f.admin('manager') });
    const found = async (q: string) => (await search(q)).map((lead) => lead.id);

    it('finds by organisation or contact name, in any case', async () => {
      expect(await found('ibn roch')).to.deep.equal([ids.algiers]);
      expect(await found('BENALI')).to.deep.equal([ids.algiers]);
      const [lead] = await search('azteca');
      expect(lead).to.deep.equal({ id: ids.mexico, organisation: 'Colegio Azteca', name: null, phone: '+525512345678', email: null, status: 'new' });
    });

    it('finds by phone however it is typed: national, international, 00, Mexico\'s 521, or a fragment', async () => {
      for (const typed of ['0555 98 76 54', '+213 555 98 76 54', '00213555987654', '213555987654', '98 76 54']) {
        expect(await found(typed), typed).to.deep.equal([ids.algiers]);
      }
      expect(await found('+52 1 55 1234 5678')).to.deep.equal([ids.mexico]);
    });

    it('takes % and _ literally', async () => {
      expect(await found('100%')).to.deep.equal([ids.wildcard]);
      expect(await found('%')).to.deep.equal([ids.wildcard]);
      expect(await found('_')).to.deep.equal([]);
    });

    it('lists the latest leads without a query, and refuses an agent without leads.manage', async () => {
      expect(await found('')).to.include.members([ids.algiers, ids.mexico, ids.wildcard]);
      const agent = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]]);
      expect((await rejectionOf(searchLeads(f.context, { q: 'Lycée', actor: agent }), WorkflowRefusal)).reason).to.equal('not-allowed');
    });
  });
});

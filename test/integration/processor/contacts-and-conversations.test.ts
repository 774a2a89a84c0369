import { expect } from 'chai';
import pg from 'pg';
import { buildDelivery, newWamid, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import type { ContactMatcher } from '../../../src/plugin-options.js';
import { INBOX_CHANNEL, type InboxNotification } from '../../../src/db/notify.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { count, deliver, messageByWamid } from './support/deliveries.js';
import { waitFor } from './support/wait-for.js';

describe('processor: contacts, CRM matching, keyword routing and conversations', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());

  const db = () => t.db.dataSource;
  const contacts = () =>
    db().query(`SELECT wa_id, user_id, phone_e164, profile_name, crm_record_type, crm_record_id, crm_record_label FROM whatsapp_contacts ORDER BY created_at`);

  it('finds one person under their BR 9th-digit, MX 521 and AR 549 spellings, and keeps the one Meta uses', async () => {
    for (const [first, second] of [
      ['5511987654321', '551187654321'],
      ['5215512345678', '525512345678'],
    ]) {
      await deliver(t.context, buildDelivery('text', { from: first }));
      await deliver(t.context, buildDelivery('text', { from: second }));
    }
    // Argentina: a contact the CRM side stored as 54…; WhatsApp reports the mobile as 549….
    const [account] = await db().query(`SELECT id FROM whatsapp_accounts`);
    await db().query(`INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164) VALUES ($1, '541123456789', '+541123456789')`, [account.id]);
    await deliver(t.context, buildDelivery('text', { from: '5491123456789' }));

    const rows = await contacts();
    expect(rows.map((r: { wa_id: string }) => r.wa_id)).to.deep.equal(['551187654321', '525512345678', '5491123456789']);
    expect(rows.map((r: { phone_e164: string }) => r.phone_e164)).to.deep.equal(['+551187654321', '+525512345678', '+541123456789']);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(3);
  });

  it('stores a username-only customer by BSUID, then recognises them when their phone appears', async () => {
    const usernameOnly = (wamid: string, withPhone: boolean): WebhookDelivery => {
      const delivery = buildDelivery('text', { wamid });
      const { value } = delivery.entry[0]!.changes[0]!;
      const message = (value.messages as Record<string, unknown>[])[0]!;
      value.contacts = [{ profile: { name: 'Nadia', username: '@nadia' }, user_id: 'DZ.1349872345', ...(withPhone ? { wa_id: '213555000301' } : {}) }];
      if (!withPhone) delete message.from;
      else message.from = '213555000301';
      message.from_user_id = 'DZ.1349872345';
      return delivery;
    };
    const first = newWamid();
    await deliver(t.context, usernameOnly(first, false));
    expect(await messageByWamid(db(), first)).to.not.equal(undefined);
    expect(await contacts()).to.deep.equal([
      { wa_id: null, user_id: 'DZ.1349872345', phone_e164: null, profile_name: 'Nadia', crm_record_type: null, crm_record_id: null, crm_record_label: null },
    ]);
    await deliver(t.context, usernameOnly(newWamid(), false));
    await deliver(t.context, usernameOnly(newWamid(), true));
    const [contact] = await contacts();
    expect(contact).to.include({ wa_id: '213555000301', user_id: 'DZ.1349872345', phone_e164: '+213555000301' });
    expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(1);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(1);
  });

  it('keeps the profile name up to date, and a late redelivery does not bring an old name back', async () => {
    const from = '213555000302';
    const old = buildDelivery('text', { from, name: 'Amina', timestamp: 1763712000 });
    await deliver(t.context, old);
    await deliver(t.context, buildDelivery('text', { from, name: 'Amina B.', timestamp: 1763712100 }));
    expect((await contacts())[0].profile_name).to.equal('Amina B.');
    await deliver(t.context, old);
    await deliver(t.context, buildDelivery('text', { from, name: 'Amina', timestamp: 1763712050 }));
    expect((await contacts())[0].profile_name).to.equal('Amina B.');
  });

  it('stores the CRM record a host matcher recognises, falls back to B2B leads, and survives a broken matcher', async () => {
    await db().query(`INSERT INTO whatsapp_leads (organisation_name, contact_name, phone_e164) VALUES ('Lycée Ibn Khaldoun', 'Karim', '+5511987654321')`);
    const broken: ContactMatcher = async (_phone, { manager }) => {
      await manager.query(`SELECT * FROM no_such_table`);
      return null;
    };
    const organisations: ContactMatcher = async (phone) => (phone === '+213555000303' ? { type: 'organisation', id: '42', label: 'École Les Oliviers' } : null);
    t.context.options.contactMatchers = [broken, organisations];

    await deliver(t.context, buildDelivery('text', { from: '213555000303' }));
    await deliver(t.context, buildDelivery('text', { from: '551187654321' }));
    const [school, lead] = await contacts();
    expect(school).to.include({ crm_record_type: 'organisation', crm_record_id: '42', crm_record_label: 'École Les Oliviers' });
    expect(lead).to.include({ crm_record_type: 'b2b_lead', crm_record_label: 'Lycée Ibn Khaldoun (Karim)' });
  });

  it('labels the conversation from keywords and creates one B2B lead for an organisation, with an audit trail', async () => {
    const from = '213555000304';
    await deliver(t.context, buildDelivery('text', { from, name: 'Mme Benali', text: 'Bonjour', timestamp: 1763712000 }));
    await deliver(t.context, buildDelivery('text', { from, name: 'Mme Benali', text: 'Nous sommes une école privée à Oran', timestamp: 1763712010 }));
    await deliver(t.context, buildDelivery('text', { from, name: 'Mme Benali', text: 'Et une entreprise aussi', timestamp: 1763712020 }));

    const [conversation] = await db().query(`SELECT id, intent, lead_id FROM whatsapp_conversations`);
    expect(conversation).to.include({ intent: 'school' });
    // The intent is shown as the intent: it is not copied into the labels agents manage.
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_labels`)).to.equal(0);
    const leads = await db().query(`SELECT id, organisation_name, contact_name, phone_e164, source, notes FROM whatsapp_leads`);
    // No organisation known: the lead is the person's, named once ("Mme Benali", not "Mme Benali — Mme Benali").
    expect(leads).to.deep.equal([
      { id: conversation.lead_id, organisation_name: 'Mme Benali', contact_name: null, phone_e164: '+213555000304', source: 'whatsapp', notes: 'Bonjour' },
    ]);
    const trail = await db().query(`SELECT kind, details FROM whatsapp_conversation_events WHERE conversation_id = $1 ORDER BY created_at, kind`, [conversation.id]);
    expect(trail.map((e: { kind: string }) => e.kind)).to.deep.equal(['opened', 'intent_detected', 'lead_created']);
    expect(trail[1].details).to.include({ intent: 'school' });
  });

  it('names a lead after the organisation the CRM matched the number to, the person being its contact', async () => {
    t.context.options.contactMatchers = [async (phone) => (phone === '+213555000307' ? { type: 'organisation', id: '7', label: 'Lycée Ibn Khaldoun' } : null)];
    await deliver(t.context, buildDelivery('text', { from: '213555000307', name: 'Amina Belkacem', text: 'Nous sommes une école, nous voudrions un devis' }));
    const leads = await db().query(`SELECT organisation_name, contact_name FROM whatsapp_leads`);
    expect(leads).to.deep.equal([{ organisation_name: 'Lycée Ibn Khaldoun', contact_name: 'Amina Belkacem' }]);
  });

  it('routes with the host’s own keyword rules when given, and creates no lead for an intent that is not an organisation', async () => {
    t.context.options.keywordRules = [{ intent: 'after_sales', keywords: ['panne', 'عطل'] }];
    await deliver(t.context, buildDelivery('text', { from: '213555000306', text: 'Mon école a une panne de tablette' }));
    const [conversation] = await db().query(`SELECT intent, lead_id FROM whatsapp_conversations`);
    expect(conversation).to.deep.equal({ intent: 'after_sales', lead_id: null });
    expect(await count(db(), `SELECT 1 FROM whatsapp_leads`)).to.equal(0);
  });

  it('creates the lead once when an organisation’s messages are processed concurrently', async () => {
    const from = '213555000305';
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        deliver(t.context, buildDelivery('text', { from, text: `Notre université voudrait un partenariat (${i})`, timestamp: 1763712000 + i })),
      ),
    );
    expect(await count(db(), `SELECT 1 FROM whatsapp_leads`)).to.equal(1);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(1);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_events WHERE kind = 'lead_created'`)).to.equal(1);
  });

  it('links the lead the CRM already has for that phone instead of creating another', async () => {
    const [lead] = await db().query(`INSERT INTO whatsapp_leads (organisation_name, phone_e164) VALUES ('Institut Pasteur', '+213555000306') RETURNING id`);
    await deliver(t.context, buildDelivery('text', { from: '213555000306', text: 'Bonjour, ici l’institut' }));
    const [conversation] = await db().query(`SELECT lead_id FROM whatsapp_conversations`);
    expect(conversation.lead_id).to.equal(lead.id);
    expect(await count(db(), `SELECT 1 FROM whatsapp_leads`)).to.equal(1);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_events WHERE kind = 'lead_linked'`)).to.equal(1);
  });

  it('puts an album of 10 images processed concurrently into one conversation', async () => {
    const from = '213555000307';
    const wamids = Array.from({ length: 10 }, () => newWamid());
    const outcomes = await Promise.all(wamids.map((wamid, i) => deliver(t.context, buildDelivery('image', { from, wamid, timestamp: 1763712000 + i }))));
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(Array(10).fill('processed'));
    const conversations = await db().query(`SELECT id, unread_count FROM whatsapp_conversations`);
    expect(conversations).to.have.length(1);
    expect(conversations[0].unread_count).to.equal(10);
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE conversation_id = $1`, [conversations[0].id])).to.equal(10);
    expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(1);
  });

  it('reopens a resolved conversation on a new message, or starts a new one when so configured', async () => {
    const from = '213555000308';
    await deliver(t.context, buildDelivery('text', { from }));
    await db().query(`UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = now(), unread_count = 0`);
    await deliver(t.context, buildDelivery('text', { from }));
    let conversations = await db().query(`SELECT status, unread_count, resolved_at FROM whatsapp_conversations`);
    expect(conversations).to.deep.equal([{ status: 'open', unread_count: 1, resolved_at: null }]);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_events WHERE kind = 'reopened'`)).to.equal(1);

    t.context.options.onInboundToResolved = 'new-conversation';
    await db().query(`UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = now()`);
    await deliver(t.context, buildDelivery('text', { from }));
    conversations = await db().query(`SELECT status FROM whatsapp_conversations ORDER BY created_at`);
    expect(conversations).to.deep.equal([{ status: 'resolved' }, { status: 'open' }]);
  });

  it('announces each change with a small NOTIFY, delivered on commit', async () => {
    const listener = new pg.Client({ connectionString: t.db.url });
    await listener.connect();
    const received: InboxNotification[] = [];
    listener.on('notification', (n) => {
      expect(Buffer.byteLength(n.payload ?? '')).to.be.below(8000);
      received.push(JSON.parse(n.payload!));
    });
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      const wamid = newWamid();
      await deliver(t.context, buildDelivery('text', { wamid, from: '213555000309' }));
      const message = (await messageByWamid(db(), wamid))!;
      const [account] = await db().query(`SELECT id FROM whatsapp_accounts`);
      await waitFor('the message notification', async () => received.some((n) => n.kind === 'message.created'));
      expect(received).to.deep.include({ kind: 'message.created', accountId: account.id, conversationId: message.conversationId, messageId: message.id });
      expect(received).to.deep.include({ kind: 'conversation.updated', accountId: account.id, conversationId: message.conversationId });
    } finally {
      await listener.end();
    }
  });
});

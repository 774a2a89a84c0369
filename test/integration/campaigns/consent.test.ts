import { expect } from 'chai';
import { enrollContacts } from '../../../src/campaigns/enroll-contacts.js';
import { importBroadcastCsv } from '../../../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../../../src/campaigns/launch-broadcast.js';
import { runDueEnrollments } from '../../../src/campaigns/run-enrollments.js';
import { saveBroadcast } from '../../../src/campaigns/save-broadcast.js';
import { saveSequence } from '../../../src/campaigns/save-sequence.js';
import { sendTemplate } from '../../../src/conversations/send-template.js';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { deliver } from '../processor/support/deliveries.js';
import { PROMO, REMINDER, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

const CUSTOMER = '213661000077';

describe('consent: keywords stop and resume marketing, and every send path refuses marketing to a stopped contact', () => {
  let h: CampaignHarness;
  let promo: string;
  beforeEach(async () => {
    h = await startCampaignHarness();
    promo = await h.template(PROMO);
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;
  // Each message a second after the previous one (Meta's timestamps are in seconds; consent follows their order).
  let clock = Math.floor(Date.now() / 1000) - 600;
  const says = (text: string) =>
    deliver(h.context, buildDelivery('text', { phoneNumberId: TEST_ACCOUNT.phoneNumberId, wabaId: TEST_ACCOUNT.wabaId, from: CUSTOMER, text, timestamp: ++clock }));
  const contact = async () => (await db().query(`SELECT id, marketing_opted_out_at, marketing_consent_source FROM whatsapp_contacts WHERE wa_id = $1`, [CUSTOMER]))[0];
  const outbound = async () =>
    (await db().query(`SELECT body FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE ct.wa_id = $1 AND m.direction = 'outbound' ORDER BY m.created_at`, [CUSTOMER])).map((row: { body: string }) => row.body);

  for (const [stop, start, confirmation] of [
    ['STOP', 'start', /no longer receive promotional messages/],
    ['  Arrêt ! ', 'REPRENDRE', /ne recevrez plus nos messages promotionnels/],
    ['توقّف', 'ابدأ', /لن تصلك رسائلنا الترويجية/],
  ] as const) {
    it(`stops marketing on “${stop.trim()}” and resumes on “${start}”, through the one consent function, confirming in the customer’s language`, async () => {
      await says(stop);
      const stopped = await contact();
      expect(stopped.marketing_opted_out_at).to.be.instanceOf(Date);
      expect(stopped.marketing_consent_source).to.equal('keyword');
      const [audit] = await db().query(
        `SELECT e.kind, e.details FROM whatsapp_conversation_events e JOIN whatsapp_conversations c ON c.id = e.conversation_id WHERE c.contact_id = $1 AND e.kind LIKE 'marketing%'`,
        [stopped.id],
      );
      expect(audit).to.deep.include({ kind: 'marketing_opted_out' });
      expect((await outbound())[0]).to.match(confirmation);

      await says(stop);
      expect(await outbound(), 'a second STOP changes nothing and is not answered again').to.have.length(1);
      await says(start);
      expect((await contact()).marketing_opted_out_at).to.equal(null);
      expect(await outbound()).to.have.length(2);
    });
  }

  it('takes a keyword inside a sentence for a customer talking, not an instruction', async () => {
    await says('please do not stop sending me your offers');
    expect((await contact()).marketing_opted_out_at).to.equal(null);
    expect(await outbound()).to.have.length(0);
  });

  it('refuses marketing to a stopped contact from the inbox, a broadcast and a sequence, before Meta', async () => {
    await says('STOP');
    const { id: contactId } = await contact();
    const [{ id: conversationId }] = await db().query(`SELECT id FROM whatsapp_conversations WHERE contact_id = $1`, [contactId]);
    await h.drainSendJobs();
    const before = h.sandbox.log.entries({ endpoint: 'messages' }).length;

    // The inbox (and the API, which calls the same use case).
    const refused = await sendTemplate(h.context, { conversationId, templateId: promo, values: { 'body:1': 'Amina', 'body:2': 'x' }, actor: null }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(OutboundRefusal).and.to.have.property('reason', 'marketing-opted-out');

    // A broadcast: skipped at launch with the reason.
    const broadcastId = await saveBroadcast(h.context, null, {
      accountId: h.accountId, name: 'Promo', templateId: promo, audience: null, messagesPerSecond: null, useMarketingApi: false, scheduledAt: null,
      parameters: { 'body:1': { source: 'text', text: 'Amina' }, 'body:2': { source: 'text', text: 'x' } },
    });
    await importBroadcastCsv(h.context, null, broadcastId, h.csv(`phone\n+${CUSTOMER}\n0661000078\n`), 'r.csv');
    await launchBroadcast(h.context, null, broadcastId);
    await h.feedAll(broadcastId);
    expect((await h.recipients(broadcastId)).map((r) => [r.wa_id, r.skip_reason])).to.deep.equal([[CUSTOMER, 'opted-out'], ['213661000078', null]]);

    // A sequence: the contact leaves it at the marketing step.
    const reminder = await h.template(REMINDER);
    const sequenceId = await saveSequence(h.context, null, {
      accountId: h.accountId, name: 'Relance', status: 'active', exitOnReply: false, exitOnResolve: false, triggers: [],
      steps: [
        { id: 'promo', kind: 'template', templateId: promo, parameters: { 'body:1': { source: 'contact', field: 'phone' }, 'body:2': { source: 'text', text: 'x' } } },
        { id: 'rappel', kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: 'demain' } } },
      ],
    });
    const { enrolled } = await enrollContacts(h.context, null, { sequenceId, contactIds: [contactId], source: 'manual' });
    await runDueEnrollments(h.context);
    const [enrollment] = await db().query(`SELECT status, exit_reason FROM whatsapp_sequence_enrollments WHERE id = $1`, [enrolled[0]]);
    expect(enrollment).to.deep.equal({ status: 'exited', exit_reason: 'opted-out' });

    await h.drainSendJobs();
    const sent = h.sandbox.log.entries({ endpoint: 'messages' }).slice(before).map((e) => (e.body as { to: string }).to);
    expect(sent).to.deep.equal(['213661000078']);
  });
});

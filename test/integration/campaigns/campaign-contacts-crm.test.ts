import { expect } from 'chai';
import { enrollContacts } from '../../../src/campaigns/enroll-contacts.js';
import { importBroadcastCsv } from '../../../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../../../src/campaigns/launch-broadcast.js';
import { saveBroadcast } from '../../../src/campaigns/save-broadcast.js';
import { saveSequence } from '../../../src/campaigns/save-sequence.js';
import type { ContactMatcher } from '../../../src/config/host-types.js';
import { REMINDER, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

/**
 * A phone a campaign reaches first becomes a contact matched to the host's CRM record at once,
 * as when the customer writes first: the agent who gets the reply sees the record.
 */
describe('campaign contacts are matched to the host’s CRM record when they are created', () => {
  let h: CampaignHarness;
  let reminder: string;
  /** The phones the host's matcher was asked about, in order. */
  let asked: string[];
  const organisations: ContactMatcher = async (phone) => {
    asked.push(phone);
    return phone === '+213555000701' || phone === '+213555000702'
      ? { type: 'organisation', id: phone.slice(-3), label: `École ${phone.slice(-3)}`, fields: { city: 'Oran' } }
      : null;
  };
  beforeEach(async () => {
    h = await startCampaignHarness();
    reminder = await h.template(REMINDER);
    asked = [];
    h.context.options.contactMatchers = [organisations];
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;
  const contactOf = async (waId: string) =>
    (await db().query(`SELECT crm_record_type, crm_record_id, crm_record_label, crm_record_fields FROM whatsapp_contacts WHERE wa_id = $1`, [waId]))[0];

  it('links a contact a CSV broadcast creates to the record the host’s matcher knows, once, and leaves an unknown phone unlinked', async () => {
    const id = await saveBroadcast(h.context, null, {
      accountId: h.accountId, name: 'Rappel', templateId: reminder, audience: null,
      parameters: { 'body:1': { source: 'text', text: 'demain' } }, messagesPerSecond: null, useMarketingApi: false, scheduledAt: null,
    });
    await importBroadcastCsv(h.context, null, id, h.csv('phone\n0555 00 07 01\n0555 00 07 09\n'), 'rappel.csv');
    await launchBroadcast(h.context, null, id);
    expect(await h.feedAll(id)).to.not.equal('stopped');

    expect(await contactOf('213555000701')).to.deep.equal({
      crm_record_type: 'organisation', crm_record_id: '701', crm_record_label: 'École 701', crm_record_fields: { city: 'Oran' },
    });
    expect(await contactOf('213555000709')).to.include({ crm_record_type: null });
    expect(asked).to.deep.equal(['+213555000701', '+213555000709']);
    // The message's conversation shows the record to the agent who gets the reply.
    const [message] = await db().query(
      `SELECT ct.crm_record_label FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
         JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = '213555000701'`,
    );
    expect(message).to.deep.equal({ crm_record_label: 'École 701' });
  });

  it('links a contact an enrolment by phone creates, and never matches an existing contact again', async () => {
    const { contactId: existing } = await h.conversation({ waId: '213555000702' });
    const sequence = await saveSequence(h.context, null, {
      accountId: h.accountId, name: 'Relance', status: 'active', triggers: [], exitOnReply: false, exitOnResolve: false,
      steps: [{ id: 'first', kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: 'demain' } } }],
    });
    const result = await enrollContacts(h.context, null, { sequenceId: sequence, phones: ['+213 555 00 07 01', '0555000702'], source: 'bulk' });
    expect(result).to.deep.include({ alreadyActive: 0, notFound: 0 });
    expect(result.enrolled).to.have.length(2);

    expect(await contactOf('213555000701')).to.include({ crm_record_type: 'organisation', crm_record_id: '701' });
    // The contact the number already knew keeps what it had (nothing here): matching is for new contacts only.
    expect(await contactOf('213555000702')).to.include({ crm_record_type: null });
    expect(asked).to.deep.equal(['+213555000701']);
    const [{ count }] = await db().query(`SELECT count(*)::int AS count FROM whatsapp_contacts WHERE id = $1 OR wa_id = '213555000702'`, [existing]);
    expect(count).to.equal(1);
  });
});

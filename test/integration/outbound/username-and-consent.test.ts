import { expect } from 'chai';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { reply } from '../../../src/conversations/reply.js';
import { sendTemplate } from '../../../src/conversations/send-template.js';
import { sendQueuedMessage } from '../../../src/delivery/send-queued-message.js';
import { setMarketingConsent } from '../../../src/contacts/set-marketing-consent.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';

const template = (name: string, category: string) => ({ name, language: 'fr', category, components: [{ type: 'BODY', text: `Bonjour (${name})` }] });

describe('outbound: username customers, marketing consent and blocked numbers, checked before Meta', () => {
  let h: OutboundHarness;
  beforeEach(async () => {
    h = await startOutboundHarness({
      sandbox: { templates: { [TEST_ACCOUNT.wabaId]: [template('promo_rentree', 'MARKETING'), template('code_acces', 'AUTHENTICATION'), template('rappel', 'UTILITY')] } },
    });
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;

  async function storedTemplate(name: string, category: string): Promise<string> {
    const [row] = await db().query(
      `INSERT INTO whatsapp_templates (account_id, name, language, category, status, components) VALUES ($1, $2, 'fr', $3, 'APPROVED', $4) RETURNING id`,
      [h.accountId, name, category, JSON.stringify(template(name, category).components)],
    );
    return row.id;
  }
  async function usernameConversation(): Promise<{ conversationId: string; contactId: string }> {
    const [contact] = await db().query(`INSERT INTO whatsapp_contacts (account_id, user_id, username) VALUES ($1, 'US.13491208655302741918', '@nadia') RETURNING id`, [h.accountId]);
    const [conversation] = await db().query(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, last_inbound_at) VALUES ($1, $2, now() - interval '1 hour') RETURNING id`,
      [h.accountId, contact.id],
    );
    return { conversationId: conversation.id, contactId: contact.id };
  }
  async function refusal(promise: Promise<unknown>): Promise<OutboundRefusal> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(OutboundRefusal);
    return error as OutboundRefusal;
  }

  it('answers a username-only customer through `recipient` (their BSUID), never `to`', async () => {
    const { conversationId } = await usernameConversation();
    const message = await reply(h.context, { conversationId, text: 'Bonjour Nadia', actor: null });
    await h.takeSendJobs(message.id);
    expect(await sendQueuedMessage(h.context, message.id, h.settings)).to.have.property('outcome', 'sent');
    const body = h.sandbox.log.last('messages')!.body as Record<string, unknown>;
    expect(body).to.include({ recipient: 'US.13491208655302741918', recipient_type: 'individual' });
    expect(body).to.not.have.property('to');
  });

  it('refuses an authentication template to a username-only customer before calling Meta (131062)', async () => {
    const { conversationId } = await usernameConversation();
    const templateId = await storedTemplate('code_acces', 'AUTHENTICATION');
    const refused = await refusal(sendTemplate(h.context, { conversationId, templateId, values: {}, actor: null }));
    expect(refused).to.include({ reason: 'authentication-to-username', key: 'outbound.failure.authenticationToUsername' });
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(0);
  });

  it('refuses a marketing template to a contact who stopped marketing, at once and in the send job (reason stored on the message)', async () => {
    const { conversationId, contactId } = await h.conversation();
    const promo = await storedTemplate('promo_rentree', 'MARKETING');
    const utility = await storedTemplate('rappel', 'UTILITY');
    // Queued while the customer still accepted marketing; they stop before the job runs.
    const queued = await sendTemplate(h.context, { conversationId, templateId: promo, values: {}, actor: null });
    await h.takeSendJobs(queued.id);
    await db().transaction((manager) => setMarketingConsent(manager, contactId, true, 'user_preferences'));

    expect(await sendQueuedMessage(h.context, queued.id, h.settings)).to.deep.include({ outcome: 'failed', code: 131050, explanationKey: 'outbound.failure.marketingOptedOut' });
    expect(await h.message(queued.id)).to.include({ status: 'failed', error_explanation_key: 'outbound.failure.marketingOptedOut' });
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(0);

    const refused = await refusal(sendTemplate(h.context, { conversationId, templateId: promo, values: {}, actor: null }));
    expect(refused).to.include({ reason: 'marketing-opted-out', key: 'outbound.failure.marketingOptedOut' });
    // A utility template still goes.
    expect((await sendTemplate(h.context, { conversationId, templateId: utility, values: {}, actor: null })).status).to.equal('queued');
  });

  it('maps Meta’s 131050 to the contact’s consent when Meta says it first', async () => {
    const { conversationId, contactId } = await h.conversation();
    const promo = await storedTemplate('promo_rentree', 'MARKETING');
    const queued = await sendTemplate(h.context, { conversationId, templateId: promo, values: {}, actor: null });
    await h.takeSendJobs(queued.id);
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 131050 } });
    expect(await sendQueuedMessage(h.context, queued.id, h.settings)).to.have.property('outcome', 'failed');
    const [contact] = await db().query(`SELECT marketing_opted_out_at, marketing_consent_source FROM whatsapp_contacts WHERE id = $1`, [contactId]);
    expect(contact.marketing_consent_source).to.equal('meta_131050');
    expect(contact.marketing_opted_out_at).to.be.instanceOf(Date);
    expect(await db().query(`SELECT kind FROM whatsapp_conversation_events WHERE conversation_id = $1`, [conversationId])).to.deep.equal([{ kind: 'marketing_opted_out' }]);
  });

  it('a banned number sends nothing, with the reason, until it is reinstated', async () => {
    const { conversationId } = await h.conversation();
    const queued = await reply(h.context, { conversationId, text: 'Bonjour', actor: null });
    await h.takeSendJobs(queued.id);
    await db().query(`UPDATE whatsapp_accounts SET blocked_at = now(), blocked_reason_key = 'accountHealth.blocked.banned', blocked_details = 'DISABLE'`);
    expect(await sendQueuedMessage(h.context, queued.id, h.settings)).to.deep.include({ outcome: 'failed', explanationKey: 'accountHealth.blocked.banned' });
    const refused = await refusal(reply(h.context, { conversationId, text: 'Encore', actor: null }));
    expect(refused).to.include({ reason: 'number-blocked', key: 'accountHealth.blocked.banned' });
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(0);
  });
});

import { expect } from 'chai';
import { buildDelivery, newWamid, SIMULATION_KINDS, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { processWebhookEvents } from '../../../src/inbound/process-webhook-event.js';
import { createTestPluginContext, TEST_ACCOUNT, type TestPluginContext } from '../../support/plugin-context.js';
import { count, deliver, eventRow, insertOutboundMessage, messageByWamid, storeDelivery } from './support/deliveries.js';

/*
 * Regression tests for the bugs found by feeding the webhook real payloads, and one test per
 * kind Meta sends in 2026, each from a payload shaped as Meta documents it.
 */

const metadata = { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, phone_number_id: TEST_ACCOUNT.phoneNumberId };
const T0 = 1763712000;

function envelope(field: string, value: Record<string, unknown>, time?: number): string {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: TEST_ACCOUNT.wabaId, ...(time ? { time } : {}), changes: [{ field, value }] }] });
}

const messagesValue = (value: Record<string, unknown>) => ({ messaging_product: 'whatsapp', metadata, ...value });

describe('processor: every payload Meta sends in 2026', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());
  const db = () => t.db.dataSource;
  const contacts = () => db().query(`SELECT wa_id, user_id, username, profile_name, display_name FROM whatsapp_contacts ORDER BY created_at, id`);

  describe('bugs', () => {
    it('1. two username customers with "wa_id": "" and "from": "" stay two contacts, each known by their BSUID', async () => {
      const usernameDelivery = (userId: string, name: string, body: string) =>
        envelope(
          'messages',
          messagesValue({
            contacts: [{ profile: { name, username: `@${name.toLowerCase()}` }, wa_id: '', user_id: userId }],
            messages: [{ from: '', from_user_id: userId, id: newWamid(), timestamp: String(T0), type: 'text', text: { body } }],
          }),
        );
      await deliver(t.context, usernameDelivery('US.13491208655302741918', 'Nadia', 'Bonjour'));
      await deliver(t.context, usernameDelivery('US.99991208655302741000', 'Karim', 'Salam'));
      expect(await contacts()).to.deep.equal([
        { wa_id: null, user_id: 'US.13491208655302741918', username: '@nadia', profile_name: 'Nadia', display_name: null },
        { wa_id: null, user_id: 'US.99991208655302741000', username: '@karim', profile_name: 'Karim', display_name: null },
      ]);
      expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(2);
    });

    it('2. system user_changed_user_id (no from, no contacts) moves the contact to the new BSUID instead of failing', async () => {
      await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Nadia' }, user_id: 'US.111' }],
          messages: [{ from_user_id: 'US.111', id: newWamid(), timestamp: String(T0), type: 'text', text: { body: 'Bonjour' } }],
        })),
      );
      const notice = newWamid();
      const { eventId, outcome } = await deliver(
        t.context,
        envelope('messages', messagesValue({
          messages: [{
            id: notice,
            timestamp: String(T0 + 60),
            type: 'system',
            system: { body: 'User Nadia changed their user ID', type: 'user_changed_user_id', user_id: 'US.222', previous_user_id: 'US.111' },
          }],
        })),
      );
      expect(outcome).to.equal('processed');
      expect((await eventRow(db(), eventId)).status).to.equal('processed');
      expect((await contacts()).map((c: { user_id: string }) => c.user_id)).to.deep.equal(['US.222']);
      expect(await messageByWamid(db(), notice)).to.include({ type: 'system', direction: 'inbound' });
      // The customer writing under the new BSUID is the same person.
      await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Nadia' }, user_id: 'US.222' }],
          messages: [{ from_user_id: 'US.222', id: newWamid(), timestamp: String(T0 + 120), type: 'text', text: { body: 'Me revoilà' } }],
        })),
      );
      expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(1);
      expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(1);
    });

    it('3. an interactive message Meta could not render (errors 131000, no interactive) is kept with its error', async () => {
      const wamid = newWamid();
      const { outcome } = await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }],
          messages: [{
            from: '213555123456',
            id: wamid,
            timestamp: String(T0),
            type: 'interactive',
            errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong', error_data: { details: 'Unable to render the message' } }],
          }],
        })),
      );
      expect(outcome).to.equal('processed');
      expect(await messageByWamid(db(), wamid)).to.include({ type: 'interactive', errorCode: 131000, errorTitle: 'Something went wrong', body: null });
    });

    it('4. one person under two Brazil / Mexico / Argentina spellings, posted back to back in one batch, is one contact', async () => {
      const pairs = [['5511987654321', '551187654321'], ['5215512345678', '525512345678'], ['5491123456789', '541123456789']];
      const ids: string[] = [];
      for (const [first, second] of pairs) {
        ids.push(await storeDelivery(t.context, buildDelivery('text', { from: first!, timestamp: T0 })));
        ids.push(await storeDelivery(t.context, buildDelivery('text', { from: second!, timestamp: T0 + 5 })));
      }
      const results = await processWebhookEvents(t.context, ids);
      expect([...results.values()].every((result) => 'outcome' in result && result.outcome === 'processed')).to.equal(true);
      expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(3);
      expect(await count(db(), `SELECT 1 FROM whatsapp_conversations`)).to.equal(3);
      expect(await count(db(), `SELECT 1 FROM whatsapp_messages`)).to.equal(6);
    });

    it('5. a lone surrogate or NUL in one text loses nothing: every message is stored with U+FFFD, the raw event keeps the bytes', async () => {
      const [good, broken, nul] = [newWamid(), newWamid(), newWamid()];
      const raw = envelope('messages', messagesValue({
        contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }, { profile: { name: 'Karim\u0000' }, wa_id: '213661987654' }],
        messages: [
          { from: '213555123456', id: good, timestamp: String(T0), type: 'text', text: { body: 'Bonjour' } },
          { from: '213661987654', id: broken, timestamp: String(T0 + 1), type: 'text', text: { body: 'emoji cassé \ud83d' } },
          { from: '213661987654', id: nul, timestamp: String(T0 + 2), type: 'text', text: { body: 'nul\u0000' } },
        ],
      })).replace('"emoji cassé \ud83d"', '"emoji cass\\u00e9 \\ud83d"');
      const { eventId, outcome } = await deliver(t.context, raw);
      expect(outcome).to.equal('processed');
      expect((await messageByWamid(db(), good))!.body).to.equal('Bonjour');
      expect((await messageByWamid(db(), broken))!.body).to.equal('emoji cassé \uFFFD');
      expect((await messageByWamid(db(), nul))!.body).to.equal('nul\uFFFD');
      const [stored] = await db().query(`SELECT raw_body FROM whatsapp_webhook_events WHERE id = $1`, [eventId]);
      expect(stored.raw_body).to.contain('\\ud83d').and.contain('\\u0000');
    });
  });

  describe('kinds', () => {
    it('coexistence: an echo is an outbound message from the WhatsApp Business app, changing nothing of the customer’s side', async () => {
      await deliver(t.context, buildDelivery('text', { from: '213555123456', timestamp: T0 }));
      const [before] = await db().query(`SELECT unread_count, last_inbound_at FROM whatsapp_conversations`);
      const echo = newWamid();
      const { outcome } = await deliver(
        t.context,
        envelope('smb_message_echoes', messagesValue({
          message_echoes: [{ from: TEST_ACCOUNT.displayPhoneNumber, to: '213555123456', id: echo, timestamp: String(T0 + 60), type: 'text', text: { body: 'Voici les infos' } }],
        })),
      );
      expect(outcome).to.equal('processed');
      const row = await db().query(`SELECT direction, origin, status, sent_at, body FROM whatsapp_messages WHERE wamid = $1`, [echo]);
      expect(row[0]).to.deep.include({ direction: 'outbound', origin: 'business_app', status: 'sent', body: 'Voici les infos' });
      const [after] = await db().query(`SELECT unread_count, last_inbound_at FROM whatsapp_conversations`);
      expect(after).to.deep.equal(before);
    });

    it('coexistence: history imports past chats with their times, no unread, no window, no reopening; a placeholder becomes its media', async () => {
      const [fromBusiness, placeholder, fromCustomer] = [newWamid(), newWamid(), newWamid()];
      await deliver(
        t.context,
        envelope('history', messagesValue({
          history: [{
            metadata: { phase: 0, chunk_order: 1, progress: 55 },
            threads: [{
              id: '16505551234',
              messages: [
                { from: TEST_ACCOUNT.displayPhoneNumber, id: fromBusiness, timestamp: '1739230955', type: 'text', text: { body: 'Voici les infos' }, history_context: { status: 'READ' } },
                { from: TEST_ACCOUNT.displayPhoneNumber, id: placeholder, timestamp: '1739230970', type: 'media_placeholder', history_context: { status: 'PLAYED' } },
                { from: '16505551234', id: fromCustomer, timestamp: '1739230980', type: 'text', text: { body: 'Merci !' }, history_context: { status: 'READ' } },
              ],
            }],
          }],
        })),
      );
      const [conversation] = await db().query(`SELECT status, unread_count, last_inbound_at, last_message_at FROM whatsapp_conversations`);
      expect(conversation).to.deep.include({ status: 'resolved', unread_count: 0, last_inbound_at: null });
      expect(conversation.last_message_at).to.deep.equal(new Date(1739230980 * 1000));
      expect(await messageByWamid(db(), fromBusiness)).to.include({ direction: 'outbound', status: 'read' });
      expect(await messageByWamid(db(), fromCustomer)).to.include({ direction: 'inbound', status: 'received' });
      expect(await messageByWamid(db(), placeholder)).to.include({ type: 'media_placeholder' });

      await deliver(
        t.context,
        envelope('history', messagesValue({
          messages: [{ from: '16505551234', id: placeholder, timestamp: '1739230970', type: 'image', image: { caption: 'Black Prince', mime_type: 'image/jpeg', sha256: 'abc', id: '24230790383178626' } }],
        })),
      );
      expect(await messageByWamid(db(), placeholder)).to.include({ type: 'image', body: 'Black Prince', mediaId: '24230790383178626', direction: 'outbound' });
      expect(await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = 'whatsapp-download-media'`)).to.equal(1);
    });

    it('coexistence: the address book names the contact; an older sync never overwrites a newer one', async () => {
      const sync = (name: string, timestamp: number) =>
        envelope('smb_app_state_sync', messagesValue({
          state_sync: [{ type: 'contact', contact: { full_name: name, first_name: name.split(' ')[0], phone_number: '16505551234' }, action: 'add', metadata: { timestamp: String(timestamp) } }],
        }));
      await deliver(t.context, sync('Pablo Morales', T0 + 10));
      await deliver(t.context, sync('Pablo M.', T0));
      expect((await contacts())[0]).to.include({ wa_id: '16505551234', display_name: 'Pablo Morales' });
    });

    it('edits and deletions change the original message (history kept), never count as new messages, and only by its author', async () => {
      const original = newWamid();
      await deliver(t.context, buildDelivery('text', { from: '213555123456', wamid: original, text: 'Bonjour, 3 places', timestamp: T0 }));
      const edit = (from: string, body: string, at: number) =>
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: from }],
          messages: [{ from, id: newWamid(), timestamp: String(at), type: 'edit', edit: { original_message_id: original, message: { type: 'text', text: { body } } } }],
        }));
      await deliver(t.context, edit('213555123456', 'Bonjour, 4 places', T0 + 60));
      await deliver(t.context, edit('213661987654', 'pirate', T0 + 70));
      const row = await db().query(`SELECT body, edited_at, edit_history, deleted_at FROM whatsapp_messages WHERE wamid = $1`, [original]);
      expect(row[0].body).to.equal('Bonjour, 4 places');
      expect(row[0].edit_history.map((v: { body: string }) => v.body)).to.deep.equal(['Bonjour, 3 places']);
      const [conversation] = await db().query(`SELECT unread_count, last_inbound_at FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = '213555123456'`);
      expect(conversation).to.deep.equal({ unread_count: 1, last_inbound_at: new Date(T0 * 1000) });

      await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }],
          messages: [{ from: '213555123456', id: newWamid(), timestamp: String(T0 + 90), type: 'revoke', revoke: { original_message_id: original } }],
        })),
      );
      const [deleted] = await db().query(`SELECT deleted_at FROM whatsapp_messages WHERE wamid = $1`, [original]);
      expect(deleted.deleted_at).to.deep.equal(new Date((T0 + 90) * 1000));
      expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE type IN ('edit', 'revoke')`)).to.equal(0);
    });

    it('marketing opt-out: stop and resume set the consent with time and source, in the order the customer chose', async () => {
      const preference = (value: string, timestamp: number) =>
        envelope('user_preferences', messagesValue({
          contacts: [{ wa_id: '16505551234' }],
          user_preferences: [{ wa_id: '16505551234', detail: `User requested to ${value} marketing messages`, category: 'marketing_messages', value, timestamp }],
        }));
      await deliver(t.context, preference('resume', T0 + 100));
      await deliver(t.context, preference('stop', T0));
      const consent = () => db().query(`SELECT marketing_opted_out_at, marketing_consent_source, marketing_consent_changed_at FROM whatsapp_contacts`);
      expect(await consent()).to.deep.equal([{ marketing_opted_out_at: null, marketing_consent_source: 'user_preferences', marketing_consent_changed_at: new Date((T0 + 100) * 1000) }]);
      await deliver(t.context, preference('stop', T0 + 200));
      expect((await consent())[0].marketing_opted_out_at).to.deep.equal(new Date((T0 + 200) * 1000));
    });

    it('account and number health: a ban stops sending with its reason, a reinstatement brings it back; every field leaves a notice', async () => {
      const account = () => db().query(`SELECT blocked_at, blocked_reason_key, blocked_details, messaging_limit, verified_name, name_status, review_status FROM whatsapp_accounts`).then((rows: unknown[]) => rows[0]);
      const ban = await deliver(t.context, envelope('account_update', { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: 'April 17, 2025' } }, T0));
      expect(ban.outcome).to.equal('processed');
      expect(await account()).to.deep.include({ blocked_reason_key: 'accountHealth.blocked.banned', blocked_details: 'DISABLE — April 17, 2025' });
      await deliver(t.context, envelope('account_update', { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE', waba_ban_date: 'April 18, 2025' } }, T0 + 60));
      expect(await account()).to.deep.include({ blocked_at: null, blocked_reason_key: null });

      await deliver(t.context, envelope('phone_number_quality_update', { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, event: 'THROUGHPUT_UPGRADE', current_limit: 'TIER_UNLIMITED' }, T0));
      await deliver(t.context, envelope('phone_number_name_update', { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, decision: 'APPROVED', requested_verified_name: 'Lucky Shrub', rejection_reason: null }, T0));
      await deliver(t.context, envelope('account_review_update', { decision: 'APPROVED' }, T0));
      await deliver(t.context, envelope('account_alerts', {
        entity_type: 'BUSINESS', entity_id: '506914307656634',
        alert_info: { alert_severity: 'WARNING', alert_status: 'ACTIVE', alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', alert_description: 'Limits cannot be increased.' },
      }, T0));
      await deliver(t.context, envelope('business_capability_update', { max_daily_conversations_per_business: 'TIER_2K', max_phone_numbers_per_waba: 25 }, T0 + 1));
      await deliver(t.context, envelope('security', { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, event: 'PIN_RESET_REQUEST', requester: '61555822107539' }, T0));
      expect(await account()).to.deep.include({ messaging_limit: 'TIER_2K', verified_name: 'Lucky Shrub', name_status: 'APPROVED', review_status: 'APPROVED' });
      const notices = await db().query(`SELECT field, severity, summary_key FROM whatsapp_account_notices ORDER BY field, occurred_at`);
      expect(notices.map((n: { field: string }) => n.field)).to.have.members([
        'account_alerts', 'account_review_update', 'account_update', 'account_update', 'business_capability_update', 'phone_number_name_update',
        'phone_number_quality_update', 'security',
      ]);
      expect(notices.find((n: { field: string }) => n.field === 'account_alerts')).to.deep.equal({
        field: 'account_alerts', severity: 'warning', summary_key: 'accountHealth.notice.limitIncreaseDeferred',
      });
      // A redelivery adds nothing.
      await deliver(t.context, envelope('security', { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, event: 'PIN_RESET_REQUEST', requester: '61555822107539' }, T0));
      expect(await count(db(), `SELECT 1 FROM whatsapp_account_notices`)).to.equal(notices.length);
    });

    it('templates: components edited, a category change announced, FLAGGED with its disable date', async () => {
      const [account] = await db().query(`SELECT id FROM whatsapp_accounts`);
      await db().query(
        `INSERT INTO whatsapp_templates (account_id, meta_id, name, language, status, category, components)
         VALUES ($1, '1315502779341834', 'order_confirmation', 'en_US', 'APPROVED', 'UTILITY', $2)`,
        [account.id, JSON.stringify([{ type: 'BODY', text: 'Old {{1}}', example: { body_text: [['x']] } }, { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'OK' }, { type: 'URL', text: 'Old', url: 'https://old.example' }] }])],
      );
      const identity = { message_template_id: 1315502779341834, message_template_name: 'order_confirmation', message_template_language: 'en_US' };
      await deliver(t.context, envelope('message_template_components_update', {
        ...identity,
        message_template_title: 'Your order is confirmed!',
        message_template_element: 'Thank you for your order, {{1}}!',
        message_template_footer: 'Lucky Shrub',
        message_template_buttons: [{ message_template_button_type: 'URL', message_template_button_text: 'Email support', message_template_button_url: 'https://www.luckyshrub.com/support' }],
      }, T0));
      await deliver(t.context, envelope('template_category_update', { ...identity, new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: T0 + 86_400 }, T0));
      await deliver(t.context, envelope('message_template_status_update', { ...identity, event: 'FLAGGED', reason: 'NONE', disable_info: { disable_date: String(T0 + 7 * 86_400) } }, T0));
      const [template] = await db().query(`SELECT status, category, pending_category, category_change_at, disable_at, components FROM whatsapp_templates`);
      expect(template).to.deep.include({ status: 'FLAGGED', category: 'UTILITY', pending_category: 'MARKETING' });
      expect(template.category_change_at).to.deep.equal(new Date((T0 + 86_400) * 1000));
      expect(template.disable_at).to.deep.equal(new Date((T0 + 7 * 86_400) * 1000));
      expect(template.components).to.deep.equal([
        { type: 'HEADER', format: 'TEXT', text: 'Your order is confirmed!' },
        { type: 'BODY', text: 'Thank you for your order, {{1}}!', example: { body_text: [['x']] } },
        { type: 'FOOTER', text: 'Lucky Shrub' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'OK' }, { type: 'URL', text: 'Email support', url: 'https://www.luckyshrub.com/support' }] },
      ]);
    });

    it('pricing: each status’s pricing is stored on the message, with its cost from the rate card', async () => {
      await deliver(t.context, buildDelivery('text', { from: '5511987654321', timestamp: T0 }));
      const [conversation] = await db().query(`SELECT id FROM whatsapp_conversations`);
      await db().query(
        `INSERT INTO whatsapp_rate_cards (effective_from, market, country, category, currency, price_micros) VALUES ('2025-07-01', 'Brazil', 'BR', 'marketing', 'USD', 62500)`,
      );
      const wamid = newWamid();
      await insertOutboundMessage(db(), { conversationId: conversation.id, wamid });
      const status = (pricing: Record<string, unknown>) =>
        envelope('messages', messagesValue({ statuses: [{ id: wamid, status: 'delivered', timestamp: String(T0 + 10), recipient_id: '5511987654321', pricing }] }));
      await deliver(t.context, status({ billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' }));
      const row = await db().query(`SELECT pricing_model, pricing_category, pricing_type, billable, cost_micros, cost_currency, recipient_country FROM whatsapp_messages WHERE wamid = $1`, [wamid]);
      expect(row[0]).to.deep.equal({
        pricing_model: 'PMP', pricing_category: 'marketing', pricing_type: 'regular', billable: true, cost_micros: '62500', cost_currency: 'USD', recipient_country: 'BR',
      });
    });

    it('ads: a click-to-WhatsApp referral becomes the conversation’s attribution; a referred product stays on its message', async () => {
      const wamid = newWamid();
      await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }],
          messages: [{
            from: '213555123456', id: wamid, timestamp: String(T0), type: 'text', text: { body: 'Bonjour, nous sommes une école privée à Oran' },
            referral: { source_url: 'https://fb.me/abc', source_id: '120210000000001', source_type: 'ad', headline: 'Cours d’anglais', body: 'Inscrivez-vous', media_type: 'image', ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ' },
            context: { referred_product: { catalog_id: '902514123456789', product_retailer_id: 'cours-anglais-a1' } },
          }],
        })),
      );
      const [conversation] = await db().query(`SELECT referral, referral_source_id FROM whatsapp_conversations`);
      expect(conversation.referral_source_id).to.equal('120210000000001');
      expect(conversation.referral).to.include({ ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ', headline: 'Cours d’anglais', source_type: 'ad', wamid });
      expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_events WHERE kind = 'ad_referral'`)).to.equal(1);
      // The B2B lead keyword routing creates for the school carries the ad.
      const [lead] = await db().query(`SELECT attribution FROM whatsapp_leads`);
      expect(lead.attribution).to.include({ source_id: '120210000000001', ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ' });
    });

    it('groups: a group message never lands in a one-to-one conversation; the event says why', async () => {
      const { eventId, outcome } = await deliver(
        t.context,
        envelope('messages', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }],
          messages: [{ from: '213555123456', group_id: 'Y2FwaV9ncm91cDpFWEFNUExF', id: newWamid(), timestamp: String(T0), type: 'text', text: { body: 'Hello group' } }],
        })),
      );
      expect(outcome).to.equal('ignored');
      expect((await eventRow(db(), eventId)).lastError).to.contain('group message').and.contain('Y2FwaV9ncm91cDpFWEFNUExF');
      expect(await count(db(), `SELECT 1 FROM whatsapp_messages`)).to.equal(0);
    });

    it('calls: connect and terminate, in any order, make one timeline entry with its duration', async () => {
      const call = (event: string, extra: Record<string, unknown>) =>
        envelope('calls', messagesValue({
          contacts: [{ profile: { name: 'Amina' }, wa_id: '213555123456' }],
          calls: [{ id: 'wacid.HBgLMTY1', from: '213555123456', to: TEST_ACCOUNT.displayPhoneNumber, event, direction: 'USER_INITIATED', timestamp: String(T0), ...extra }],
        }));
      await deliver(t.context, call('terminate', { status: 'COMPLETED', start_time: String(T0), end_time: String(T0 + 95), duration: 95 }));
      await deliver(t.context, call('connect', { session: { sdp_type: 'offer', sdp: 'v=0' } }));
      const row = await messageByWamid(db(), 'wacid.HBgLMTY1');
      expect(row).to.include({ type: 'call', direction: 'inbound' });
      expect(row!.payload).to.have.nested.property('terminate.duration', 95);
      expect(row!.payload).to.have.property('connect');
      expect((await db().query(`SELECT unread_count FROM whatsapp_conversations`))[0].unread_count).to.equal(1);
    });

    it('payments: a payment status is kept, never unparseable', async () => {
      const { eventId, outcome } = await deliver(
        t.context,
        envelope('messages', messagesValue({
          statuses: [{ id: 'ABMAAQVBAXmFlQ', status: 'captured', timestamp: String(T0), type: 'payment', payment: { reference_id: 'ORDER-42', amount: { value: 21000, offset: 100 }, currency: 'INR' } }],
        })),
      );
      expect(outcome).to.equal('ignored');
      expect((await eventRow(db(), eventId)).lastError).to.contain('payment status captured');
    });
  });

  it('processes every kind `npm run simulate` sends, none left received, failed or unparseable', async () => {
    for (const kind of SIMULATION_KINDS) {
      const { eventId } = await deliver(t.context, buildDelivery(kind, { timestamp: T0 }));
      expect((await eventRow(db(), eventId)).status, kind).to.be.oneOf(['processed', 'ignored']);
    }
  });

  it('leaves no documented payload received or failed', async () => {
    const deliveries: (string | WebhookDelivery)[] = [
      envelope('account_update', { event: 'PARTNER_ADDED', waba_info: { waba_id: TEST_ACCOUNT.wabaId, owner_business_id: '1' } }, T0),
      envelope('account_update', { volume_tier_info: { tier_update_time: T0, pricing_category: 'UTILITY', tier: '25000001:50000000', effective_month: '2025-11', region: 'INDIA' }, event: 'VOLUME_BASED_PRICING_TIER_UPDATE' }, T0),
      envelope('history', messagesValue({ history: [{ errors: [{ code: 2593109, title: 'History sync is turned off by the business from the WhatsApp Business App', error_data: { details: 'off' } }] }] })),
      envelope('smb_app_state_sync', messagesValue({ state_sync: [{ type: 'contact', contact: { phone_number: '16505551234' }, action: 'remove', metadata: { timestamp: String(T0) } }] })),
    ];
    for (const delivery of deliveries) {
      const { eventId } = await deliver(t.context, delivery);
      expect((await eventRow(db(), eventId)).status).to.be.oneOf(['processed', 'ignored']);
    }
    expect(await count(db(), `SELECT 1 FROM whatsapp_webhook_events WHERE status IN ('received', 'failed')`)).to.equal(0);
  });
});

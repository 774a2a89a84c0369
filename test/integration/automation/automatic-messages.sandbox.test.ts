import { expect } from 'chai';
import { buildDelivery, newWamid, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { postDelivery } from '../../../src/sandbox/webhook-simulator.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';
import { Browser } from '../../support/test-back-office.js';
import { waitFor } from '../processor/support/wait-for.js';
import { startSecondWorker, type SecondWorker } from './support/second-worker.js';

const PASSWORD = 'a long admin password';

/**
 * Each automation end to end, as `npm start` runs it: signed deliveries over HTTP to the webhook,
 * two workers taking the events and the automation jobs, the sandbox Graph API receiving what is
 * sent (and sending its statuses back).
 */
describe('automatic messages, against the sandbox with two workers', function () {
  this.timeout(120_000);
  let office: SandboxBackOffice;
  let second: SecondWorker;
  let accountId: string;
  let customer = 0;

  before(async () => {
    office = await startSandboxBackOffice();
    second = await startSecondWorker(office.db.url);
    [{ id: accountId }] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts`);
  });
  after(async () => {
    await second.stop();
    await office.stop();
  });
  beforeEach(async () => {
    await office.dataSource.query(`DELETE FROM whatsapp_automation_settings; DELETE FROM whatsapp_auto_reply_rules;`);
  });

  const db = () => office.dataSource;
  const nextCustomer = () => `2135570${String(++customer).padStart(5, '0')}`;
  const settings = (values: Record<string, unknown>) =>
    db().query(
      `INSERT INTO whatsapp_automation_settings (account_id, ${Object.keys(values).map((k) => `"${k}"`).join(', ')})
       VALUES ($1, ${Object.keys(values).map((_, i) => `$${i + 2}`).join(', ')})`,
      [accountId, ...Object.values(values).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : v))],
    );
  /** Posts a delivery and waits until its event is processed and no automation job is waiting. */
  const send = async (delivery: WebhookDelivery) => {
    const response = await postDelivery(delivery, { url: `${office.baseUrl}/webhooks/whatsapp`, appSecret: office.account.appSecret });
    expect(response.status).to.equal(200);
    await settle();
  };
  const settle = () =>
    waitFor('the events and jobs to be done', async () => {
      const [{ pending }] = await db().query(
        `SELECT (SELECT count(*) FROM whatsapp_webhook_events WHERE status = 'received')::int
              + (SELECT count(*) FROM whatsapp_messages WHERE status IN ('queued', 'sending'))::int AS pending`,
      );
      return pending === 0;
    });
  const text = (from: string, body: string) => buildDelivery('text', { from, text: body, phoneNumberId: office.account.phoneNumberId });
  /** What reached Meta (the sandbox) for this customer, and how the inbox marked it. */
  const sentTo = async (waId: string) =>
    (await db().query(
      `SELECT m.automation, m.body, m.type, m.payload FROM whatsapp_messages m
         JOIN whatsapp_conversations c ON c.id = m.conversation_id JOIN whatsapp_contacts ct ON ct.id = c.contact_id
        WHERE ct.wa_id = $1 AND m.direction = 'outbound' ORDER BY m.created_at, m.id`,
      [waId],
    )) as { automation: string | null; body: string | null; type: string; payload: Record<string, unknown> }[];
  const reachedSandbox = (waId: string) => office.sandbox.log.acceptedMessages().filter((entry) => (entry.body as { to?: string }).to === waId);

  it('greets a new conversation once per period, in the customer’s language, marked as automatic in the thread and the audit trail', async () => {
    await settings({ greeting_enabled: true, greeting_texts: { en: 'Hello! An agent will answer shortly.', fr: 'Bonjour ! Un conseiller vous répond très vite.' } });
    const waId = nextCustomer();
    await send(text(waId, 'Bonjour, je voudrais des informations sur vos formations'));
    await send(text(waId, 'Vous êtes là ?'));
    const sent = await sentTo(waId);
    expect(sent.map((m) => [m.automation, m.body])).to.deep.equal([['greeting', 'Bonjour ! Un conseiller vous répond très vite.']]);
    expect(reachedSandbox(waId)).to.have.length(1);
    const [event] = await db().query(
      `SELECT e.actor_id, e.details FROM whatsapp_conversation_events e JOIN whatsapp_messages m ON m.id = (e.details->>'messageId')::uuid
        WHERE e.kind = 'automatic_message' AND m.automation = 'greeting' AND m.body LIKE 'Bonjour !%'`,
    );
    expect(event).to.deep.include({ actor_id: null });
    expect(event.details).to.include({ automation: 'greeting', automatic: true, language: 'fr' });
  });

  it('sends the away message outside business hours, never twice in the period', async () => {
    // Open on no day at all: always closed.
    await settings({ business_hours_enabled: true, time_zone: 'Africa/Algiers', weekly_hours: [], away_enabled: true, away_texts: { en: 'We are closed; we answer from 9:00.' }, greeting_enabled: true, greeting_texts: { en: 'Hello!' } });
    const waId = nextCustomer();
    await send(text(waId, 'Hello, do you have places left for September?'));
    await send(text(waId, 'Hello?'));
    await send(text(waId, 'Anyone?'));
    expect((await sentTo(waId)).map((m) => [m.automation, m.body])).to.deep.equal([['away', 'We are closed; we answer from 9:00.']]);
  });

  it('answers keywords by the rules, in order, and stops at a rule that stops', async () => {
    await db().query(
      `INSERT INTO whatsapp_auto_reply_rules (account_id, name, position, keywords, language, reply_text, stop_after) VALUES
         ($1, 'Prices (fr)', 1, '{prix,tarif}', 'fr', 'Nos tarifs : https://example.com/tarifs', true),
         (NULL, 'Never reached after a stop', 2, '{prix}', NULL, 'second', true),
         ($1, 'Opening hours', 3, '{horaires}', NULL, 'Ouvert de 9 h à 17 h.', false),
         ($1, 'Address', 4, '{}', NULL, 'Rue Didouche Mourad, Alger', false)`,
      [accountId],
    );
    await db().query(`UPDATE whatsapp_auto_reply_rules SET pattern = '(?i)adresse|où êtes' WHERE name = 'Address'`);
    const waId = nextCustomer();
    await send(text(waId, 'Bonjour, quel est le prix de la formation ?'));
    await send(text(waId, 'Et vos horaires ? Où êtes-vous ?'));
    await send(text(waId, 'Merci beaucoup pour tout'));
    // The second message meets two rules that do not stop: both answer it.
    expect((await sentTo(waId)).map((m) => [m.automation, m.body])).to.have.deep.members([
      ['auto_reply', 'Nos tarifs : https://example.com/tarifs'],
      ['auto_reply', 'Ouvert de 9 h à 17 h.'],
      ['auto_reply', 'Rue Didouche Mourad, Alger'],
    ]);
  });

  it('never loops with another bot: at most the hourly cap of automatic messages per conversation', async () => {
    await settings({ automatic_replies_per_hour: 3 });
    await db().query(`INSERT INTO whatsapp_auto_reply_rules (account_id, name, keywords, pattern, reply_text) VALUES ($1, 'Echo bot', '{}', '.', 'Thanks, noted.')`, [accountId]);
    const waId = nextCustomer();
    for (let i = 0; i < 6; i++) await send(text(waId, `Automatic message from another bot #${i}`));
    expect((await sentTo(waId)).filter((m) => m.automation !== null)).to.have.length(3);
    expect(reachedSandbox(waId)).to.have.length(3);
  });

  it('never answers reactions, system messages, statuses of our own messages, coexistence echoes or imported history', async () => {
    await settings({ automatic_replies_per_hour: 100 });
    await db().query(`INSERT INTO whatsapp_auto_reply_rules (account_id, name, keywords, pattern, reply_text) VALUES ($1, 'Everything', '{}', '.', 'Noted.')`, [accountId]);
    const waId = nextCustomer();
    const phoneNumberId = office.account.phoneNumberId;
    // The customer writes once (answered: the rule matches anything), which opens the 24-hour window for what follows.
    await send(text(waId, 'Hello'));
    // The system message at the end moves the customer to another number: the contact is followed by id.
    const [{ contactId }] = await db().query(`SELECT id AS "contactId" FROM whatsapp_contacts WHERE wa_id = $1`, [waId]);
    await send(buildDelivery('reaction', { from: waId, phoneNumberId, emoji: '👍' }));
    await send(buildDelivery('status', { from: waId, phoneNumberId, status: 'read', wamid: newWamid() }));
    // What the business sent from the WhatsApp Business app (coexistence), and six months of past chats.
    await send(buildDelivery('echo', { from: waId, phoneNumberId }));
    await send(buildDelivery('history', { from: waId, phoneNumberId }));
    // Last: the customer moved to another number (the contact follows; nothing to answer).
    await send(buildDelivery('system', { from: waId, phoneNumberId, newWaId: nextCustomer() }));
    const [{ echoes, history }] = await db().query(
      `SELECT count(*) FILTER (WHERE m.origin = 'business_app')::int AS echoes, count(*) FILTER (WHERE m.origin = 'history')::int AS history
         FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id WHERE c.contact_id = $1`,
      [contactId],
    );
    expect({ echoes, history: history > 0 }).to.deep.equal({ echoes: 1, history: true });
    const [{ automatic }] = await db().query(
      `SELECT count(*)::int AS automatic FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
        WHERE c.contact_id = $1 AND m.automation IS NOT NULL`,
      [contactId],
    );
    expect(automatic).to.equal(1);
    expect(reachedSandbox(waId)).to.have.length(1);
  });

  describe('the satisfaction survey', () => {
    let browser: Browser;
    before(async () => {
      await office.ensureFirstAdmin({ email: 'root@example.com', password: PASSWORD });
      browser = new Browser(office.baseUrl);
      await browser.login('root@example.com', PASSWORD);
    });
    const conversationOf = async (waId: string) =>
      (await db().query(`SELECT c.id, c.status FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [waId]))[0] as {
        id: string;
        status: string;
      };
    const resolve = async (conversationId: string) => {
      const response = await browser.request(`/admin/api/resources/whatsapp_conversations/records/${conversationId}/resolve`, { method: 'POST', body: new FormData() });
      expect(response.status).to.equal(200);
      await settle();
    };

    it('inside the window: an interactive list on resolve; the rating and then the comment are stored, and the conversation stays resolved', async () => {
      await settings({ survey_enabled: true });
      const waId = nextCustomer();
      await send(text(waId, 'Can you send me the invoice again please?'));
      const conversation = await conversationOf(waId);
      await resolve(conversation.id);

      const [request] = reachedSandbox(waId);
      const body = request!.body as { type: string; interactive: { type: string; action: { sections: { rows: { id: string }[] }[] } } };
      expect(body.type).to.equal('interactive');
      expect(body.interactive.type).to.equal('list');
      const rows = body.interactive.action.sections[0]!.rows;
      expect(rows).to.have.length(5);

      const answer = buildDelivery('list-reply', { from: waId, phoneNumberId: office.account.phoneNumberId, replyTo: request!.wamid! });
      const message = (answer.entry[0]!.changes[0]!.value.messages as { interactive: { list_reply: { id: string } } }[])[0]!;
      message.interactive.list_reply.id = rows[3]!.id;
      await send(answer);
      await send(text(waId, 'Very quick answer, thank you!'));

      const [survey] = await db().query(`SELECT rating, comment, channel FROM whatsapp_satisfaction_surveys WHERE conversation_id = $1`, [conversation.id]);
      expect(survey).to.deep.equal({ rating: 4, comment: 'Very quick answer, thank you!', channel: 'interactive' });
      expect((await conversationOf(waId)).status).to.equal('resolved');
      // Hosts hear of the reopening each answer made and of its being undone: the last they hear is resolved.
      const told: { kind: string }[] = await db().query(
        `SELECT kind FROM whatsapp_outbox_events WHERE conversation_id = $1 AND kind IN ('conversation.resolved', 'conversation.reopened') ORDER BY sequence`,
        [conversation.id],
      );
      expect(told.map((event) => event.kind)).to.include('conversation.reopened');
      expect(told.at(-1)!.kind).to.equal('conversation.resolved');
      const [facts] = await db().query(`SELECT csat_rating FROM whatsapp_report_conversations WHERE conversation_id = $1`, [conversation.id]);
      expect(facts.csat_rating).to.equal(4);
      expect((await sentTo(waId)).map((m) => m.automation)).to.deep.equal(['survey', 'survey']);
    });

    it('outside the window: the number’s approved survey template, its quick replies carrying the ratings', async () => {
      const components = [
        { type: 'BODY', text: 'How did we do? Tap a score.' },
        { type: 'BUTTONS', buttons: ['1', '2', '3', '4', '5'].map((text) => ({ type: 'QUICK_REPLY', text })) },
      ];
      // Approved at Meta (the sandbox) and known to the inbox.
      office.sandbox.templates.seed(office.account.wabaId, [{ name: 'csat_survey', language: 'en', category: 'UTILITY', components }]);
      const [template] = await db().query(
        `INSERT INTO whatsapp_templates (account_id, name, language, category, status, components) VALUES ($1, 'csat_survey', 'en', 'UTILITY', 'APPROVED', $2) RETURNING id`,
        [accountId, JSON.stringify(components)],
      );
      await settings({ survey_enabled: true, survey_template_id: template.id });
      const waId = nextCustomer();
      await send(text(waId, 'Hello'));
      const conversation = await conversationOf(waId);
      await db().query(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '2 days' WHERE id = $1`, [conversation.id]);
      await resolve(conversation.id);

      const [request] = reachedSandbox(waId);
      const body = request!.body as { type: string; template: { name: string; components: { type: string; sub_type: string; index: string; parameters: { payload: string }[] }[] } };
      expect(body.type).to.equal('template');
      expect(body.template.name).to.equal('csat_survey');
      const payloads = body.template.components.filter((c) => c.type === 'button').map((c) => c.parameters[0]!.payload);
      expect(payloads).to.have.length(5);
      expect(payloads.every((payload, i) => payload.endsWith(`:${i + 1}`))).to.equal(true);

      const answer = buildDelivery('button', { from: waId, phoneNumberId: office.account.phoneNumberId, text: '2' });
      (answer.entry[0]!.changes[0]!.value.messages as { button: { payload: string } }[])[0]!.button.payload = payloads[1]!;
      await send(answer);
      const [survey] = await db().query(`SELECT rating, channel FROM whatsapp_satisfaction_surveys WHERE conversation_id = $1`, [conversation.id]);
      expect(survey).to.deep.equal({ rating: 2, channel: 'template' });
      expect((await conversationOf(waId)).status).to.equal('resolved');
    });
  });
});

import { expect } from 'chai';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { reply } from '../../../src/conversations/reply.js';
import { sendMedia } from '../../../src/conversations/send-media.js';
import { sendTemplate } from '../../../src/conversations/send-template.js';
import { sendQueuedMessage } from '../../../src/delivery/send-queued-message.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';

const ORDER_READY = {
  name: 'order_ready',
  language: 'fr',
  category: 'UTILITY',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Commande {{1}}', example: { header_text: ['A-1042'] } },
    { type: 'BODY', text: 'Bonjour {{1}}, votre commande de {{2}} est prête.', example: { body_text: [['Amina', '12,50 €']] } },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Suivre', url: 'https://shop.example/track/{{1}}', example: ['A-1042'] }] },
  ],
};

const HOUR = 3600_000;

describe('outbound: the 24-hour window and template checks, before anything is queued', () => {
  let h: OutboundHarness;
  beforeEach(async () => {
    h = await startOutboundHarness({ sandbox: { templates: { [TEST_ACCOUNT.wabaId]: [ORDER_READY] } } });
  });
  afterEach(async () => h.close());

  async function refusal(promise: Promise<unknown>): Promise<OutboundRefusal> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(OutboundRefusal);
    return error as OutboundRefusal;
  }
  const queuedCount = async () => (await h.db.dataSource.query(`SELECT id FROM whatsapp_messages`)).length;

  async function storedTemplate(status = 'APPROVED', components: unknown[] = ORDER_READY.components): Promise<string> {
    const [row] = await h.db.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, category, status, components) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [h.accountId, `${ORDER_READY.name}${status === 'APPROVED' ? '' : `_${status.toLowerCase()}`}`, 'fr', 'UTILITY', status, JSON.stringify(components)],
    );
    return row.id;
  }

  it('refuses a free-form reply 24 hours after the customer\'s last message, and offers a template', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const { conversationId } = await h.conversation({ lastInboundAt: new Date(now.getTime() - 24 * HOUR - 1000) });
    const refused = await refusal(reply(h.context, { conversationId, text: 'Bonjour', actor: null }, { now: () => now }));
    expect(refused).to.include({ reason: 'window-closed', key: 'serviceWindow.closed', offerTemplate: true });
    expect(refused.params).to.deep.equal({ closedAt: new Date(now.getTime() - 1000).toISOString() });
    expect(await queuedCount()).to.equal(0);

    const media = await refusal(sendMedia(h.context, { conversationId, kind: 'image', media: { link: 'https://example.com/a.jpg' }, actor: null }, { now: () => now }));
    expect(media.reason).to.equal('window-closed');
  });

  it('allows a reply until the last second of the window', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const { conversationId } = await h.conversation({ lastInboundAt: new Date(now.getTime() - 24 * HOUR + 1000) });
    expect((await reply(h.context, { conversationId, text: 'Bonjour', actor: null }, { now: () => now })).status).to.equal('queued');
  });

  it('refuses a free-form message to a customer who never wrote', async () => {
    const { conversationId } = await h.conversation({ lastInboundAt: null });
    const refused = await refusal(reply(h.context, { conversationId, text: 'Bonjour', actor: null }));
    expect(refused).to.include({ reason: 'customer-never-wrote', key: 'serviceWindow.customerNeverWrote', offerTemplate: true });
  });

  it('sends an approved template outside the window, with every parameter in Meta\'s shape', async () => {
    const templateId = await storedTemplate();
    const { conversationId } = await h.conversation({ waId: '213555000300', lastInboundAt: new Date(Date.now() - 72 * HOUR) });
    const queued = await sendTemplate(h.context, {
      conversationId,
      templateId,
      values: { 'header:1': 'A-1042', 'body:1': 'Amina', 'body:2': { kind: 'currency', fallbackValue: '12,50 €', code: 'EUR', amount1000: 12500 }, 'button:0:1': 'A-1042' },
      actor: null,
    });
    expect(queued).to.include({ type: 'template', templateId, body: 'Bonjour Amina, votre commande de 12,50 € est prête.' });
    await h.drainSendJobs();
    expect((await h.message(queued.id)).status).to.equal('sent');
    expect(h.sandbox.log.acceptedMessages()[0]!.body).to.deep.include({
      to: '213555000300',
      type: 'template',
      template: {
        name: 'order_ready',
        language: { code: 'fr' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'A-1042' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Amina' },
              { type: 'currency', currency: { fallback_value: '12,50 €', code: 'EUR', amount_1000: 12500 } },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-1042' }] },
        ],
      },
    });
  });

  it('refuses a template that is not approved, before calling Meta', async () => {
    const templateId = await storedTemplate('PAUSED');
    const { conversationId } = await h.conversation();
    const refused = await refusal(sendTemplate(h.context, { conversationId, templateId, values: {}, actor: null }));
    expect(refused).to.include({ reason: 'template-not-approved', key: 'outbound.refusal.templateNotApproved' });
    expect(refused.params).to.include({ status: 'PAUSED' });
    expect(await queuedCount()).to.equal(0);
  });

  it('refuses parameters that do not match the template in count or kind, listing each', async () => {
    const templateId = await storedTemplate();
    const { conversationId } = await h.conversation();
    const refused = await refusal(
      sendTemplate(h.context, {
        conversationId,
        templateId,
        values: { 'body:1': 'Amina', 'body:3': 'extra', 'header:1': { kind: 'image', link: 'https://example.com/a.jpg' } },
        actor: null,
      }),
    );
    expect(refused).to.include({ reason: 'template-parameters', key: 'outbound.refusal.templateParameters' });
    expect(refused.parameterProblems.map((p) => [p.code, p.slot])).to.have.deep.members([
      ['extra', 'body:3'],
      ['wrong-kind', 'header:1'],
      ['missing', 'body:2'],
      ['missing', 'button:0:1'],
    ]);
    expect(await queuedCount()).to.equal(0);
    expect(h.sandbox.log.entries()).to.have.length(0);
  });

  it('refuses a template of another number, or none at all', async () => {
    const { conversationId } = await h.conversation();
    const missing = await refusal(sendTemplate(h.context, { conversationId, templateId: '00000000-0000-4000-8000-000000000000', values: {}, actor: null }));
    expect(missing.reason).to.equal('template-not-found');
    const garbage = await refusal(sendTemplate(h.context, { conversationId, templateId: 'not-a-uuid', values: {}, actor: null }));
    expect(garbage.reason).to.equal('template-not-found');
  });

  it('flags a template Meta paused (132015) and clears the flag on its next successful send', async () => {
    const templateId = await storedTemplate();
    const values = { 'header:1': 'A-1', 'body:1': 'Amina', 'body:2': '5 €', 'button:0:1': 'A-1' };
    const { conversationId } = await h.conversation();
    const first = await sendTemplate(h.context, { conversationId, templateId, values, actor: null });
    await h.takeSendJobs(first.id);
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 132015 }, times: 1 });
    await sendQueuedMessage(h.context, first.id, h.settings);
    expect(await h.message(first.id)).to.include({ status: 'failed', error_code: 132015 });
    const [flagged] = await h.db.dataSource.query(`SELECT problem_code, problem_explanation_key FROM whatsapp_templates WHERE id = $1`, [templateId]);
    expect(flagged).to.deep.equal({ problem_code: 132015, problem_explanation_key: 'metaError.132015' });
    const [account] = await h.db.dataSource.query(`SELECT problem_code FROM whatsapp_accounts`);
    expect(account.problem_code).to.equal(null);

    await sendTemplate(h.context, { conversationId, templateId, values, actor: null });
    await h.drainSendJobs();
    const [cleared] = await h.db.dataSource.query(`SELECT problem_code, problem_at FROM whatsapp_templates WHERE id = $1`, [templateId]);
    expect(cleared).to.deep.equal({ problem_code: null, problem_at: null });
  });
});

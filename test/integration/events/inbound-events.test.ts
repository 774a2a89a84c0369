import { expect } from 'chai';
import { buildDelivery, newWamid } from '../../../src/sandbox/simulated-deliveries.js';
import { resolveConversation } from '../../../src/conversations/resolve-conversation.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { deliver } from '../processor/support/deliveries.js';
import { agentActor } from './support/manager-actor.js';

interface StoredEvent {
  kind: string;
  conversation_id: string | null;
  data: Record<string, unknown> & { contact?: { waId: string; crmRecord: unknown }; message?: { text: string; direction: string }; template?: Record<string, unknown> };
}

/** What the webhook processor writes to the outbox, in the transaction that applies Meta's delivery. */
describe('domain events of what Meta delivers', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());

  const events = (): Promise<StoredEvent[]> => t.db.dataSource.query(`SELECT kind, conversation_id, data FROM whatsapp_outbox_events ORDER BY sequence`);

  it('tells of a new conversation, the customer’s message, and the lead keyword routing made from it, in that order', async () => {
    const delivery = buildDelivery('text', { from: '213555000201', wamid: newWamid(), text: 'Bonjour, nous sommes une école privée à Oran' });
    await deliver(t.context, delivery);
    const written = await events();
    expect(written.map((event) => event.kind)).to.deep.equal(['conversation.created', 'message.received', 'lead.created', 'lead.linked']);
    const received = written[1]!;
    expect(received.data.message).to.include({ text: 'Bonjour, nous sommes une école privée à Oran', direction: 'inbound' });
    expect(received.data.contact).to.include({ waId: '213555000201' });
    // The lead is the contact's CRM record from then on.
    expect((written[3]!.data.contact as { crmRecord: { type: string } }).crmRecord).to.include({ type: 'b2b_lead' });

    // Meta delivering the same message again writes nothing more.
    await deliver(t.context, delivery);
    expect(await events()).to.have.length(4);
  });

  it('tells of a resolved conversation reopened by the customer, and of the business app’s echoes as sent; never of imported history', async () => {
    await deliver(t.context, buildDelivery('text', { from: '213555000202', text: 'Merci' }));
    const [{ id: conversationId }] = await t.db.dataSource.query(`SELECT id FROM whatsapp_conversations`);
    await resolveConversation(t.context, { conversationId, actor: await agentActor(t.db.dataSource, 'manager-2', 'manager') });
    await deliver(t.context, buildDelivery('text', { from: '213555000202', text: 'Encore une question' }));
    await deliver(t.context, buildDelivery('echo', { from: '213555000202', text: 'Réponse depuis le téléphone' }));
    await deliver(t.context, buildDelivery('history', { from: '213555000203' }));
    const kinds = (await events()).map((event) => event.kind);
    expect(kinds).to.deep.equal([
      'conversation.created', 'message.received', 'conversation.resolved', 'conversation.reopened', 'message.received', 'message.sent',
    ]);
  });

  it('tells of a customer stopping and resuming marketing messages once each, and of a template Meta rejected', async () => {
    const wamid = newWamid();
    await deliver(t.context, buildDelivery('text', { from: '213555000204', wamid }));
    const timestamp = Math.floor(Date.now() / 1000);
    await deliver(t.context, buildDelivery('opt-out', { from: '213555000204', timestamp }));
    await deliver(t.context, buildDelivery('opt-out', { from: '213555000204', timestamp: timestamp + 1 }));
    await deliver(t.context, buildDelivery('opt-in', { from: '213555000204', timestamp: timestamp + 2 }));
    await deliver(t.context, buildDelivery('template-update', { templateName: 'promo_ete', templateEvent: 'REJECTED', templateLanguage: 'fr' }));
    const written = (await events()).filter((event) => !event.kind.startsWith('message.') && event.kind !== 'conversation.created');
    expect(written.map((event) => event.kind)).to.deep.equal(['contact.opted_out', 'contact.opted_in', 'template.status_changed']);
    expect(written[0]!.data).to.include({ source: 'user_preferences' });
    expect(written[0]!.conversation_id).to.be.a('string');
    expect(written[2]!.data.template).to.include({ name: 'promo_ete', status: 'REJECTED', previousStatus: null });
  });
});

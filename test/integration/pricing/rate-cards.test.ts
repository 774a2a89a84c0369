import { expect } from 'chai';
import { buildDelivery, newWamid } from '../../../src/sandbox/simulated-deliveries.js';
import { loadConversationCost, loadDailyCosts } from '../../../src/conversations/read/message-costs.js';
import { RateCardRefusal, uploadRateCard } from '../../../src/pricing/upload-rate-card.js';
import { createTestPluginContext, TEST_ACCOUNT, type TestPluginContext } from '../../support/plugin-context.js';
import { deliver, insertOutboundMessage } from '../processor/support/deliveries.js';

describe('pricing: rate cards, message costs and the cost read model', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());
  const db = () => t.db.dataSource;
  const metadata = { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, phone_number_id: TEST_ACCOUNT.phoneNumberId };

  it('prices messages sent before a card is uploaded, and reports cost per number, category and day', async () => {
    await deliver(t.context, buildDelivery('text', { from: '5511987654321', timestamp: 1763712000 }));
    const [conversation] = await db().query(`SELECT id, account_id FROM whatsapp_conversations`);
    const priced = async (category: string, type: string) => {
      const wamid = newWamid();
      await insertOutboundMessage(db(), { conversationId: conversation.id, wamid });
      await db().query(`UPDATE whatsapp_messages SET sent_at = '2026-03-02T10:00:00Z' WHERE wamid = $1`, [wamid]);
      await deliver(t.context, JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: TEST_ACCOUNT.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata, statuses: [
          { id: wamid, status: 'sent', timestamp: '1772445600', recipient_id: '5511987654321', pricing: { billable: type === 'regular', pricing_model: 'PMP', type, category } },
        ] } }] }],
      }));
    };
    await priced('marketing', 'regular');
    await priced('marketing', 'regular');
    await priced('service', 'free_customer_service');
    expect((await db().query(`SELECT count(*)::int AS n FROM whatsapp_messages WHERE cost_micros IS NULL AND pricing_model IS NOT NULL`))[0].n).to.equal(2);

    const uploaded = await uploadRateCard(db(), {
      csv: 'Market,Currency,Marketing,Utility,Authentication,Service\nBrazil,USD,0.0625,0.0068,0.0068,0\nOther,USD,0.0604,0.0077,0.0077,0\n',
      effectiveFrom: '2026-01-01',
      uploadedById: null,
    });
    expect(uploaded).to.include({ currency: 'USD', markets: 2, repriced: 3 });
    const costs = await loadDailyCosts(db(), { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z'), timeZone: 'Africa/Algiers' });
    expect(costs).to.deep.equal([
      { accountId: conversation.account_id, day: '2026-03-02', category: 'marketing', currency: 'USD', messages: 2, charged: 2, costMicros: 125_000 },
      { accountId: conversation.account_id, day: '2026-03-02', category: 'service', currency: 'USD', messages: 1, charged: 0, costMicros: 0 },
    ]);
    expect(await loadConversationCost(db(), conversation.id)).to.deep.equal([{ currency: 'USD', charged: 2, costMicros: 125_000 }]);
  });

  it('refuses a file it cannot read whole, saying which lines', async () => {
    const error = await uploadRateCard(db(), { csv: 'Market,Marketing\nAtlantis,0.1\n', effectiveFrom: '2026-01-01', currency: 'USD', uploadedById: null }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RateCardRefusal);
    expect((error as RateCardRefusal).params.problems).to.contain('Atlantis');
  });
});

import { expect } from 'chai';
import { reply } from '../../../src/conversations/reply.js';
import { loadConversationSummaries } from '../../../src/conversations/read/conversation-summaries.js';
import { foldReportDeltas } from '../../../src/reports/fold-report-deltas.js';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { deliver } from '../processor/support/deliveries.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

const CUSTOMER = '213556100009';

// The list shows how long a customer has waited for a human; the rollup behind it is walked in by
// the folder once a minute, so the list must be right before that as well as after.
describe('waiting time in the inbox list', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await startWorkflowFixture();
  });
  afterEach(async () => f.close());

  const customerWrites = async (text: string): Promise<{ conversationId: string; at: string }> => {
    await deliver(f.context, buildDelivery('text', { from: CUSTOMER, text, timestamp: Math.floor(Date.now() / 1000) }));
    const [row] = await f.context.dataSource.query(
      `SELECT m.conversation_id AS "conversationId", m.created_at AS at FROM whatsapp_messages m
         JOIN whatsapp_conversations c ON c.id = m.conversation_id JOIN whatsapp_contacts ct ON ct.id = c.contact_id
        WHERE ct.wa_id = $1 AND m.direction = 'inbound' ORDER BY m.created_at DESC LIMIT 1`,
      [CUSTOMER],
    );
    return { conversationId: row.conversationId, at: (row.at as Date).toISOString() };
  };
  const waitingSince = async (conversationId: string) => (await loadConversationSummaries(f.context.dataSource, [conversationId])).get(conversationId)!.waitingSince;

  it('starts at the first unanswered message, ends with a human reply and starts again after it, folded or not', async () => {
    const first = await customerWrites('Bonjour');
    await customerWrites('Vous êtes là ?');
    expect(await waitingSince(first.conversationId)).to.equal(first.at);
    await foldReportDeltas(f.context.dataSource);
    expect(await waitingSince(first.conversationId)).to.equal(first.at);

    await reply(f.context, { conversationId: first.conversationId, text: 'Oui, je regarde', actor: await f.admin('manager') });
    expect(await waitingSince(first.conversationId)).to.equal(null);

    const next = await customerWrites('Merci, et pour la livraison ?');
    expect(await waitingSince(first.conversationId)).to.equal(next.at);
    await foldReportDeltas(f.context.dataSource);
    expect(await waitingSince(first.conversationId)).to.equal(next.at);
    await reply(f.context, { conversationId: first.conversationId, text: 'Demain', actor: await f.admin('manager') });
    await foldReportDeltas(f.context.dataSource);
    expect(await waitingSince(first.conversationId)).to.equal(null);
  });
});

import { expect } from 'chai';
import { reply } from '../../../src/conversations/reply.js';
import { startOutboundHarness, type OutboundHarness } from '../outbound/support/outbound-harness.js';
import { waitFor } from '../outbound/support/wait-for.js';

interface MessageEvent {
  kind: string;
  messageId: string;
  wamid: string | null;
  status: string;
  error: { code: number | null; title: string | null } | null;
}

/**
 * What hosts hear of the business's sends, end to end: the worker sends to the sandbox Graph
 * API, whose status webhooks come back through the plugin's webhook route and processor.
 */
describe('domain events of the business’s sends', function () {
  this.timeout(60_000);
  let h: OutboundHarness;
  beforeEach(async () => {
    h = await startOutboundHarness({ webhooks: true });
  });
  afterEach(async () => h.close());

  async function sent(text: string): Promise<string> {
    const { conversationId } = await h.conversation();
    const { id } = await reply(h.context, { conversationId, text, actor: null });
    await h.drainSendJobs();
    return id;
  }

  const events = async (messageId: string): Promise<MessageEvent[]> =>
    h.db.dataSource.query(
      `SELECT kind, data->'message'->>'id' AS "messageId", data->'message'->>'wamid' AS wamid, data->'message'->>'status' AS status,
              data->'message'->'error' AS error
         FROM whatsapp_outbox_events WHERE data->'message'->>'id' = $1 ORDER BY sequence`,
      [messageId],
    );

  it('tells of a message Meta accepted as sent, with its wamid, then of each status it reached', async () => {
    const id = await sent('Votre commande est prête');
    await waitFor('the message to be read', async () => (await h.message(id)).status === 'read');
    const [accepted] = h.sandbox.log.acceptedMessages();
    const written = await events(id);
    expect(written[0]).to.deep.include({ kind: 'message.sent', wamid: accepted!.wamid, status: 'sent', error: null });
    // Status webhooks may be applied in one batch: the statuses told are those the message moved to, in order, ending at `read`.
    const statuses = written.slice(1).map((event) => [event.kind, event.status]);
    expect(statuses.at(-1)).to.deep.equal(['message.status_changed', 'read']);
    expect(statuses.every(([kind]) => kind === 'message.status_changed')).to.equal(true);
  });

  it('tells of a message Meta refused as failed, with Meta’s code, and of nothing else', async () => {
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 100, details: 'Unexpected key "foo"' }, times: 1 });
    const id = await sent('Bonjour');
    const written = await events(id);
    expect(written.map((event) => event.kind)).to.deep.equal(['message.failed']);
    expect(written[0]).to.deep.include({ status: 'failed', wamid: null });
    expect(written[0]!.error).to.include({ code: 100 });
  });

  it('tells of a message Meta accepted and later reported failed: sent, then failed with the status webhook’s error', async () => {
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 131026, via: 'status-webhook' }, times: 1 });
    const id = await sent('Bonjour');
    await waitFor('the message to fail', async () => (await h.message(id)).status === 'failed');
    const written = await events(id);
    expect(written.map((event) => event.kind)).to.deep.equal(['message.sent', 'message.failed']);
    expect(written[1]!.error).to.deep.include({ code: 131026, title: 'Message undeliverable' });
  });
});

import { peakInAnySecond } from '../../support/peak-in-any-second.js';
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { inTransaction } from '../../../src/db/transaction.js';
import { reconcileUnknownMessages } from '../../../src/delivery/reconcile-unknown-messages.js';
import { queueOutboundMessage, loadSendTarget } from '../../../src/delivery/queue-outbound-message.js';
import { reply } from '../../../src/conversations/reply.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';
import { waitFor } from './support/wait-for.js';
import { startSendWorkerProcess, stopProcess } from './support/worker-processes.js';

describe('outbound: worker processes that crash or share a number', function () {
  this.timeout(180_000);
  let h: OutboundHarness;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await stopProcess(child, 'SIGKILL');
    await h.close();
  });

  it('SIGKILL between `sending` and the answer: no second send on restart until reconciliation, then exactly one', async () => {
    h = await startOutboundHarness();
    const recipient = '213555000400';
    const { conversationId } = await h.conversation({ waId: recipient });
    h.sandbox.faults.add({ endpoint: 'messages', recipient, action: { type: 'hang' }, times: 1 });
    const { id } = await reply(h.context, { conversationId, text: 'Votre rendez-vous est confirmé.', actor: null });

    const first = await startSendWorkerProcess(h);
    children.push(first);
    await waitFor('the request to reach the sandbox', async () => h.sandbox.log.entries({ endpoint: 'messages' }).length === 1);
    expect((await h.message(id)).status).to.equal('sending');
    await stopProcess(first, 'SIGKILL');

    // The restarted worker leaves the message alone: it may have been sent.
    children.push(await startSendWorkerProcess(h));
    const stuckFor = h.settings.stuckSendingAfterMs + 1_000;
    expect(await reconcileUnknownMessages({ ...h.context, clock: { now: () => new Date(Date.now() + stuckFor) } }, h.settings)).to.include({
      markedUnknown: 1,
      resent: 0,
    });
    expect((await h.message(id)).status).to.equal('unknown');
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(1);

    // No status came for it within the window: sent again, once, by the restarted worker.
    const afterWindow = h.settings.reconcileAfterMs + 1_000;
    expect(await reconcileUnknownMessages({ ...h.context, clock: { now: () => new Date(Date.now() + afterWindow) } }, h.settings)).to.include({ resent: 1 });
    await waitFor('the message to be sent', async () => (await h.message(id)).status === 'sent');

    const requests = h.sandbox.log.entries({ endpoint: 'messages' });
    expect(requests.map((r) => r.fault)).to.deep.equal(['hang', null]);
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
    expect(await h.message(id)).to.include({ status: 'sent', wamid: requests[1]!.wamid, unknown_outcomes: 1, send_attempts: 2 });
  });

  it('two worker processes send 1,000 messages for one number without ever exceeding its cap', async () => {
    const cap = 80;
    h = await startOutboundHarness({ sandbox: { throughputPerSecond: cap } });
    // 50 customers × 20 messages: within each customer's pair burst, so the number's cap is what binds.
    const conversations: string[] = [];
    for (let c = 0; c < 50; c++) conversations.push((await h.conversation({ waId: `2135551${String(c).padStart(5, '0')}` })).conversationId);
    await inTransaction(h.db.dataSource, async (tx) => {
      for (let m = 0; m < 20; m++) {
        for (const conversationId of conversations) {
          const target = await loadSendTarget(tx, conversationId);
          await queueOutboundMessage(h.context, tx, { target, content: { type: 'text', text: { body: `message ${m}` } }, body: `message ${m}`, actorId: null });
        }
      }
    });
    children.push(await startSendWorkerProcess(h), await startSendWorkerProcess(h));

    const sent = async () => Number((await h.db.dataSource.query(`SELECT count(*) FROM whatsapp_messages WHERE status = 'sent'`))[0].count);
    await waitFor('1,000 messages sent', async () => (await sent()) === 1000, 150_000, 500);

    const accepted = h.sandbox.log.acceptedMessages(TEST_ACCOUNT.phoneNumberId);
    expect(accepted).to.have.length(1000);
    // Each message went out once: one accepted request per message id.
    const messageIds = new Set(accepted.map((entry) => (entry.body as { biz_opaque_callback_data: string }).biz_opaque_callback_data.split(':')[0]));
    expect(messageIds.size).to.equal(1000);
    // The cap, measured from the sandbox's own log: at most `cap` requests in any 1,000 ms, and
    // none refused by the sandbox's own enforcement of it (130429).
    const requests = h.sandbox.log.entries({ endpoint: 'messages' });
    expect(requests).to.have.length(1000);
    expect(peakInAnySecond(requests.map((entry) => entry.at))).to.be.at.most(cap);
    expect(h.sandbox.rates.rates(TEST_ACCOUNT.phoneNumberId)).to.include({ accepted: 1000, throttled: 0 });
  });
});

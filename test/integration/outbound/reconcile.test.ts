import { expect } from 'chai';
import { registerReconcileWorker } from '../../../src/jobs/reconcile-unknown-messages.job.js';
import { reply } from '../../../src/conversations/reply.js';
import { reconcileUnknownMessages } from '../../../src/delivery/reconcile-unknown-messages.js';
import { sendQueuedMessage } from '../../../src/delivery/send-queued-message.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';
import { waitFor } from './support/wait-for.js';

const WINDOW_MS = 10 * 60_000;

describe('outbound: sends whose outcome is unknown are reconciled, never doubled', function () {
  this.timeout(60_000);
  let h: OutboundHarness;
  afterEach(async () => h.close());

  // The plugin context with its clock moved on: what the sweep sees `ms` from now.
  const later = (ms: number) => ({ ...h.context, clock: { now: () => new Date(Date.now() + ms) } });

  async function queuedMessage(waId = '213555000200'): Promise<string> {
    const { conversationId } = await h.conversation({ waId });
    const { id } = await reply(h.context, { conversationId, text: 'Où en est ma commande ?', actor: null });
    await h.takeSendJobs(id);
    return id;
  }

  it('adopts the wamid and status a status webhook reported for a send that timed out', async () => {
    h = await startOutboundHarness({ webhooks: true, settings: { requestTimeoutMs: 300 } });
    const id = await queuedMessage();
    // Meta accepts the message, but its answer comes after the client gave up.
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'delay', ms: 800 }, times: 1 });
    expect(await sendQueuedMessage(h.context, id, h.settings)).to.deep.equal({ outcome: 'unknown' });
    await waitFor('the statuses to be parked', async () => (await h.db.dataSource.query(`SELECT 1 FROM whatsapp_pending_statuses WHERE status = 'read'`)).length > 0);

    const report = await reconcileUnknownMessages(h.context, h.settings);
    expect(report).to.include({ adopted: 1, resent: 0 });
    const [accepted] = h.sandbox.log.acceptedMessages();
    const row = await h.message(id);
    expect(row).to.include({ status: 'read', wamid: accepted!.wamid, error_code: null, error_explanation_key: null });
    expect(row.sent_at).to.be.instanceOf(Date);
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
    expect(await h.pendingSendJobs()).to.deep.equal([]);
    // Hosts hear of it as of any accepted send, then of the status it reached.
    const events = await h.db.dataSource.query(
      `SELECT kind, data->'message'->>'wamid' AS wamid, data->'message'->>'status' AS status FROM whatsapp_outbox_events WHERE kind LIKE 'message.%' ORDER BY sequence`,
    );
    expect(events.map((event: { kind: string }) => event.kind)).to.deep.equal(['message.sent', 'message.status_changed']);
    expect(events[0].wamid).to.equal(accepted!.wamid);
    expect(events[1].status).to.equal('read');
  });

  it('resends once when no status came within the window, and only then', async () => {
    h = await startOutboundHarness();
    const id = await queuedMessage();
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'hang' }, times: 1 });
    expect(await sendQueuedMessage(h.context, id, { ...h.settings, requestTimeoutMs: 300 })).to.deep.equal({ outcome: 'unknown' });

    expect(await reconcileUnknownMessages(later(WINDOW_MS - 60_000), h.settings)).to.include({ adopted: 0, resent: 0 });
    expect((await h.message(id)).status).to.equal('unknown');

    expect(await reconcileUnknownMessages(later(WINDOW_MS + 1_000), h.settings)).to.include({ resent: 1 });
    expect((await h.message(id)).status).to.equal('queued');
    await h.drainSendJobs();
    const row = await h.message(id);
    expect(row).to.include({ status: 'sent', send_attempts: 2, unknown_outcomes: 1, error_code: null });
    expect(await reconcileUnknownMessages(later(WINDOW_MS * 3), h.settings)).to.include({ resent: 0, adopted: 0 });

    const requests = h.sandbox.log.entries({ endpoint: 'messages' });
    expect(requests).to.have.length(2);
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
    // Each send has its own callback data: a late status of the first can never be taken for the second.
    const [first, second] = requests.map((r) => (r.body as { biz_opaque_callback_data: string }).biz_opaque_callback_data);
    expect(first).to.not.equal(second);
    expect(first!.startsWith(`${id}:`) && second!.startsWith(`${id}:`)).to.equal(true);
  });

  it('turns a message abandoned in `sending` (its worker died) into `unknown`, and does not touch fresh ones', async () => {
    h = await startOutboundHarness();
    const crashed = await queuedMessage('213555000201');
    const inFlight = await queuedMessage('213555000202');
    const db = h.db.dataSource;
    await db.query(`UPDATE whatsapp_messages SET status = 'sending', sending_at = now() - interval '5 minutes' WHERE id = $1`, [crashed]);
    await db.query(`UPDATE whatsapp_messages SET status = 'sending', sending_at = now() WHERE id = $1`, [inFlight]);

    expect(await reconcileUnknownMessages(h.context, h.settings)).to.include({ markedUnknown: 1 });
    expect(await h.message(crashed)).to.include({ status: 'unknown', unknown_outcomes: 1, send_attempts: 1 });
    expect((await h.message(inFlight)).status).to.equal('sending');
  });

  it('fails a message whose outcome stayed unknown too many times instead of resending it again', async () => {
    h = await startOutboundHarness({ settings: { maxUnknownOutcomes: 2 } });
    const id = await queuedMessage();
    await h.db.dataSource.query(
      `UPDATE whatsapp_messages SET status = 'unknown', unknown_outcomes = 2, send_attempts = 2, sending_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    expect(await reconcileUnknownMessages(h.context, h.settings)).to.include({ failed: 1, resent: 0 });
    expect(await h.message(id)).to.include({ status: 'failed', error_explanation_key: 'outbound.failure.outcomeNeverKnown' });
    expect(await h.pendingSendJobs()).to.deep.equal([]);
    const events = await h.db.dataSource.query(`SELECT kind, data->'message'->>'id' AS id FROM whatsapp_outbox_events WHERE kind LIKE 'message.%'`);
    expect(events).to.deep.equal([{ kind: 'message.failed', id }]);
  });

  it('runs as a sweep scheduled for every process at once', async () => {
    h = await startOutboundHarness();
    const queue = await registerReconcileWorker(h.context, { settings: h.settings });
    const schedules = await h.db.dataSource.query(`SELECT name, cron FROM whatsapp_jobs.schedule`);
    expect(schedules).to.deep.equal([{ name: queue, cron: '* * * * *' }]);
    // A scheduled run is a job like this one.
    const id = await queuedMessage();
    await h.db.dataSource.query(`UPDATE whatsapp_messages SET status = 'sending', sending_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    await h.jobs.send(queue, {});
    await waitFor('the sweep to run', async () => (await h.message(id)).status === 'unknown');
  });

  it('gives a queued message whose job was lost a new job', async () => {
    h = await startOutboundHarness();
    const lost = await queuedMessage('213555000203');
    const recent = await queuedMessage('213555000204');
    await h.db.dataSource.query(`UPDATE whatsapp_messages SET queued_at = now() - interval '1 hour' WHERE id = $1`, [lost]);
    expect(await reconcileUnknownMessages(h.context, h.settings)).to.include({ requeued: 1 });
    expect((await h.pendingSendJobs()).map((job) => job.messageId)).to.deep.equal([lost]);
    await h.drainSendJobs();
    expect((await h.message(lost)).status).to.equal('sent');
    expect((await h.message(recent)).status).to.equal('queued');
  });
});

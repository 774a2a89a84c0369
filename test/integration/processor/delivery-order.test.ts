import { expect } from 'chai';
import { buildDelivery, newWamid } from '../../../src/sandbox/simulated-deliveries.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyParkedUpdates } from '../../../src/statuses/apply-parked-updates.js';
import { findParkedWamid } from '../../../src/statuses/find-parked-wamid.js';
import { processWebhookEvent } from '../../../src/inbound/process-webhook-event.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { at, count, deliver, eventRow, insertOutboundMessage, messageByWamid, storeDelivery, refusePoisonMessages } from './support/deliveries.js';

describe('processor: batches, redeliveries and statuses in any order', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());

  const db = () => t.db.dataSource;

  /** A conversation with one outbound message the sending side has stored with its wamid. */
  async function outboundMessage(from = '213555123456'): Promise<{ wamid: string; conversationId: string }> {
    const seed = newWamid();
    await deliver(t.context, buildDelivery('text', { from, wamid: seed }));
    const { conversationId } = (await messageByWamid(db(), seed))!;
    const wamid = newWamid();
    await insertOutboundMessage(db(), { conversationId, wamid });
    return { wamid, conversationId };
  }

  function statusDelivery(wamid: string, status: 'sent' | 'delivered' | 'read' | 'played' | 'failed', timestamp: number, callbackData?: string) {
    return buildDelivery('status', { wamid, status, timestamp, ...(callbackData ? { callbackData } : {}) });
  }

  it('processes every entry, change, message and status of a batched delivery', async () => {
    const outbound = await outboundMessage();
    const delivery = buildDelivery('batched', { wamid: outbound.wamid, timestamp: 1763712400 });
    const { eventId, outcome } = await deliver(t.context, delivery);
    expect(outcome).to.equal('processed');
    expect(await eventRow(db(), eventId)).to.include({ status: 'processed', attempts: 1, lastError: null });

    const texts = await db().query(`SELECT body FROM whatsapp_messages WHERE direction = 'inbound' AND type = 'text' ORDER BY received_at`);
    expect(texts.map((r: { body: string }) => r.body)).to.include.members([
      'Premier message',
      'Bonjour, nous sommes une école privée à Oran',
      'Deuxième message',
    ]);
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE type IN ('location', 'image')`)).to.equal(2);
    expect(await count(db(), `SELECT 1 FROM whatsapp_contacts`)).to.equal(3);

    const sent = await messageByWamid(db(), outbound.wamid);
    expect(sent).to.include({ status: 'read' });
    expect(sent!.sentAt).to.deep.equal(at(1763712403));
    expect(sent!.deliveredAt).to.deep.equal(at(1763712404));
    expect(sent!.readAt).to.deep.equal(at(1763712409));
    expect(sent!.reactions.map((r) => r.emoji)).to.deep.equal(['❤️']);
    // The failed status of a message this inbox never stored is parked, not lost.
    expect(await count(db(), `SELECT 1 FROM whatsapp_pending_statuses WHERE status = 'failed'`)).to.equal(1);
  });

  it('stores a message delivered 3 times once; each delivery’s event is still processed', async () => {
    const wamid = newWamid();
    const body = buildDelivery('text', { wamid, from: '213555000201' });
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await deliver(t.context, body));
    expect(events.map((e) => e.outcome)).to.deep.equal(['processed', 'processed', 'processed']);
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE wamid = $1`, [wamid])).to.equal(1);
    const [conversation] = await db().query(`SELECT unread_count FROM whatsapp_conversations`);
    expect(conversation.unread_count).to.equal(1);
    expect(await count(db(), `SELECT 1 FROM whatsapp_conversation_events WHERE kind = 'opened'`)).to.equal(1);
  });

  it('moves a status only forward: read, then delivered, then sent ends read with every time recorded', async () => {
    const { wamid } = await outboundMessage();
    for (const [status, timestamp] of [['read', 1763712430], ['delivered', 1763712420], ['sent', 1763712410]] as const) {
      expect((await deliver(t.context, statusDelivery(wamid, status, timestamp))).outcome).to.equal('processed');
      expect((await messageByWamid(db(), wamid))!.status).to.equal('read');
    }
    const row = await messageByWamid(db(), wamid);
    expect([row!.sentAt, row!.deliveredAt, row!.readAt]).to.deep.equal([at(1763712410), at(1763712420), at(1763712430)]);
  });

  it('records played as read, and keeps failed terminal with Meta’s code, title and details', async () => {
    const voice = await outboundMessage('213555000202');
    await deliver(t.context, statusDelivery(voice.wamid, 'played', 1763712440));
    expect(await messageByWamid(db(), voice.wamid)).to.include({ status: 'read' });

    const { wamid } = await outboundMessage('213555000203');
    await deliver(t.context, statusDelivery(wamid, 'failed', 1763712450));
    await deliver(t.context, statusDelivery(wamid, 'delivered', 1763712460));
    const row = await messageByWamid(db(), wamid);
    expect(row).to.include({ status: 'failed', errorCode: 131047, errorTitle: 'Re-engagement message' });
    expect(row!.errorDetails).to.equal('More than 24 hours have passed since the recipient last replied.');
    expect(row!.failedAt).to.deep.equal(at(1763712450));
    expect(row!.deliveredAt).to.deep.equal(at(1763712460));
  });

  it('parks a status that arrives before its message, with its callback data, and applies it when the wamid is recorded', async () => {
    const seed = await outboundMessage('213555000204');
    const wamid = newWamid();
    await deliver(t.context, statusDelivery(wamid, 'delivered', 1763712470, 'our-message-42'));
    await deliver(t.context, statusDelivery(wamid, 'sent', 1763712465, 'our-message-42'));
    const parked = await db().query(
      `SELECT status, biz_opaque_callback_data FROM whatsapp_pending_statuses WHERE wamid = $1 ORDER BY status`,
      [wamid],
    );
    expect(parked).to.deep.equal([
      { status: 'delivered', biz_opaque_callback_data: 'our-message-42' },
      { status: 'sent', biz_opaque_callback_data: 'our-message-42' },
    ]);

    // The sending side learns the wamid of its message (here after a timeout: found through the callback data).
    const messageId = await insertOutboundMessage(db(), { conversationId: seed.conversationId, wamid: null, status: 'unknown' });
    await inTransaction(db(), async (tx) => {
      const found = await findParkedWamid(tx.manager, 'our-message-42');
      expect(found).to.equal(wamid);
      await tx.manager.query(`UPDATE whatsapp_messages SET wamid = $2 WHERE id = $1`, [messageId, found]);
      await applyParkedUpdates(tx.manager, wamid);
    });
    const row = await messageByWamid(db(), wamid);
    expect(row).to.include({ status: 'delivered' });
    expect([row!.sentAt, row!.deliveredAt]).to.deep.equal([at(1763712465), at(1763712470)]);
    expect(await count(db(), `SELECT 1 FROM whatsapp_pending_statuses WHERE wamid = $1`, [wamid])).to.equal(0);
  });

  it('keeps the conversation’s times and unread count right when messages arrive out of order', async () => {
    const from = '213555000205';
    for (const timestamp of [1763712500, 1763712300, 1763712400]) {
      await deliver(t.context, buildDelivery('text', { from, timestamp }));
    }
    const [conversation] = await db().query(`SELECT unread_count, last_message_at, last_inbound_at FROM whatsapp_conversations`);
    expect(conversation).to.deep.equal({ unread_count: 3, last_message_at: at(1763712500), last_inbound_at: at(1763712500) });
  });

  it('dedups on what was stored: a delivery whose processing failed is stored when it comes again', async () => {
    const wamid = newWamid();
    await refusePoisonMessages(db());
    const broken = buildDelivery('text', { wamid, from: '213555000206' });
    const { value } = broken.entry[0]!.changes[0]!;
    (value.messages as Record<string, unknown>[]).push({ id: newWamid(), from: '213555000206', timestamp: '1763712500', type: 'text', text: { body: 'POISON' } });
    const eventId = await storeDelivery(t.context, broken);
    let error: unknown;
    await processWebhookEvent(t.context, eventId).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('poison');
    expect(await eventRow(db(), eventId)).to.deep.include({ status: 'failed', attempts: 1 });
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages`)).to.equal(0);

    const retried = await deliver(t.context, buildDelivery('text', { wamid, from: '213555000206' }));
    expect(retried.outcome).to.equal('processed');
    expect(await count(db(), `SELECT 1 FROM whatsapp_messages WHERE wamid = $1`, [wamid])).to.equal(1);
  });
});

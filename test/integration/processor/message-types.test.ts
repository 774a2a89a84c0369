import { expect } from 'chai';
import { buildDelivery, newWamid, type DeliveryOptions, type SimulationKind } from '../../../src/sandbox/simulated-deliveries.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyParkedUpdates } from '../../../src/statuses/apply-parked-updates.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { at, count, deliver, insertOutboundMessage, messageByWamid, type MessageRow } from './support/deliveries.js';

describe('processor: every inbound message type is stored with what an agent needs', () => {
  let t: TestPluginContext;
  before(async () => {
    t = await createTestPluginContext();
  });
  after(async () => t.close());

  async function receive(kind: SimulationKind, options: DeliveryOptions = {}): Promise<MessageRow> {
    const wamid = options.wamid ?? newWamid();
    const { outcome } = await deliver(t.context, buildDelivery(kind, { ...options, wamid }));
    expect(outcome).to.equal('processed');
    const row = await messageByWamid(t.db.dataSource, wamid);
    expect(row, `${kind} stored`).to.not.equal(undefined);
    expect(row!.direction).to.equal('inbound');
    expect(row!.status).to.equal('received');
    return row!;
  }

  async function downloadJobsFor(messageId: string): Promise<number> {
    return count(t.db.dataSource, `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND data->>'messageId' = $2`, [QUEUES.downloadMedia, messageId]);
  }

  it('text, with its Meta timestamp and the raw message kept', async () => {
    const row = await receive('text', { text: 'Salam, je cherche des informations', timestamp: 1763712400 });
    expect(row).to.include({ type: 'text', body: 'Salam, je cherche des informations' });
    expect(row.receivedAt).to.deep.equal(at(1763712400));
    expect(row.payload).to.have.nested.property('text.body', 'Salam, je cherche des informations');
  });

  for (const [kind, type, mime] of [
    ['image', 'image', 'image/jpeg'],
    ['video', 'video', 'video/mp4'],
    ['audio', 'audio', 'audio/mpeg'],
    ['voice', 'audio', 'audio/ogg; codecs=opus'],
    ['document', 'document', 'application/pdf'],
    ['sticker', 'sticker', 'image/webp'],
  ] as const) {
    it(`${kind}: media id, type and checksum stored, and its download enqueued in the same transaction`, async () => {
      const row = await receive(kind);
      expect(row.type).to.equal(type);
      expect(row.mediaId).to.match(/^\d+$/);
      expect(row.mediaMimeType).to.equal(mime);
      expect(row.mediaSha256).to.match(/^[A-Za-z0-9+/=]{40,}$/);
      expect(await downloadJobsFor(row.id)).to.equal(1);
    });
  }

  it('audio keeps the voice-note flag; document keeps its file name and caption', async () => {
    const voice = await receive('voice');
    expect(voice.payload).to.have.nested.property('audio.voice', true);
    const audio = await receive('audio');
    expect(audio.payload).to.have.nested.property('audio.voice', false);
    const document = await receive('document', { text: 'Dossier complet' });
    expect(document).to.include({ mediaFileName: 'reçu-inscription.pdf', body: 'Dossier complet' });
  });

  it('location, shared contacts and an order are readable in the thread', async () => {
    expect((await receive('location')).body).to.equal('École Les Oliviers, Boulevard de l’ALN, Oran');
    expect((await receive('contacts')).body).to.equal('Karim Haddad (+213 661 98 76 54)');
    const order = await receive('order');
    expect(order.body).to.contain('Commande pour la rentrée').and.contain('1 × cours-anglais-a1');
  });

  it('interactive button, list and flow replies, and a template quick-reply button', async () => {
    expect(await receive('button-reply', { text: 'Oui' })).to.include({ type: 'interactive', body: 'Oui' });
    expect(await receive('list-reply', { text: 'Anglais A1' })).to.include({ type: 'interactive', body: 'Anglais A1' });
    const flow = await receive('flow-reply');
    expect(flow.type).to.equal('interactive');
    expect(flow.body).to.contain('level: B1');
    expect(await receive('button', { text: 'Confirmer' })).to.include({ type: 'button', body: 'Confirmer' });
  });

  it('unsupported keeps Meta’s error; request_welcome is stored without a body', async () => {
    const unsupported = await receive('unsupported');
    expect(unsupported).to.include({ type: 'unsupported', errorCode: 131051, errorTitle: 'Message type unknown' });
    expect(unsupported.errorDetails).to.equal('Message type is currently not supported.');
    expect(await receive('request-welcome')).to.include({ type: 'request_welcome', body: null });
  });

  it('a message type newer than this code is still stored, with its raw body', async () => {
    const wamid = newWamid();
    const delivery = buildDelivery('text', { wamid });
    const message = (delivery.entry[0]!.changes[0]!.value.messages as Record<string, unknown>[])[0]!;
    delete message.text;
    Object.assign(message, { type: 'hologram', hologram: { caption: 'Vu en 3D' } });
    expect((await deliver(t.context, delivery)).outcome).to.equal('processed');
    expect(await messageByWamid(t.db.dataSource, wamid)).to.include({ type: 'hologram', body: 'Vu en 3D' });
  });

  it('a reply keeps the message it replies to', async () => {
    const original = await receive('text');
    const reply = await receive('text', { replyTo: original.wamid, text: 'Je précise :' });
    expect(reply.replyToWamid).to.equal(original.wamid);
  });

  it('a reaction is attached to its message, replaced by a newer one, and removed by an empty one', async () => {
    const from = '213555000101';
    const target = await receive('text', { from, timestamp: 1763712000 });
    const react = (emoji: string, timestamp: number) =>
      deliver(t.context, buildDelivery('reaction', { from, wamid: target.wamid, emoji, timestamp }));

    await react('👍', 1763712010);
    let row = await messageByWamid(t.db.dataSource, target.wamid);
    expect(row!.reactions.map((r) => [r.emoji, r.from])).to.deep.equal([['👍', 'customer']]);
    expect(await count(t.db.dataSource, `SELECT 1 FROM whatsapp_messages WHERE type = 'reaction'`)).to.equal(0);

    await react('❤️', 1763712020);
    row = await messageByWamid(t.db.dataSource, target.wamid);
    expect(row!.reactions.map((r) => r.emoji)).to.deep.equal(['❤️']);

    await react('', 1763712030);
    row = await messageByWamid(t.db.dataSource, target.wamid);
    expect(row!.reactions).to.deep.equal([]);
  });

  it('a reaction to a message not stored yet appears when that message does', async () => {
    const from = '213555000102';
    const seed = await receive('text', { from });
    const outboundWamid = newWamid();
    await deliver(t.context, buildDelivery('reaction', { from, wamid: outboundWamid, emoji: '🙏' }));

    // The sending side records the wamid Meta gave its message, then applies what waited for it.
    await insertOutboundMessage(t.db.dataSource, { conversationId: seed.conversationId, wamid: null });
    await inTransaction(t.db.dataSource, async (tx) => {
      await tx.manager.query(`UPDATE whatsapp_messages SET wamid = $1 WHERE wamid IS NULL AND conversation_id = $2`, [outboundWamid, seed.conversationId]);
      await applyParkedUpdates(tx.manager, outboundWamid);
    });
    const row = await messageByWamid(t.db.dataSource, outboundWamid);
    expect(row!.reactions.map((r) => [r.emoji, r.from])).to.deep.equal([['🙏', 'customer']]);
  });

  it('system user_changed_number moves the contact to the new number and keeps the notice in the thread', async () => {
    const from = '213555000103';
    await receive('text', { from });
    const notice = await receive('system', { from, newWaId: '213661000222' });
    expect(notice.type).to.equal('system');
    expect(notice.body).to.contain('changed from');
    const contacts = await t.db.dataSource.query(`SELECT wa_id, phone_e164 FROM whatsapp_contacts WHERE wa_id IN ($1, $2)`, [from, '213661000222']);
    expect(contacts).to.deep.equal([{ wa_id: '213661000222', phone_e164: '+213661000222' }]);
    // The customer's next message, from the new number, continues the same conversation.
    const next = await receive('text', { from: '213661000222' });
    expect(next.conversationId).to.equal(notice.conversationId);
  });
});

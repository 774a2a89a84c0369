import { expect } from 'chai';
import pg from 'pg';
import { INBOX_CHANNEL } from '../../../src/db/notify.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { registerSendMessageWorker } from '../../../src/jobs/send-message.job.js';
import { reply } from '../../../src/conversations/reply.js';
import { sendMedia } from '../../../src/conversations/send-media.js';
import { sendQueuedMessage } from '../../../src/delivery/send-queued-message.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { ACCESS_TOKEN, startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';
import { waitFor } from './support/wait-for.js';

describe('outbound: a send is one transaction, one claim, one request', () => {
  let h: OutboundHarness;
  afterEach(async () => h.close());

  const CALLBACK = /^[0-9a-f-]{36}:[0-9a-f]{8}$/;

  it('writes the queued message and its job together, addressed to the wa_id exactly as Meta gave it', async () => {
    h = await startOutboundHarness();
    // A Mexican number as WhatsApp reports it (521…): the reply goes there, not to the E.164 spelling.
    const { conversationId } = await h.conversation({ waId: '5215512345678' });
    const queued = await reply(h.context, { conversationId, text: 'Bonjour 👋', actor: null });

    expect(queued).to.include({ status: 'queued', direction: 'outbound', type: 'text', body: 'Bonjour 👋', conversationId, wamid: null });
    expect(queued.queuedAt).to.be.instanceOf(Date);
    expect(queued.payload).to.deep.include({ type: 'text', to: '5215512345678', text: { body: 'Bonjour 👋' } });
    expect(String(queued.payload?.biz_opaque_callback_data)).to.match(CALLBACK).and.to.satisfy((v: string) => v.startsWith(queued.id));
    expect((await h.pendingSendJobs()).map((job) => job.messageId)).to.deep.equal([queued.id]);
  });

  it('writes nothing when the job cannot be queued: the row and the job commit or roll back together', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation();
    await h.jobs.deleteQueue(QUEUES.sendMessage);
    let error: unknown;
    await reply(h.context, { conversationId, text: 'lost?', actor: null }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(await h.db.dataSource.query(`SELECT id FROM whatsapp_messages`)).to.deep.equal([]);
  });

  it('sends through the worker: sending (before the request), then the wamid and sent, with the exact Graph body', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation({ waId: '213555123456' });
    await registerSendMessageWorker(h.context, { settings: h.settings });
    const queued = await reply(h.context, { conversationId, text: 'Votre commande est prête.', actor: null, previewUrl: true });

    await waitFor('the message to be sent', async () => (await h.message(queued.id)).status === 'sent');
    const sent = await h.message(queued.id);
    const [request] = h.sandbox.log.entries({ endpoint: 'messages' });
    expect(request!.accessToken).to.equal(ACCESS_TOKEN);
    expect(request!.path).to.equal(`/${TEST_ACCOUNT.phoneNumberId}/messages`);
    expect(request!.body).to.deep.equal({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '213555123456',
      type: 'text',
      text: { body: 'Votre commande est prête.', preview_url: true },
      biz_opaque_callback_data: (sent.payload as { biz_opaque_callback_data: string }).biz_opaque_callback_data,
    });
    expect(sent.wamid).to.equal(request!.wamid);
    expect(sent.send_attempts).to.equal(1);
    expect((sent.sending_at as Date).getTime()).to.be.at.most((sent.sent_at as Date).getTime());
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
  });

  it('follows the status webhooks to read, through the webhook route and the processor', async () => {
    h = await startOutboundHarness({ webhooks: true });
    const { conversationId } = await h.conversation();
    await registerSendMessageWorker(h.context, { settings: h.settings });
    const queued = await reply(h.context, { conversationId, text: 'Merci !', actor: null });
    await waitFor('read', async () => (await h.message(queued.id)).status === 'read');
    const row = await h.message(queued.id);
    expect(row.delivered_at).to.be.instanceOf(Date);
    expect(row.read_at).to.be.instanceOf(Date);
  });

  it('never moves a message backwards when a status webhook got there before the answer', async () => {
    h = await startOutboundHarness({ webhooks: true });
    const { conversationId } = await h.conversation();
    const queued = await reply(h.context, { conversationId, text: 'race', actor: null });
    const db = h.db.dataSource;
    // Meta's answer is held back until the statuses have come in and been parked: the race, made certain.
    const graph = {
      ...h.context.graph,
      sendMessage: async (...args: Parameters<typeof h.context.graph.sendMessage>) => {
        const sent = await h.context.graph.sendMessage(...args);
        await waitFor('parked statuses', async () => (await db.query(`SELECT 1 FROM whatsapp_pending_statuses WHERE wamid = $1 AND status = 'read'`, [sent.wamid])).length > 0);
        return sent;
      },
    };
    expect(await sendQueuedMessage({ ...h.context, graph }, queued.id, h.settings)).to.have.property('outcome', 'sent');
    const row = await h.message(queued.id);
    expect(row.status).to.equal('read');
    expect(row.sent_at).to.be.instanceOf(Date);
    expect(await db.query(`SELECT 1 FROM whatsapp_pending_statuses`)).to.have.length(0);
  });

  it('claims a message once: a duplicate job does not send it again', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation();
    const queued = await reply(h.context, { conversationId, text: 'once', actor: null });
    const outcomes = await Promise.all([1, 2, 3].map(() => sendQueuedMessage(h.context, queued.id, h.settings)));
    expect(outcomes.map((o) => o.outcome).sort()).to.deep.equal(['sent', 'skipped', 'skipped']);
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(1);
  });

  it('tells the live inbox when a message leaves queued for sending, then again when it is sent', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation();
    const queued = await reply(h.context, { conversationId, text: 'suivi en direct', actor: null });
    const listener = new pg.Client({ connectionString: h.db.url });
    await listener.connect();
    const seen: { kind: string; messageId?: string }[] = [];
    listener.on('notification', (message) => seen.push(JSON.parse(message.payload ?? '{}')));
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      expect((await sendQueuedMessage(h.context, queued.id, h.settings)).outcome).to.equal('sent');
      // A marker sent afterwards arrives after every earlier notification (commit order): no sleeping.
      await listener.query(`SELECT pg_notify($1, '{"kind":"marker"}')`, [INBOX_CHANNEL]);
      await waitFor('the marker', async () => seen.some((notice) => notice.kind === 'marker'));
      const updates = seen.filter((notice) => notice.kind === 'message.updated' && notice.messageId === queued.id);
      expect(updates.length, 'one for sending, one for sent').to.be.at.least(2);
    } finally {
      await listener.end();
    }
  });

  it('sends media by uploaded id or link, with caption and file name', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation({ waId: '213555000777' });
    const document = await sendMedia(h.context, {
      conversationId,
      kind: 'document',
      media: { link: 'https://example.com/devis.pdf' },
      caption: 'Le devis',
      filename: 'devis.pdf',
      actor: null,
    });
    const uploaded = await h.context.graph.uploadMedia(
      { accessToken: ACCESS_TOKEN, phoneNumberId: TEST_ACCOUNT.phoneNumberId },
      { data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), mimeType: 'image/jpeg', filename: 'photo.jpg' },
    );
    const image = await sendMedia(h.context, { conversationId, kind: 'image', media: { id: uploaded.id }, actor: null });
    await h.drainSendJobs();
    const bodies = h.sandbox.log.acceptedMessages().map((entry) => entry.body as Record<string, unknown>);
    expect(bodies.find((b) => b.type === 'document')).to.deep.include({ to: '213555000777', document: { link: 'https://example.com/devis.pdf', caption: 'Le devis', filename: 'devis.pdf' } });
    expect(bodies.find((b) => b.type === 'image')).to.deep.include({ image: { id: uploaded.id } });
    expect((await h.message(document.id)).body).to.equal('Le devis');
    expect((await h.message(image.id)).media_id).to.equal(uploaded.id);
  });

  it('quotes a message it replies to by its wamid', async () => {
    h = await startOutboundHarness();
    const { conversationId } = await h.conversation();
    const db = h.db.dataSource;
    const [inbound] = await db.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, 'wamid.INBOUND1', 'inbound', 'text', 'hi', 'received') RETURNING id`,
      [conversationId],
    );
    const queued = await reply(h.context, { conversationId, text: 'hello', actor: null, replyToMessageId: inbound.id });
    expect(queued.replyToWamid).to.equal('wamid.INBOUND1');
    await h.drainSendJobs();
    expect(h.sandbox.log.acceptedMessages()[0]!.body).to.deep.include({ context: { message_id: 'wamid.INBOUND1' } });
  });
});

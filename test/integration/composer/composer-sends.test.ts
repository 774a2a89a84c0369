import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { reactToMessage } from '../../../src/conversations/react-to-message.js';
import { reply } from '../../../src/conversations/reply.js';
import { sendInteractive, type InteractiveMessage } from '../../../src/conversations/send-interactive.js';
import { sendMedia } from '../../../src/conversations/send-media.js';
import { sendTextTo } from '../../../src/conversations/send-to-target.js';
import { MEDIA_SIZE_LIMITS } from '../../../src/domain/media-rules.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { SAMPLE_MEDIA } from '../../../src/sandbox/sample-media.js';
import { insertAgent } from '../../support/login-users.js';
import { rejectionOf } from '../../support/rejection.js';
import { startOutboundHarness, type OutboundHarness } from '../outbound/support/outbound-harness.js';

/**
 * Every kind of send the composer offers, through its use case and the send pipeline to the
 * sandbox: what Meta receives, what the thread keeps, and what is refused before anything leaves.
 */
describe('composer sends', function () {
  this.timeout(60_000);
  let h: OutboundHarness;
  let mediaDir: string;
  let agent: InboxActor;

  before(async () => {
    h = await startOutboundHarness();
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-composer-'));
    h.context.options.mediaDir = mediaDir;
    agent = { id: await insertAgent(h.context.dataSource, { id: 'agent-1', name: 'Karim' }) };
    for (const permission of ['inbox.view', 'inbox.reply']) {
      await h.context.dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [agent.id, permission, h.accountId]);
    }
  });
  after(async () => {
    await h?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const sent = () => h.sandbox.log.acceptedMessages().map((entry) => entry.body as Record<string, unknown>);
  const refusal = (promise: Promise<unknown>) => rejectionOf(promise, OutboundRefusal);

  it('uploads an attached photo through the Graph media endpoint, sends it by id, and keeps the file for the thread', async () => {
    const { conversationId } = await h.conversation();
    const photo = SAMPLE_MEDIA.image.data;
    const message = await sendMedia(h.context, { conversationId, kind: 'image', file: { data: photo, mimeType: 'image/jpeg', fileName: 'reçu.jpg' }, caption: 'Votre reçu', actor: agent });
    await h.drainSendJobs();

    const upload = h.sandbox.log.last('media-upload')!;
    expect(upload.body).to.deep.include({ messaging_product: 'whatsapp', type: 'image/jpeg' });
    const uploadedId = (upload.answer as { id: string }).id;
    expect(sent().at(-1)).to.deep.include({ type: 'image', image: { id: uploadedId, caption: 'Votre reçu' } });
    const row = await h.message(message.id);
    expect(row).to.deep.include({ media_id: uploadedId, media_mime_type: 'image/jpeg', media_file_name: 'reçu.jpg', body: 'Votre reçu', sent_by_id: agent.id });
    expect(await readFile(path.join(mediaDir, String(row.media_storage_path)))).to.deep.equal(photo);
  });

  it('refuses a file Meta would refuse before anything is uploaded or queued, saying why', async () => {
    const { conversationId } = await h.conversation();
    const uploads = h.sandbox.log.entries({ endpoint: 'media-upload' }).length;
    const gif = await refusal(sendMedia(h.context, { conversationId, kind: 'image', file: { data: Buffer.from('GIF89a'), mimeType: 'image/gif' }, actor: agent }));
    expect(gif).to.include({ reason: 'attachment-unsupported-type', key: 'outbound.refusal.attachmentUnsupportedType' });
    const big = Buffer.alloc(MEDIA_SIZE_LIMITS.image + 1);
    const tooLarge = await refusal(sendMedia(h.context, { conversationId, kind: 'image', file: { data: big, mimeType: 'image/png' }, actor: agent }));
    expect(tooLarge.params).to.deep.equal({ maxMegabytes: 5 });
    const closed = await h.conversation({ lastInboundAt: new Date(Date.now() - 25 * 3600_000) });
    const window = await refusal(sendMedia(h.context, { conversationId: closed.conversationId, kind: 'document', file: { data: SAMPLE_MEDIA.document.data, mimeType: 'application/pdf' }, actor: agent }));
    expect(window.reason).to.equal('window-closed');
    expect(h.sandbox.log.entries({ endpoint: 'media-upload' }).length).to.equal(uploads);
    const [{ count }] = await h.context.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE conversation_id = ANY($1::uuid[])`, [[conversationId, closed.conversationId]]);
    expect(count).to.equal(0);
  });

  it('quotes a message: the reply carries its wamid as context', async () => {
    const { conversationId } = await h.conversation();
    const first = await reply(h.context, { conversationId, text: 'Bonjour', actor: agent });
    await h.drainSendJobs();
    const quoted = await h.message(first.id);
    const answer = await reply(h.context, { conversationId, text: 'Comme je disais', actor: agent, replyToMessageId: first.id });
    await h.drainSendJobs();
    expect(sent().at(-1)).to.deep.include({ context: { message_id: quoted.wamid } });
    expect((await h.message(answer.id)).reply_to_wamid).to.equal(quoted.wamid);
  });

  it('reacts to a message and removes the reaction: reaction messages go, the message shows the latest one', async () => {
    const { conversationId } = await h.conversation();
    const target = await reply(h.context, { conversationId, text: 'Votre inscription est confirmée', actor: agent });
    await h.drainSendJobs();
    const wamid = (await h.message(target.id)).wamid;
    const reactions = async () => ((await h.message(target.id)).reactions as { emoji: string; from: string }[]).map((r) => [r.from, r.emoji]);

    await reactToMessage(h.context, { conversationId, messageId: target.id, emoji: '👍', actor: agent });
    await h.drainSendJobs();
    await reactToMessage(h.context, { conversationId, messageId: target.id, emoji: '❤️', actor: agent });
    expect(await reactions()).to.deep.equal([['agent', '❤️']]);
    await h.drainSendJobs();
    await reactToMessage(h.context, { conversationId, messageId: target.id, emoji: '', actor: agent });
    await h.drainSendJobs();

    expect(await reactions()).to.deep.equal([]);
    expect(sent().slice(-3).map((body) => body.reaction)).to.deep.equal([
      { message_id: wamid, emoji: '👍' },
      { message_id: wamid, emoji: '❤️' },
      { message_id: wamid, emoji: '' },
    ]);
  });

  it('sends only the latest of reactions given before any went: the customer ends with the last one', async () => {
    const { conversationId } = await h.conversation();
    const target = await reply(h.context, { conversationId, text: 'À demain', actor: agent });
    await h.drainSendJobs();
    const before = sent().length;
    for (const emoji of ['👍', '😂', '🙏']) await reactToMessage(h.context, { conversationId, messageId: target.id, emoji, actor: agent });
    await h.drainSendJobs();
    expect(sent().slice(before).map((body) => (body.reaction as { emoji: string }).emoji)).to.deep.equal(['🙏']);
  });

  const kinds: [string, InteractiveMessage][] = [
    ['reply buttons', { type: 'button', body: { text: 'Quel cours ?' }, action: { buttons: [1, 2, 3].map((n) => ({ type: 'reply' as const, reply: { id: `b${n}`, title: `Cours ${n}` } })) } }],
    ['a list', { type: 'list', body: { text: 'Nos horaires' }, action: { button: 'Voir', sections: [{ title: 'Semaine', rows: Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, title: `Créneau ${i}` })) }] } }],
    ['a call-to-action URL button', { type: 'cta_url', body: { text: 'Inscrivez-vous en ligne' }, action: { name: 'cta_url', parameters: { display_text: 'S’inscrire', url: 'https://example.com/inscription' } } }],
  ];
  for (const [name, interactive] of kinds) {
    it(`sends ${name} at Meta's limit, as Meta takes it`, async () => {
      const { conversationId } = await h.conversation();
      const message = await sendInteractive(h.context, { conversationId, interactive, actor: agent });
      await h.drainSendJobs();
      expect(sent().at(-1)).to.deep.include({ type: 'interactive', interactive });
      expect((await h.message(message.id)).status).to.be.oneOf(['sent', 'delivered', 'read']);
    });
  }

  it('refuses an interactive message past Meta\'s limits, listing them, and queues nothing', async () => {
    const { conversationId } = await h.conversation();
    const four = { type: 'button', body: { text: 'x' }, action: { buttons: [1, 2, 3, 4].map((n) => ({ type: 'reply', reply: { id: `b${n}`, title: 'Un titre bien trop long pour un bouton' } })) } };
    const refused = await refusal(sendInteractive(h.context, { conversationId, interactive: four as InteractiveMessage, actor: agent }));
    expect(refused.reason).to.equal('invalid-message');
    expect(refused.problems.join('\n')).to.match(/1 to 3 buttons/).and.match(/at most 20 characters/);
  });

  it('gives an unassigned conversation to the agent who answers it, unless the number says otherwise', async () => {
    const { conversationId } = await h.conversation();
    await reply(h.context, { conversationId, text: 'Je m’en occupe', actor: agent });
    const [taken] = await h.context.dataSource.query(`SELECT assignee_id FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
    expect(taken.assignee_id).to.equal(agent.id);
    const [event] = await h.context.dataSource.query(`SELECT actor_id, details FROM whatsapp_conversation_events WHERE conversation_id = $1 AND kind = 'assigned'`, [conversationId]);
    expect(event).to.deep.equal({ actor_id: agent.id, details: { assigneeId: agent.id, previousAssigneeId: null, reason: 'replied' } });
    const [told] = await h.context.dataSource.query(`SELECT data FROM whatsapp_outbox_events WHERE conversation_id = $1 AND kind = 'conversation.assigned'`, [conversationId]);
    expect(told?.data, 'hosts hear of it').to.include({ assigneeId: agent.id, actorId: agent.id, reason: 'replied' });

    await h.context.dataSource.query(`UPDATE whatsapp_accounts SET assign_on_reply = false`);
    const other = await h.conversation();
    await reply(h.context, { conversationId: other.conversationId, text: 'Bonjour', actor: agent });
    const [left] = await h.context.dataSource.query(`SELECT assignee_id FROM whatsapp_conversations WHERE id = $1`, [other.conversationId]);
    expect(left.assignee_id).to.equal(null);
    await h.context.dataSource.query(`UPDATE whatsapp_accounts SET assign_on_reply = true`);
  });

  it('leaves an unassigned conversation unassigned when the host’s code sends as the agent', async () => {
    const { conversationId } = await h.conversation();
    await sendTextTo(h.context, { conversationId }, { text: 'Votre devis est prêt' }, agent);
    const [left] = await h.context.dataSource.query(`SELECT assignee_id FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
    expect(left.assignee_id).to.equal(null);
    const [{ count }] = await h.context.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE conversation_id = $1 AND sent_by_id = $2`, [conversationId, agent.id]);
    expect(count, 'the message is still the agent’s').to.equal(1);
  });
});

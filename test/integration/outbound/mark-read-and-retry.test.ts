import { expect } from 'chai';
import { markConversationRead } from '../../../src/conversations/mark-conversation-read.js';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { reply } from '../../../src/conversations/reply.js';
import { retryMessage } from '../../../src/conversations/retry-message.js';
import { sendQueuedMessage } from '../../../src/delivery/send-queued-message.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';
import { insertAgent } from '../../support/login-users.js';

describe('outbound: read receipts when an agent opens a conversation, and Retry', () => {
  let h: OutboundHarness;
  beforeEach(async () => {
    h = await startOutboundHarness();
  });
  afterEach(async () => h.close());

  async function inbound(conversationId: string, wamid: string, receivedAt: string): Promise<void> {
    await h.db.dataSource.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status, received_at) VALUES ($1, $2, 'inbound', 'text', 'x', 'received', $3)`,
      [conversationId, wamid, receivedAt],
    );
  }
  const unread = async (id: string) => (await h.db.dataSource.query(`SELECT unread_count FROM whatsapp_conversations WHERE id = $1`, [id]))[0].unread_count;
  const readRequests = () => h.sandbox.log.entries({ endpoint: 'mark-read' });

  it('marks the latest inbound message read at Meta (with the typing indicator) and zeroes the unread count, once', async () => {
    const { conversationId } = await h.conversation({ unread: 2 });
    await inbound(conversationId, 'wamid.OLDER', '2026-03-02T09:00:00Z');
    await inbound(conversationId, 'wamid.LATEST', '2026-03-02T09:05:00Z');

    const opened = await markConversationRead(h.context, conversationId, { typingIndicator: true });
    expect(opened).to.deep.equal({ cleared: 2, receipt: 'sent' });
    expect(await unread(conversationId)).to.equal(0);
    expect(readRequests().map((r) => r.body)).to.deep.equal([
      { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.LATEST', typing_indicator: { type: 'text' } },
    ]);

    // Opening it again with nothing new does not call Meta again.
    expect(await markConversationRead(h.context, conversationId)).to.deep.equal({ cleared: 0, receipt: 'nothing-to-mark' });
    expect(readRequests()).to.have.length(1);
  });

  it('sends no read receipt for a number set not to, but still clears the unread count', async () => {
    await h.db.dataSource.query(`UPDATE whatsapp_accounts SET mark_read_on_open = false`);
    const { conversationId } = await h.conversation({ unread: 1 });
    await inbound(conversationId, 'wamid.ONE', '2026-03-02T09:00:00Z');
    expect(await markConversationRead(h.context, conversationId)).to.deep.equal({ cleared: 1, receipt: 'disabled' });
    expect(await unread(conversationId)).to.equal(0);
    expect(readRequests()).to.have.length(0);
  });

  it('reports a failed receipt without getting in the agent\'s way', async () => {
    const { conversationId } = await h.conversation({ unread: 1 });
    await inbound(conversationId, 'wamid.ONE', '2026-03-02T09:00:00Z');
    h.sandbox.faults.add({ endpoint: 'mark-read', action: { type: 'meta-error', code: 131000 } });
    expect(await markConversationRead(h.context, conversationId)).to.deep.equal({ cleared: 1, receipt: 'failed' });
    expect(await unread(conversationId)).to.equal(0);
  });

  it('Retry queues a failed message again with a fresh retry budget, audited, and it goes out', async () => {
    const { conversationId } = await h.conversation();
    const { id } = await reply(h.context, { conversationId, text: 'encore', actor: null });
    await h.takeSendJobs(id);
    h.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 131026 }, times: 1 });
    await sendQueuedMessage(h.context, id, h.settings);
    expect((await h.message(id)).status).to.equal('failed');

    const agentId = await insertAgent(h.db.dataSource, { id: 'crm-user-7', name: 'Retry' });
    const again = await retryMessage(h.context, { messageId: id, actorId: agentId });
    expect(again).to.include({ status: 'queued', errorCode: null, sendAttempts: 0, wamid: null, failedAt: null });
    const audit = await h.db.dataSource.query(`SELECT kind, actor_id, details FROM whatsapp_conversation_events WHERE conversation_id = $1 AND kind = 'retried'`, [
      conversationId,
    ]);
    expect(audit, 'the audit trail says who sent it again').to.deep.equal([{ kind: 'retried', actor_id: agentId, details: { messageId: id } }]);
    await h.drainSendJobs();
    expect(await h.message(id)).to.include({ status: 'sent', send_attempts: 1 });
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
  });

  it('Retry refuses what is not failed, what may have been sent, and free-form messages outside the window', async () => {
    const refusedWith = async (messageId: string) => {
      const error = await retryMessage(h.context, { messageId, actorId: null }).then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(OutboundRefusal);
      return (error as OutboundRefusal).reason;
    };
    const { conversationId } = await h.conversation();
    const { id } = await reply(h.context, { conversationId, text: 'x', actor: null });
    expect(await refusedWith(id)).to.equal('not-retryable');
    await h.db.dataSource.query(`UPDATE whatsapp_messages SET status = 'unknown' WHERE id = $1`, [id]);
    expect(await refusedWith(id)).to.equal('outcome-being-reconciled');
    await h.db.dataSource.query(`UPDATE whatsapp_messages SET status = 'failed' WHERE id = $1`, [id]);
    await h.db.dataSource.query(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '2 days' WHERE id = $1`, [conversationId]);
    expect(await refusedWith(id)).to.equal('window-closed');
    expect(await refusedWith('nope')).to.equal('message-not-found');
  });
});

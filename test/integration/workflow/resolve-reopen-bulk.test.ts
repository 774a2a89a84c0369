import { expect } from 'chai';
import { assignConversations } from '../../../src/conversations/assign-conversation.js';
import { reopenConversation } from '../../../src/conversations/reopen-conversation.js';
import { resolveConversation, resolveConversations } from '../../../src/conversations/resolve-conversation.js';
import { startWorkflowFixture, type WorkflowFixture } from './support/workflow-fixture.js';

describe('workflow: resolving, reopening, and doing it in bulk', function () {
  this.timeout(30_000);
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());

  const resolver = () => f.admin('agent', [['inbox.view', f.accountId], ['inbox.resolve', f.accountId]]);

  it('resolves: status and time set, audited, announced; resolving again writes nothing', async () => {
    const actor = await resolver();
    const { id } = await f.conversation();
    const log = await f.listen();
    try {
      expect((await resolveConversation(f.context, { conversationId: id, actor })).changed).to.equal(true);
      const row = await f.row(id);
      expect(row.status).to.equal('resolved');
      expect(row.resolvedAt).to.be.instanceOf(Date);
      expect(await log.settle()).to.deep.equal([{ kind: 'conversation.updated', accountId: f.accountId, conversationId: id }]);

      expect((await resolveConversation(f.context, { conversationId: id, actor })).changed).to.equal(false);
      expect(await f.events(id)).to.deep.equal([{ kind: 'resolved', actorId: actor.id, details: { previousStatus: 'open' } }]);
      expect(await log.settle()).to.have.length(1);
    } finally {
      await log.stop();
    }
  });

  it('refuses to resolve or reopen without inbox.resolve on the number', async () => {
    const viewer = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.resolve', f.otherAccountId]]);
    const open = await f.conversation();
    const resolved = await f.conversation({ status: 'resolved' });
    await f.refused(() => resolveConversation(f.context, { conversationId: open.id, actor: viewer }), open.id, 'not-allowed');
    await f.refused(() => reopenConversation(f.context, { conversationId: resolved.id, actor: viewer }), resolved.id, 'not-allowed');
  });

  it('reopens: open again with its assignee, audited, announced; an open conversation is left as it is', async () => {
    const manager = await f.admin('manager');
    const amina = await f.admin('agent', [['inbox.reply', f.accountId]]);
    const { id } = await f.conversation({ status: 'resolved', assigneeId: amina.id });
    const log = await f.listen();
    try {
      expect((await reopenConversation(f.context, { conversationId: id, actor: manager })).changed).to.equal(true);
      expect(await f.row(id)).to.deep.include({ status: 'open', resolvedAt: null, assigneeId: amina.id });
      expect(await log.settle()).to.deep.equal([{ kind: 'conversation.updated', accountId: f.accountId, conversationId: id }]);
      expect((await reopenConversation(f.context, { conversationId: id, actor: manager })).changed).to.equal(false);
      expect(await f.events(id)).to.deep.equal([{ kind: 'reopened', actorId: manager.id, details: {} }]);
    } finally {
      await log.stop();
    }
  });

  it('refuses to reopen while the customer has another live conversation on the number, naming it', async () => {
    const manager = await f.admin('manager');
    const old = await f.conversation({ status: 'resolved', waId: '213555300001' });
    const [live] = await f.context.dataSource.query(
      `INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2) RETURNING id`,
      [f.accountId, old.contactId],
    );
    const refusal = await f.refused(() => reopenConversation(f.context, { conversationId: old.id, actor: manager }), old.id, 'another-conversation-live');
    expect(refusal.params).to.deep.equal({ conversationId: live.id });
    expect((await f.row(live.id)).status).to.equal('open');
  });

  it('resolves in bulk, each conversation on its own: counts what changed, what already was, and what was refused', async () => {
    const actor = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.resolve', f.accountId], ['inbox.view', f.otherAccountId]]);
    const someoneElse = await f.admin('agent', [['inbox.reply', f.accountId]]);
    const mine = await f.conversation();
    const unassigned = await f.conversation();
    const already = await f.conversation({ status: 'resolved' });
    const otherNumber = await f.conversation({ accountId: f.otherAccountId });
    const taken = await f.conversation({ assigneeId: someoneElse.id });
    const log = await f.listen();
    try {
      const outcome = await resolveConversations(f.context, {
        conversationIds: [mine.id, unassigned.id, already.id, otherNumber.id, taken.id, 'not-a-uuid'],
        actor,
      });
      expect({ changed: outcome.changed, unchanged: outcome.unchanged, refused: outcome.refused }).to.deep.equal({ changed: 2, unchanged: 1, refused: 3 });
      expect(outcome.results.find((r) => r.conversationId === otherNumber.id)).to.deep.include({ refusal: { key: 'inbox.refusal.notAllowed', params: {} } });
      expect(outcome.results.find((r) => r.conversationId === taken.id)).to.deep.include({ refusal: { key: 'inbox.refusal.takenByAnother', params: {} } });
      expect((await f.row(mine.id)).status).to.equal('resolved');
      expect((await f.row(unassigned.id)).status).to.equal('resolved');
      expect((await f.row(otherNumber.id)).status).to.equal('open');
      expect((await f.row(taken.id)).status).to.equal('open');
      expect(await f.events(otherNumber.id)).to.deep.equal([]);
      expect((await log.settle()).map((n) => n.conversationId).sort()).to.deep.equal([mine.id, unassigned.id].sort());
    } finally {
      await log.stop();
    }
  });

  it('assigns in bulk, refusing the conversations of numbers where the assignee may not reply', async () => {
    const manager = await f.admin('manager');
    const amina = await f.admin('agent', [['inbox.reply', f.accountId]]);
    const here = await f.conversation();
    const hereAlready = await f.conversation({ assigneeId: amina.id });
    const there = await f.conversation({ accountId: f.otherAccountId });
    const outcome = await assignConversations(f.context, { conversationIds: [here.id, hereAlready.id, there.id, here.id], assigneeId: amina.id, actor: manager });
    expect({ changed: outcome.changed, unchanged: outcome.unchanged, refused: outcome.refused }).to.deep.equal({ changed: 1, unchanged: 1, refused: 1 });
    expect((await f.row(here.id)).assigneeId).to.equal(amina.id);
    expect((await f.row(there.id)).assigneeId).to.equal(null);
    expect(await f.events(here.id)).to.have.length(1);
  });
});

import { expect } from 'chai';
import { assignConversation } from '../../../src/conversations/assign-conversation.js';
import { eligibleAssignees } from '../../../src/conversations/eligible-assignees.js';
import { unassignConversation } from '../../../src/conversations/unassign-conversation.js';
import { WorkflowRefusal } from '../../../src/conversations/workflow-refusal.js';
import { rejectionOf } from '../../support/rejection.js';
import { startWorkflowFixture, type WorkflowFixture } from './support/workflow-fixture.js';

describe('workflow: assigning a conversation', function () {
  this.timeout(30_000);
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());

  /** An agent who works the test number: sees its shared queue, replies, assigns. */
  const agent = (name?: string) => f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId], ['inbox.assign', f.accountId]], { name });

  it('lets an agent take an unassigned conversation: assigned, audited and announced', async () => {
    const amina = await agent();
    const { id } = await f.conversation();
    const log = await f.listen();
    try {
      const outcome = await assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor: amina });
      expect(outcome).to.deep.equal({ conversationId: id, changed: true });
      expect((await f.row(id)).assigneeId).to.equal(amina.id);
      expect(await f.events(id)).to.deep.equal([{ kind: 'assigned', actorId: amina.id, details: { assigneeId: amina.id, previousAssigneeId: null } }]);
      expect(await log.settle()).to.deep.equal([{ kind: 'conversation.updated', accountId: f.accountId, conversationId: id }]);
    } finally {
      await log.stop();
    }
  });

  it('lets a manager hand it from one agent to another, each step audited with who had it before', async () => {
    const manager = await f.admin('manager');
    const [first, second] = [await agent(), await agent()];
    const { id } = await f.conversation({ assigneeId: first.id });
    await assignConversation(f.context, { conversationId: id, assigneeId: second.id, actor: manager });
    expect((await f.row(id)).assigneeId).to.equal(second.id);
    expect(await f.events(id)).to.deep.equal([{ kind: 'assigned', actorId: manager.id, details: { assigneeId: second.id, previousAssigneeId: first.id } }]);
  });

  it('writes nothing and notifies nobody when the conversation already has that assignee', async () => {
    const amina = await agent();
    const { id } = await f.conversation({ assigneeId: amina.id });
    const log = await f.listen();
    try {
      const outcome = await assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor: amina });
      expect(outcome.changed).to.equal(false);
      expect(await f.events(id)).to.deep.equal([]);
      expect(await log.settle()).to.deep.equal([]);
    } finally {
      await log.stop();
    }
  });

  describe('refuses, with a reason, and changes nothing', () => {
    const refused = (attempt: () => Promise<unknown>, conversationId: string, reason: string) => f.refused(attempt, conversationId, reason);

    it('an agent without inbox.assign, even for themselves', async () => {
      const replier = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]]);
      const { id } = await f.conversation();
      await refused(() => assignConversation(f.context, { conversationId: id, assigneeId: replier.id, actor: replier }), id, 'not-allowed');
    });

    it('an agent who holds inbox.assign on another number only', async () => {
      const elsewhere = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId], ['inbox.assign', f.otherAccountId]]);
      const { id } = await f.conversation();
      await refused(() => assignConversation(f.context, { conversationId: id, assigneeId: elsewhere.id, actor: elsewhere }), id, 'not-allowed');
    });

    it('an agent without view_all, on a conversation another agent has', async () => {
      const [owner, other] = [await agent(), await agent()];
      const { id } = await f.conversation({ assigneeId: owner.id });
      await refused(() => assignConversation(f.context, { conversationId: id, assigneeId: other.id, actor: other }), id, 'taken-by-another');
      await refused(() => unassignConversation(f.context, { conversationId: id, actor: other }), id, 'taken-by-another');
    });

    it('an admin who cannot see the number at all', async () => {
      const outsider = await f.admin('agent', [['inbox.view', f.otherAccountId], ['inbox.assign', f.otherAccountId], ['inbox.reply', f.otherAccountId]]);
      const { id } = await f.conversation();
      await refused(() => assignConversation(f.context, { conversationId: id, assigneeId: outsider.id, actor: outsider }), id, 'not-visible');
    });

    it('an assignee who may not reply on this number, is inactive, or does not exist', async () => {
      const manager = await f.admin('manager');
      const otherNumberOnly = await f.admin('agent', [['inbox.view', f.otherAccountId], ['inbox.reply', f.otherAccountId]]);
      const viewerOnly = await f.admin('agent', [['inbox.view', f.accountId]]);
      const inactive = await f.admin('agent', [['inbox.reply', f.accountId]], { active: false });
      const { id } = await f.conversation();
      for (const assigneeId of [otherNumberOnly.id, viewerOnly.id, inactive.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        await refused(() => assignConversation(f.context, { conversationId: id, assigneeId, actor: manager }), id, 'assignee-not-eligible');
      }
    });

    it('a conversation that does not exist', async () => {
      const manager = await f.admin('manager');
      for (const conversationId of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        const error = await rejectionOf(assignConversation(f.context, { conversationId, assigneeId: manager.id, actor: manager }), WorkflowRefusal);
        expect(error.reason).to.equal('conversation-not-found');
      }
    });
  });

  it('reads the permissions from the database when the caller only says who acts', async () => {
    const amina = await agent();
    const inactive = await f.admin('manager', [], { active: false });
    const { id } = await f.conversation();
    const error = await rejectionOf(assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor: { id: inactive.id } }), WorkflowRefusal);
    expect(error.reason).to.equal('not-visible');
    expect((await assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor: { id: amina.id } })).changed).to.equal(true);
  });

  it('unassigns: back to the shared queue, audited with who had it; nothing when nobody had it', async () => {
    const manager = await f.admin('manager');
    const amina = await agent();
    const { id } = await f.conversation({ assigneeId: amina.id });
    const log = await f.listen();
    try {
      expect((await unassignConversation(f.context, { conversationId: id, actor: manager })).changed).to.equal(true);
      expect((await f.row(id)).assigneeId).to.equal(null);
      expect(await log.settle()).to.deep.equal([{ kind: 'conversation.updated', accountId: f.accountId, conversationId: id }]);
      expect((await unassignConversation(f.context, { conversationId: id, actor: manager })).changed).to.equal(false);
      expect(await f.events(id)).to.deep.equal([{ kind: 'unassigned', actorId: manager.id, details: { previousAssigneeId: amina.id } }]);
      expect(await log.settle()).to.have.length(1);
    } finally {
      await log.stop();
    }
  });

  it('offers as assignees the active admins who may reply on the conversation\'s number, and only them', async () => {
    const { id } = await f.conversation();
    const everywhere = await f.admin('agent', ['inbox.reply'], { name: 'Zineb everywhere' });
    const here = await f.admin('agent', [['inbox.reply', f.accountId]], { name: 'Yacine here' });
    const elsewhere = await f.admin('agent', [['inbox.reply', f.otherAccountId]], { name: 'Xavier elsewhere' });
    const viewer = await f.admin('agent', [['inbox.view', f.accountId]], { name: 'Walid viewer' });
    const inactive = await f.admin('manager', [], { active: false, name: 'Victor inactive' });
    const manager = await f.admin('manager', [], { name: 'Ahmed manager' });
    const ids = (await eligibleAssignees(f.context, id)).map((a) => a.id);
    expect(ids).to.include.members([everywhere.id, here.id, manager.id]);
    expect(ids).to.not.include.members([elsewhere.id]);
    expect(ids).to.not.include(viewer.id);
    expect(ids).to.not.include(inactive.id);
    const listed = await eligibleAssignees(f.context, id);
    expect(listed.find((a) => a.id === here.id)).to.have.keys(['id', 'name', 'email']);
    expect(await eligibleAssignees(f.context, 'not-a-uuid')).to.deep.equal([]);
  });
});

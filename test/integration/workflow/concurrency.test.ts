import { expect } from 'chai';
import pg from 'pg';
import { assignConversation } from '../../../src/conversations/assign-conversation.js';
import { reopenConversation } from '../../../src/conversations/reopen-conversation.js';
import type { ConversationOutcome } from '../../../src/conversations/conversation-change.js';
import { WorkflowRefusal } from '../../../src/conversations/workflow-refusal.js';
import { waitFor } from '../outbound/support/wait-for.js';
import { startWorkflowFixture, type WorkflowFixture } from './support/workflow-fixture.js';

describe('workflow: two agents acting on one conversation at the same moment', function () {
  this.timeout(30_000);
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());

  const databaseUrl = () => (f.context.dataSource.options as { url: string }).url;

  /** Until `count` sessions wait on a lock in a statement containing `fragment` (asked on a session outside any held transaction). */
  const lockWaiters = (count: number, fragment: string) =>
    waitFor(`${count} session(s) waiting on a lock`, async () => {
      const [{ waiting }] = await f.context.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${fragment}%`],
      );
      return waiting === count;
    });

  /**
   * Runs both attempts truly at once: a third session holds the conversation's row, both
   * attempts queue up behind it (seen in pg_stat_activity, not guessed by sleeping), then it lets go.
   */
  async function atOnce(conversationId: string, attempts: (() => Promise<ConversationOutcome>)[]): Promise<PromiseSettledResult<ConversationOutcome>[]> {
    const blocker = new pg.Client({ connectionString: databaseUrl() });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM whatsapp_conversations WHERE id = $1 FOR UPDATE`, [conversationId]);
      const running = Promise.allSettled(attempts.map((attempt) => attempt()));
      await lockWaiters(attempts.length, 'FOR NO KEY UPDATE');
      await blocker.query('COMMIT');
      return await running;
    } finally {
      await blocker.end();
    }
  }

  const agent = () => f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId], ['inbox.assign', f.accountId]]);

  it('two agents taking the same unassigned conversation: one gets it, the other is told, one audit row', async () => {
    const [amina, karim] = [await agent(), await agent()];
    const { id } = await f.conversation();
    const results = await atOnce(id, [amina, karim].map((actor) => () => assignConversation(f.context, { conversationId: id, assigneeId: actor.id, actor })));
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(won).to.not.equal(-1);
    expect(lost.reason).to.be.instanceOf(WorkflowRefusal).and.to.include({ reason: 'taken-by-another' });
    const winner = [amina, karim][won]!;
    expect((await f.row(id)).assigneeId).to.equal(winner.id);
    expect(await f.events(id)).to.deep.equal([{ kind: 'assigned', actorId: winner.id, details: { assigneeId: winner.id, previousAssigneeId: null } }]);
  });

  it('two managers giving it to two agents: both applied one after the other, the audit trail tells the final state', async () => {
    const [lead1, lead2] = [await f.admin('manager'), await f.admin('manager')];
    const [amina, karim] = [await agent(), await agent()];
    const { id } = await f.conversation();
    const results = await atOnce(id, [
      () => assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor: lead1 }),
      () => assignConversation(f.context, { conversationId: id, assigneeId: karim.id, actor: lead2 }),
    ]);
    expect(results.map((r) => r.status === 'fulfilled' && r.value.changed)).to.deep.equal([true, true]);
    const [first, second] = await f.events(id);
    expect(first!.details.previousAssigneeId).to.equal(null);
    expect(second!.details.previousAssigneeId).to.equal(first!.details.assigneeId);
    expect((await f.row(id)).assigneeId).to.equal(second!.details.assigneeId);
  });

  it('two managers giving it to the same agent: one change, one no-op, one audit row', async () => {
    const [lead1, lead2] = [await f.admin('manager'), await f.admin('manager')];
    const amina = await agent();
    const { id } = await f.conversation();
    const results = await atOnce(
      id,
      [lead1, lead2].map((actor) => () => assignConversation(f.context, { conversationId: id, assigneeId: amina.id, actor })),
    );
    expect(results.map((r) => r.status === 'fulfilled' && r.value.changed).sort()).to.deep.equal([false, true]);
    expect(await f.events(id)).to.have.length(1);
  });

  it('reopening while the customer opens a new conversation: refused with that one named, nothing half-done', async () => {
    const manager = await f.admin('manager');
    const old = await f.conversation({ status: 'resolved' });
    const customer = new pg.Client({ connectionString: databaseUrl() });
    await customer.connect();
    try {
      await customer.query('BEGIN');
      const {
        rows: [live],
      } = await customer.query(`INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2) RETURNING id`, [f.accountId, old.contactId]);
      const reopening = reopenConversation(f.context, { conversationId: old.id, actor: manager }).then(
        () => null,
        (error: unknown) => error,
      );
      // Past its check (the new conversation is not committed yet), the reopen waits on the unique index.
      await lockWaiters(1, "SET status = 'open'");
      await customer.query('COMMIT');
      const refusal = await reopening;
      expect(refusal).to.be.instanceOf(WorkflowRefusal).and.to.include({ reason: 'another-conversation-live' });
      expect((refusal as WorkflowRefusal).params).to.deep.equal({ conversationId: live.id });
    } finally {
      await customer.end();
    }
    expect((await f.row(old.id)).status).to.equal('resolved');
    expect(await f.events(old.id)).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { assignWaitingConversations } from '../../../src/automation/auto-assignment.js';
import { setAvailability } from '../../../src/automation/agent-availability.js';
import { startSecondWorker, type SecondWorker } from './support/second-worker.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

describe('automatic assignment', function () {
  this.timeout(120_000);
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await startWorkflowFixture();
  });
  afterEach(async () => f.close());

  const db = () => f.context.dataSource;
  const configure = (mode: string, capacity: number, giveBack = false) =>
    db().query(
      `INSERT INTO whatsapp_automation_settings (account_id, assignment_mode, assignment_capacity, give_back_when_offline) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id) DO UPDATE SET assignment_mode = $2, assignment_capacity = $3, give_back_when_offline = $4`,
      [f.accountId, mode, capacity, giveBack],
    );
  /** An agent who may answer on the test number, online and seen just now unless told otherwise. */
  const agent = async (name: string, availability = 'online', seenMinutesAgo = 0) => {
    const admin = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]], { name });
    await db().query(`UPDATE whatsapp_agents SET availability = $2, last_seen_at = now() - make_interval(mins => $3) WHERE id = $1`, [admin.id, availability, seenMinutesAgo]);
    return admin.id;
  };
  const waiting = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await f.conversation()).id);
    return ids;
  };
  const loads = async () =>
    Object.fromEntries(
      (
        await db().query(
          `SELECT a.name, count(c.id)::int AS open FROM whatsapp_agents a LEFT JOIN whatsapp_conversations c ON c.assignee_id = a.id AND c.status <> 'resolved'
            GROUP BY a.name`,
        )
      ).map((row: { name: string; open: number }) => [row.name, row.open]),
    );

  it('round robin: each online agent in turn, never above capacity; the rest waits', async () => {
    await configure('round_robin', 2);
    await agent('Amel');
    await agent('Bilal');
    await agent('Chahra');
    await waiting(7);
    const assigned = await assignWaitingConversations(f.context, f.accountId);
    expect(assigned).to.have.length(6);
    expect(await loads()).to.deep.include({ Amel: 2, Bilal: 2, Chahra: 2 });
    const [{ unassigned }] = await db().query(`SELECT count(*)::int AS unassigned FROM whatsapp_conversations WHERE assignee_id IS NULL`);
    expect(unassigned).to.equal(1);
    // In turn: A, B, C, A, B, C.
    expect(new Set(assigned.slice(0, 3).map((a) => a.agentId)).size).to.equal(3);
  });

  it('least open: the agent holding the fewest open conversations first', async () => {
    await configure('least_open', 10);
    const busy = await agent('Busy');
    await agent('Free');
    for (let i = 0; i < 3; i++) await f.conversation({ assigneeId: busy });
    await waiting(4);
    await assignWaitingConversations(f.context, f.accountId);
    // Free takes 3 to catch up; then one each way (ties go in turn).
    const after = await loads();
    expect(after.Free + after.Busy).to.equal(7);
    expect(Math.abs(after.Free - after.Busy)).to.be.at.most(1);
  });

  it('passes by agents who are away, offline, inactive for too long, or without inbox.reply on the number', async () => {
    await configure('round_robin', 10);
    await agent('Away', 'away');
    await agent('Offline', 'offline');
    await agent('Idle', 'online', 60);
    const elsewhere = await f.admin('agent', [['inbox.reply', f.otherAccountId]], { name: 'Elsewhere' });
    await db().query(`UPDATE whatsapp_agents SET availability = 'online', last_seen_at = now() WHERE id = $1`, [elsewhere.id]);
    await agent('Present');
    await waiting(3);
    await assignWaitingConversations(f.context, f.accountId);
    expect(await loads()).to.deep.include({ Present: 3, Away: 0, Offline: 0, Idle: 0, Elsewhere: 0 });
  });

  it('two workers never assign one conversation twice, and capacity holds under the race', async () => {
    await configure('round_robin', 4);
    for (const name of ['A', 'B', 'C']) await agent(name);
    const second: SecondWorker = await startSecondWorker((f.context.dataSource.options as { url: string }).url);
    try {
      const ids = await waiting(20);
      // Both workers run rounds at the same time, over and over, while conversations keep arriving.
      const rounds = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? f.context : second.context));
      await Promise.all([...rounds.map((context) => assignWaitingConversations(context, f.accountId)), waiting(5)]);
      await Promise.all(rounds.map((context) => assignWaitingConversations(context, f.accountId)));
      const events = await db().query(
        `SELECT conversation_id, count(*)::int AS n FROM whatsapp_conversation_events WHERE kind = 'assigned' GROUP BY conversation_id`,
      );
      expect(events.every((row: { n: number }) => row.n === 1)).to.equal(true);
      expect(events).to.have.length(12);
      expect(await loads()).to.deep.include({ A: 4, B: 4, C: 4 });
      expect(ids.length).to.equal(20);
    } finally {
      await second.stop();
    }
  });

  it('gives back an offline agent’s open conversations when the number asks it, audited, and hands them out again', async () => {
    await configure('round_robin', 10, true);
    const leaving = await agent('Leaving');
    const conversations = [(await f.conversation({ assigneeId: leaving })).id, (await f.conversation({ assigneeId: leaving })).id];
    expect(await setAvailability(f.context, leaving, 'offline')).to.deep.equal({ givenBack: 2 });
    const [event] = await db().query(`SELECT actor_id, details FROM whatsapp_conversation_events WHERE conversation_id = $1 AND kind = 'unassigned'`, [conversations[0]]);
    expect(event).to.deep.equal({ actor_id: null, details: { previousAssigneeId: leaving, reason: 'agent-offline', automatic: true } });
    await agent('Staying');
    await assignWaitingConversations(f.context, f.accountId);
    expect(await loads()).to.deep.include({ Leaving: 0, Staying: 2 });
  });
});

import { expect } from 'chai';
import { setAvailability } from '../../../src/automation/agent-availability.js';
import { assignWaitingConversations } from '../../../src/automation/auto-assignment.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

/** Hosts hear of what the automations change as they hear of what agents change. */
describe('domain events of automations', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());

  it('tells of an automatic assignment, and of the conversation given back when its agent goes offline', async () => {
    const db = f.context.dataSource;
    await db.query(
      `INSERT INTO whatsapp_automation_settings (account_id, assignment_mode, assignment_capacity, give_back_when_offline) VALUES ($1, 'round_robin', 5, true)`,
      [f.accountId],
    );
    const amel = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]], { name: 'Amel' });
    await db.query(`UPDATE whatsapp_agents SET availability = 'online', last_seen_at = now() WHERE id = $1`, [amel.id]);
    const { id } = await f.conversation();
    await db.query(`DELETE FROM whatsapp_outbox_events`);

    await assignWaitingConversations(f.context, f.accountId);
    await setAvailability(f.context, amel.id, 'offline');

    const written: { kind: string; conversation_id: string; data: Record<string, unknown> }[] = await db.query(
      `SELECT kind, conversation_id, data FROM whatsapp_outbox_events ORDER BY sequence`,
    );
    expect(written.map((event) => [event.kind, event.conversation_id])).to.deep.equal([
      ['conversation.assigned', id],
      ['conversation.assigned', id],
    ]);
    expect(written[0]!.data).to.include({ assigneeId: amel.id, automatic: true, actorId: null });
    expect(written[1]!.data).to.include({ assigneeId: null, previousAssigneeId: amel.id, reason: 'agent-offline', automatic: true });
  });
});

import { expect } from 'chai';
import { checkSlaTimers, loadSlaTimers } from '../../../src/automation/sla-timers.js';
import type { PluginContext } from '../../../src/context/plugin-context.js';
import { reactToMessage } from '../../../src/conversations/react-to-message.js';
import { reply } from '../../../src/conversations/reply.js';
import { foldReportDeltas } from '../../../src/reports/fold-report-deltas.js';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { deliver } from '../processor/support/deliveries.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

// Paris business hours, Monday to Friday 09:00–17:00. Friday 6 March 2026, 16:30 in Paris.
const FRIDAY_1630 = new Date('2026-03-06T15:30:00Z');
const at = (iso: string): Date => new Date(iso);

describe('SLA timers', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await startWorkflowFixture();
    await f.context.dataSource.query(
      `INSERT INTO whatsapp_automation_settings (account_id, business_hours_enabled, time_zone, weekly_hours) VALUES ($1, true, 'Europe/Paris', $2)`,
      [f.accountId, JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '17:00' })))],
    );
    await f.context.dataSource.query(
      `INSERT INTO whatsapp_sla_policies (name, account_id, first_response_minutes, next_response_minutes, resolution_minutes, warning_percent)
       VALUES ('Standard', $1, 60, 30, 480, 50)`,
      [f.accountId],
    );
  });
  afterEach(async () => f.close());

  const at_ = (now: Date): PluginContext => ({ ...f.context, clock: { now: () => now } });
  const timers = async () =>
    f.context.dataSource.query(
      `SELECT kind, due_at AS "dueAt", warn_at AS "warnAt", breached_at AS "breachedAt", stopped_at IS NOT NULL AS stopped FROM whatsapp_sla_timers ORDER BY kind`,
    ) as Promise<{ kind: string; dueAt: Date; warnAt: Date; breachedAt: Date | null; stopped: boolean }[]>;
  const customerWrites = async (now: Date, from = '213556100001') => {
    await deliver(at_(now), buildDelivery('text', { from, text: 'Bonjour, une question', timestamp: Math.floor(Date.now() / 1000) }));
    return (await f.context.dataSource.query(`SELECT c.id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [from]))[0].id as string;
  };

  it('count only business hours: a 1-hour first response asked on Friday at 16:30 falls due on Monday at 09:30, and nothing breaches over the weekend', async () => {
    const conversationId = await customerWrites(FRIDAY_1630);
    const [first, resolution] = [(await timers()).find((t) => t.kind === 'first_response')!, (await timers()).find((t) => t.kind === 'resolution')!];
    expect(first.dueAt.toISOString()).to.equal('2026-03-09T08:30:00.000Z');
    expect(first.warnAt.toISOString()).to.equal('2026-03-06T16:00:00.000Z'); // 50 %: 30 minutes, still on Friday
    expect(resolution.dueAt.toISOString()).to.equal('2026-03-09T15:30:00.000Z'); // 8 h: 30 min on Friday, 7 h 30 on Monday (16:30 Paris)

    // Saturday noon: paused, not breached; the thread shows the business time left.
    const saturday = at('2026-03-07T11:00:00Z');
    // The first response's warning (30 min: Friday 17:00) has passed; the resolution's (4 h) falls on Monday.
    expect(await checkSlaTimers(at_(saturday), saturday)).to.deep.equal({ warned: 1, breached: 0 });
    const [view] = (await loadSlaTimers(f.context.dataSource, [conversationId], saturday)).get(conversationId)!;
    expect(view).to.deep.include({ kind: 'first_response', paused: true, breached: false, remainingSeconds: 30 * 60 });

    const listener = await f.listen();
    try {
      const monday = at('2026-03-09T08:31:00Z');
      expect(await checkSlaTimers(at_(monday), monday)).to.deep.equal({ warned: 0, breached: 1 });
      expect(await checkSlaTimers(at_(monday), monday)).to.deep.equal({ warned: 0, breached: 0 }); // recorded once
      const notices = await listener.settle();
      expect(notices.filter((n) => n.kind === 'sla.breached')).to.deep.equal([{ kind: 'sla.breached', accountId: f.accountId, conversationId }]);
    } finally {
      await listener.stop();
    }
    const events = await f.events(conversationId);
    expect(events.filter((e) => e.kind === 'sla_breached')).to.have.length(1);
    expect(events.find((e) => e.kind === 'sla_breached')!.details).to.include({ target: 'first_response', automatic: true });
    const [facts] = await f.context.dataSource.query(`SELECT sla_breached, sla_met FROM whatsapp_report_conversations WHERE conversation_id = $1`, [conversationId]);
    expect(facts).to.deep.equal({ sla_breached: 1, sla_met: 0 });
  });

  it('a human reply before the due time meets the first response; the next customer message starts a next-response timer', async () => {
    const tuesday = at('2026-03-10T09:00:00Z');
    const conversationId = await customerWrites(tuesday, '213556100002');
    const agent = await f.admin('manager');
    await reply(at_(tuesday), { conversationId, text: 'Bonjour, je regarde', actor: agent });
    expect((await timers()).find((t) => t.kind === 'first_response')).to.deep.include({ stopped: true, breachedAt: null });
    await customerWrites(at('2026-03-10T09:10:00Z'), '213556100002');
    const next = (await timers()).find((t) => t.kind === 'next_response')!;
    expect(next.dueAt.toISOString()).to.equal('2026-03-10T09:40:00.000Z');
    const later = at('2026-03-10T12:00:00Z');
    await checkSlaTimers(at_(later), later);
    const [facts] = await f.context.dataSource.query(`SELECT sla_breached, sla_met FROM whatsapp_report_conversations WHERE conversation_id = $1`, [conversationId]);
    expect(facts).to.deep.equal({ sla_breached: 1, sla_met: 1 });
  });

  it('an agent’s reaction is no answer and a number change is not the customer talking: the first response keeps running, the reports count neither', async () => {
    const tuesday = at('2026-03-10T09:00:00Z');
    const customer = '213556100003';
    const conversationId = await customerWrites(tuesday, customer);
    const db = f.context.dataSource;
    const [question] = await db.query(`SELECT id, created_at AS "createdAt" FROM whatsapp_messages WHERE conversation_id = $1`, [conversationId]);
    const agent = await f.admin('manager');
    const reaction = await reactToMessage(at_(tuesday), { conversationId, messageId: question.id, emoji: '👍', actor: agent });
    expect(reaction).to.include({ type: 'reaction', direction: 'outbound', automation: null });
    await deliver(at_(tuesday), buildDelivery('system', { from: customer, newWaId: '213556100099', timestamp: Math.floor(Date.now() / 1000) }));
    expect(await db.query(`SELECT type FROM whatsapp_messages WHERE conversation_id = $1 ORDER BY created_at, id`, [conversationId])).to.have.deep.members([
      { type: 'text' }, { type: 'reaction' }, { type: 'system' },
    ]);
    expect((await timers()).find((t) => t.kind === 'first_response')).to.deep.include({ stopped: false });

    await foldReportDeltas(db);
    const figures = async () =>
      (
        await db.query(
          `SELECT f.first_inbound_at AS "firstInboundAt", f.waiting_since AS "waitingSince", f.first_response_at AS "firstResponseAt",
                  (SELECT sum(inbound)::int FROM whatsapp_report_hours WHERE label = '') AS inbound,
                  (SELECT sum(human_replies)::int FROM whatsapp_report_hours WHERE label = '') AS "humanReplies",
                  (SELECT coalesce(sum(replies), 0)::int FROM whatsapp_report_agent_hours) AS replies,
                  (SELECT coalesce(sum(responses), 0)::int FROM whatsapp_report_agent_hours) AS responses
             FROM whatsapp_report_conversations f WHERE f.conversation_id = $1`,
          [conversationId],
        )
      )[0];
    expect(await figures()).to.deep.equal({
      firstInboundAt: question.createdAt, waitingSince: question.createdAt, firstResponseAt: null, inbound: 1, humanReplies: 0, replies: 0, responses: 0,
    });
    // The from-scratch recount says the same.
    const [recount] = await db.query(`SELECT waiting_since, first_response_at FROM whatsapp_report_expected_conversations() WHERE conversation_id = $1`, [conversationId]);
    expect(recount).to.deep.equal({ waiting_since: question.createdAt, first_response_at: null });

    // Written words answer: the timer stops and the response is counted from the customer's question.
    const answer = await reply(at_(tuesday), { conversationId, text: 'Bonjour, je regarde', actor: agent });
    expect((await timers()).find((t) => t.kind === 'first_response')).to.deep.include({ stopped: true });
    await foldReportDeltas(db);
    expect(await figures()).to.deep.equal({
      firstInboundAt: question.createdAt, waitingSince: null, firstResponseAt: answer.createdAt, inbound: 1, humanReplies: 1, replies: 1, responses: 1,
    });
  });

  it('applies a policy for a label to the conversations that carry it, by the label’s current name', async () => {
    const db = f.context.dataSource;
    await db.query(`DELETE FROM whatsapp_sla_policies`);
    const [vip] = await db.query(`INSERT INTO whatsapp_labels (name) VALUES ('VIP') RETURNING id`);
    await db.query(`INSERT INTO whatsapp_sla_policies (name, account_id, label_id, first_response_minutes) VALUES ('VIP first', $1, $2, 5)`, [f.accountId, vip.id]);
    const tuesday = at('2026-03-10T09:00:00Z');
    const conversationId = await customerWrites(tuesday, '213556100004');
    expect(await timers()).to.deep.equal([]);
    await db.query(`INSERT INTO whatsapp_conversation_labels (conversation_id, label_id) VALUES ($1, $2)`, [conversationId, vip.id]);
    await db.query(`UPDATE whatsapp_labels SET name = 'Very important' WHERE id = $1`, [vip.id]);
    await customerWrites(at('2026-03-10T09:01:00Z'), '213556100004');
    const [first] = await timers();
    expect(first).to.deep.include({ kind: 'first_response', stopped: false });
    expect(first!.dueAt.toISOString()).to.equal('2026-03-10T09:06:00.000Z');
    // Deleting the label deletes its policy: nothing is left for it to apply to.
    await db.query(`DELETE FROM whatsapp_labels WHERE id = $1`, [vip.id]);
    expect(await db.query(`SELECT 1 FROM whatsapp_sla_policies`)).to.deep.equal([]);
  });
});

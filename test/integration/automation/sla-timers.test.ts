import { expect } from 'chai';
import { checkSlaTimers, loadSlaTimers } from '../../../src/automation/sla-timers.js';
import type { PluginContext } from '../../../src/context/plugin-context.js';
import { reply } from '../../../src/conversations/reply.js';
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
});

import { expect } from 'chai';
import { enrollContacts } from '../../../src/campaigns/enroll-contacts.js';
import { exitEnrollment } from '../../../src/campaigns/exit-enrollments.js';
import { runDueEnrollments } from '../../../src/campaigns/run-enrollments.js';
import { saveSequence, type SequenceDefinition } from '../../../src/campaigns/save-sequence.js';
import type { SequenceStep } from '../../../src/domain/campaign-kinds.js';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { deliver } from '../processor/support/deliveries.js';
import { REMINDER, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

/** A clock the test moves. */
const clock = { at: new Date('2026-03-28T09:00:00Z'), now() { return new Date(this.at); } };

describe('sequences: steps in the contact’s time zone, branches, exits, one run per step', () => {
  let h: CampaignHarness;
  let reminder: string;
  beforeEach(async () => {
    clock.at = new Date('2026-03-28T09:00:00Z');
    h = await startCampaignHarness({ clock });
    reminder = await h.template(REMINDER);
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;
  const template = (id: string, when = 'demain'): SequenceStep => ({ id, kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: when } } });
  const sequence = (steps: SequenceStep[], over: Partial<SequenceDefinition> = {}) =>
    saveSequence(h.context, null, { accountId: h.accountId, name: 'Relance', status: 'active', steps, triggers: [], exitOnReply: false, exitOnResolve: false, ...over });
  const enrollment = async (id: string) => (await db().query(`SELECT status, exit_reason, current_step_id, next_run_at FROM whatsapp_sequence_enrollments WHERE id = $1`, [id]))[0];
  const timeline = async (id: string) =>
    (await db().query(`SELECT kind, step_id, details FROM whatsapp_sequence_enrollment_events WHERE enrollment_id = $1 ORDER BY at, kind`, [id])) as { kind: string; step_id: string | null; details: Record<string, unknown> }[];
  const sentTexts = async () =>
    (await db().query(`SELECT body FROM whatsapp_messages WHERE direction = 'outbound' ORDER BY created_at`)).map((row: { body: string }) => row.body);

  it('waits a day in the contact’s own zone across a DST change: 10:00 in Paris stays 10:00, 23 hours later', async () => {
    const { contactId } = await h.conversation({ waId: '33612345678' });
    await db().query(`UPDATE whatsapp_contacts SET time_zone = 'Europe/Paris' WHERE id = $1`, [contactId]);
    const id = await sequence([template('first', 'aujourd’hui'), { id: 'wait', kind: 'wait', amount: 1, unit: 'days' }, template('second')]);
    // Saturday 28 March 2026, 10:00 in Paris (UTC+1); clocks go forward that night.
    const [enrolled] = (await enrollContacts(h.context, null, { sequenceId: id, contactIds: [contactId], source: 'manual' })).enrolled;
    await runDueEnrollments(h.context);
    expect((await enrollment(enrolled!)).next_run_at.toISOString()).to.equal('2026-03-29T08:00:00.000Z');

    clock.at = new Date('2026-03-29T07:59:59Z');
    expect(await runDueEnrollments(h.context)).to.equal(0);
    clock.at = new Date('2026-03-29T08:00:00Z');
    expect(await runDueEnrollments(h.context)).to.equal(1);
    expect(await sentTexts()).to.deep.equal(['Rappel : votre rendez-vous aujourd’hui.', 'Rappel : votre rendez-vous demain.']);
    expect(await enrollment(enrolled!)).to.include({ status: 'completed' });
    expect((await timeline(enrolled!)).map((e) => [e.kind, e.step_id])).to.deep.equal([
      ['enrolled', null], ['sent', 'first'], ['waiting', 'wait'], ['completed', null], ['sent', 'second'],
    ]);
  });

  it('takes the zone of the phone’s country when the contact has none, and ends a wait at a time of day', async () => {
    const { contactId } = await h.conversation({ waId: '213661000001' });
    const id = await sequence([{ id: 'wait', kind: 'wait', amount: 1, unit: 'days', atTime: '09:30' }, template('second')]);
    const [enrolled] = (await enrollContacts(h.context, null, { sequenceId: id, contactIds: [contactId], source: 'manual' })).enrolled;
    await runDueEnrollments(h.context);
    // Algiers is UTC+1 all year: 09:30 there is 08:30 UTC.
    expect((await enrollment(enrolled!)).next_run_at.toISOString()).to.equal('2026-03-29T08:30:00.000Z');
  });

  it('waits until the number’s business hours: enrolled on a Saturday, the message goes on Monday at opening, in the number’s zone', async () => {
    const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' }));
    await db().query(
      `INSERT INTO whatsapp_automation_settings (account_id, business_hours_enabled, time_zone, weekly_hours) VALUES ($1, true, 'Europe/Paris', $2)`,
      [h.accountId, JSON.stringify(weekdays)],
    );
    const { contactId } = await h.conversation({ waId: '213661000009' });
    const id = await sequence([{ id: 'open', kind: 'wait_business_hours' }, template('first')]);
    // Saturday 28 March 2026, 10:00 in Paris: closed until Monday 09:00, after the change to summer time (UTC+2).
    const [enrolled] = (await enrollContacts(h.context, null, { sequenceId: id, contactIds: [contactId], source: 'manual' })).enrolled;
    await runDueEnrollments(h.context);
    expect(await sentTexts()).to.deep.equal([]);
    expect((await enrollment(enrolled!)).next_run_at.toISOString()).to.equal('2026-03-30T07:00:00.000Z');

    clock.at = new Date('2026-03-30T06:59:59Z');
    expect(await runDueEnrollments(h.context)).to.equal(0);
    clock.at = new Date('2026-03-30T07:00:00Z');
    expect(await runDueEnrollments(h.context)).to.equal(1);
    expect(await sentTexts()).to.deep.equal(['Rappel : votre rendez-vous demain.']);
  });

  it('branches on a reply, and exits on a reply when the sequence says so', async () => {
    const { contactId } = await h.conversation({ waId: '213661000002', lastInboundAt: null });
    const steps: SequenceStep[] = [
      template('ask'),
      { id: 'wait', kind: 'wait', amount: 2, unit: 'hours' },
      { id: 'check', kind: 'branch', condition: { kind: 'replied' }, thenStepId: 'thanks', elseStepId: 'nudge' },
      { id: 'nudge', kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: 'relance' } } },
      { id: 'end', kind: 'branch', condition: { kind: 'replied' }, thenStepId: null, elseStepId: null },
      { id: 'thanks', kind: 'text', text: 'Merci pour votre réponse !' },
    ];
    const id = await sequence(steps);
    const [enrolled] = (await enrollContacts(h.context, null, { sequenceId: id, contactIds: [contactId], source: 'manual' })).enrolled;
    await runDueEnrollments(h.context);
    clock.at = new Date('2026-03-28T10:00:00Z');
    await deliver(h.context, buildDelivery('text', { phoneNumberId: TEST_ACCOUNT.phoneNumberId, from: '213661000002', text: 'Oui, merci', timestamp: Math.floor(Date.now() / 1000) }));
    clock.at = new Date('2026-03-28T11:00:00Z');
    await runDueEnrollments(h.context);
    expect(await sentTexts()).to.deep.equal(['Rappel : votre rendez-vous demain.', 'Merci pour votre réponse !']);
    expect(await enrollment(enrolled!)).to.include({ status: 'completed' });

    const exiting = await sequence([template('ask'), { id: 'wait', kind: 'wait', amount: 2, unit: 'hours' }, template('nudge', 'relance')], { exitOnReply: true, name: 'Sortie' });
    const [second] = (await enrollContacts(h.context, null, { sequenceId: exiting, contactIds: [contactId], source: 'manual' })).enrolled;
    await runDueEnrollments(h.context);
    await deliver(h.context, buildDelivery('text', { phoneNumberId: TEST_ACCOUNT.phoneNumberId, from: '213661000002', text: 'Stop les relances svp' }));
    expect(await enrollment(second!)).to.include({ status: 'exited', exit_reason: 'replied' });
  });

  it('keeps one active enrollment per contact and sequence, and two workers never run a step twice', async () => {
    const contacts = await Promise.all(Array.from({ length: 20 }, (_, i) => h.conversation({ waId: `2136610001${String(i).padStart(2, '0')}` })));
    const id = await sequence([template('only')]);
    const ids = contacts.map((c) => c.contactId);
    const [a, b] = await Promise.all([
      enrollContacts(h.context, null, { sequenceId: id, contactIds: ids, source: 'bulk' }),
      enrollContacts(h.context, null, { sequenceId: id, contactIds: ids, source: 'bulk' }),
    ]);
    expect(a.enrolled.length + b.enrolled.length).to.equal(20);
    const runs = await Promise.all([runDueEnrollments(h.context), runDueEnrollments(h.context)]);
    expect(runs[0] + runs[1]).to.equal(20);
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM whatsapp_messages WHERE direction = 'outbound'`);
    expect(n).to.equal(20);
  });

  it('enrolls by keyword and by a label added, and lets a manager take a contact out', async () => {
    const id = await sequence([{ id: 'wait', kind: 'wait', amount: 1, unit: 'days' }, template('later')], {
      triggers: [{ kind: 'keyword', keywords: ['INSCRIPTION'] }, { kind: 'label_added', label: 'school' }],
    });
    await deliver(h.context, buildDelivery('text', { phoneNumberId: TEST_ACCOUNT.phoneNumberId, from: '213661000050', text: 'inscription' }));
    await deliver(h.context, buildDelivery('text', { phoneNumberId: TEST_ACCOUNT.phoneNumberId, from: '213661000051', text: 'Bonjour, nous sommes une école privée' }));
    const rows: { id: string; source: string; wa_id: string }[] = await db().query(
      `SELECT e.id, e.source, c.wa_id FROM whatsapp_sequence_enrollments e JOIN whatsapp_contacts c ON c.id = e.contact_id WHERE e.sequence_id = $1 ORDER BY c.wa_id`,
      [id],
    );
    expect(rows.map((r) => [r.wa_id, r.source])).to.deep.equal([['213661000050', 'keyword'], ['213661000051', 'event']]);
    await exitEnrollment(h.context, null, rows[0]!.id);
    expect(await enrollment(rows[0]!.id)).to.include({ status: 'exited', exit_reason: 'manual' });
  });
});

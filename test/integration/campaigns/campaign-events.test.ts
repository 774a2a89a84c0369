import { expect } from 'chai';
import { CampaignRefusal } from '../../../src/campaigns/campaign-refusal.js';
import { cancelBroadcast, pauseBroadcast, resumeBroadcast } from '../../../src/campaigns/control-broadcast.js';
import { enrollContacts, enrollInTransaction } from '../../../src/campaigns/enroll-contacts.js';
import { exitEnrollment, exitEnrollmentsOf } from '../../../src/campaigns/exit-enrollments.js';
import { importBroadcastCsv } from '../../../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../../../src/campaigns/launch-broadcast.js';
import { runDueEnrollments } from '../../../src/campaigns/run-enrollments.js';
import { saveBroadcast } from '../../../src/campaigns/save-broadcast.js';
import { saveSequence } from '../../../src/campaigns/save-sequence.js';
import { inTransaction } from '../../../src/db/transaction.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { agentActor } from '../events/support/manager-actor.js';
import { PROMO, REMINDER, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

interface CampaignEvent {
  kind: string;
  ordering_key: string;
  conversation_id: string | null;
  data: Record<string, unknown> & {
    actorId?: string | null;
    reason?: string | null;
    broadcast?: Record<string, unknown>;
    enrollment?: Record<string, unknown>;
    contact?: { waId: string; crmRecord: unknown };
    counts?: Record<string, unknown>;
  };
}

/** What campaigns tell hosts through the outbox: written in the transaction of the change, once, never for a change rolled back. */
describe('campaign events: broadcasts launched, paused, cancelled, completed; enrollments started and ended', () => {
  let h: CampaignHarness;
  let promo: string;
  let reminder: string;
  let manager: InboxActor;
  beforeEach(async () => {
    h = await startCampaignHarness();
    promo = await h.template(PROMO);
    reminder = await h.template(REMINDER);
    manager = await agentActor(h.db.dataSource, 'manager-17', 'manager');
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;
  const events = (): Promise<CampaignEvent[]> =>
    db().query(`SELECT kind, ordering_key, conversation_id, data FROM whatsapp_outbox_events
      WHERE kind LIKE 'broadcast.%' OR kind LIKE 'enrollment.%' ORDER BY sequence`);
  async function refused(promise: Promise<unknown>): Promise<void> {
    expect(await promise.then(() => null, (e: unknown) => e)).to.be.instanceOf(CampaignRefusal);
  }

  async function csvBroadcast(csv: string, templateId = promo): Promise<string> {
    const id = await saveBroadcast(h.context, manager, {
      accountId: h.accountId, name: 'Rentrée 2026', templateId, audience: null,
      parameters: { 'body:1': { source: 'column', column: 'prenom' }, 'body:2': { source: 'text', text: 'les cartables' } },
      messagesPerSecond: null, useMarketingApi: false, scheduledAt: null,
    });
    await importBroadcastCsv(h.context, manager, id, h.csv(csv), 'r.csv');
    return id;
  }

  it('tells of a launch, a pause by hand, and the completion with its final counts, once each, in order', async () => {
    const id = await csvBroadcast('phone,prenom\n0661000001,Amina\n0661000002,\n0661000003,Karim\n');
    await launchBroadcast(h.context, manager, id);
    await pauseBroadcast(h.context, manager, id);
    await refused(pauseBroadcast(h.context, manager, id));
    await resumeBroadcast(h.context, manager, id);
    await h.feedAll(id);
    await h.drainSendJobs();
    expect(await h.feedAll(id)).to.equal('completed');
    expect(await h.feedAll(id)).to.equal('stopped');

    const written = await events();
    expect(written.map((e) => e.kind)).to.deep.equal(['broadcast.launched', 'broadcast.paused', 'broadcast.completed']);
    expect(new Set(written.map((e) => e.ordering_key))).to.deep.equal(new Set([`broadcast:${id}`]));
    const [launched, paused, completed] = written;
    expect(launched!.data).to.deep.include({ accountId: h.accountId, actorId: 'manager-17', recipientsToSend: 3 });
    expect(launched!.data.broadcast).to.deep.include({ id, name: 'Rentrée 2026', status: 'sending', audience: 'csv', templateName: PROMO.name, recipientsTotal: 3 });
    expect(paused!.data).to.deep.include({ actorId: 'manager-17', reason: 'by-hand' });
    expect(paused!.data.broadcast).to.include({ status: 'paused' });
    expect(completed!.data.broadcast).to.include({ status: 'completed' });
    expect(completed!.data.counts).to.deep.include({ total: 3, sent: 2, failed: 0, skipped: 1, skippedByReason: [{ reason: 'missing-parameter', count: 1 }] });
    // Ids and counts, never a recipient's phone or a message's text.
    expect(JSON.stringify(written)).to.not.match(/213661000001|Amina/);
  });

  it('tells who cancelled, and why a broadcast paused by itself when Meta paused its template', async () => {
    const cancelled = await csvBroadcast('phone,prenom\n0661000001,Amina\n');
    await launchBroadcast(h.context, manager, cancelled);
    await cancelBroadcast(h.context, manager, cancelled);
    await refused(cancelBroadcast(h.context, manager, cancelled));

    const paused = await csvBroadcast('phone,prenom\n0661000002,Karim\n');
    await launchBroadcast(h.context, null, paused);
    await db().query(`UPDATE whatsapp_templates SET status = 'PAUSED' WHERE id = $1`, [promo]);
    expect(await h.feedAll(paused)).to.equal('stopped');
    expect(await h.feedAll(paused)).to.equal('stopped');

    const written = (await events()).filter((e) => e.kind !== 'broadcast.launched');
    expect(written.map((e) => [e.kind, e.data.broadcast!.id, e.data.actorId, e.data.reason])).to.deep.equal([
      ['broadcast.cancelled', cancelled, 'manager-17', 'by-hand'],
      ['broadcast.paused', paused, null, 'template-not-approved'],
    ]);
    expect(written[1]!.data.broadcast).to.include({ status: 'paused', pausedReason: 'campaigns.paused.templateNotApproved' });
  });

  it('writes nothing for a launch refused or an enrolment rolled back', async () => {
    const empty = await csvBroadcast('phone,prenom\nxx,Amina\n');
    await refused(launchBroadcast(h.context, manager, empty));
    const { contactId } = await h.conversation({ waId: '213661000010' });
    const sequence = await saveSequence(h.context, null, {
      accountId: h.accountId, name: 'Relance', status: 'active', triggers: [], exitOnReply: true, exitOnResolve: false,
      steps: [{ id: 'first', kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: 'demain' } } }],
    });
    const failure = new Error('the host’s change failed after the enrolment');
    const outcome = await inTransaction(db(), async (tx) => {
      await enrollInTransaction(h.context, tx.manager, null, { sequenceId: sequence, contactIds: [contactId], source: 'event' });
      throw failure;
    }).catch((e: unknown) => e);
    expect(outcome).to.equal(failure);
    expect(await events()).to.deep.equal([]);
  });

  it('tells how a contact was enrolled, with its CRM record, and why each enrollment ended: completed, by hand, replied, opted out', async () => {
    const contacts = await Promise.all(['213661000021', '213661000022', '213661000023', '213661000024'].map((waId) => h.conversation({ waId })));
    await db().query(`UPDATE whatsapp_contacts SET crm_record_type = 'organisation', crm_record_id = '21', crm_record_label = 'École 21' WHERE id = $1`, [
      contacts[0]!.contactId,
    ]);
    const sequence = await saveSequence(h.context, null, {
      accountId: h.accountId, name: 'Relance', status: 'active', triggers: [], exitOnReply: true, exitOnResolve: false,
      steps: [{ id: 'first', kind: 'template', templateId: reminder, parameters: { 'body:1': { source: 'text', text: 'demain' } } }],
    });
    const { enrolled } = await enrollContacts(h.context, manager, { sequenceId: sequence, contactIds: contacts.map((c) => c.contactId), source: 'manual' });
    const enrollmentOf = async (contactId: string) =>
      (await db().query(`SELECT id FROM whatsapp_sequence_enrollments WHERE contact_id = $1`, [contactId]))[0].id as string;
    const [completes, byHand, replies, stops] = await Promise.all(contacts.map((c) => enrollmentOf(c.contactId)));

    await exitEnrollment(h.context, manager, byHand!);
    await inTransaction(db(), (tx) => exitEnrollmentsOf(tx.manager, [contacts[2]!.contactId], 'replied', new Date()));
    await db().query(`UPDATE whatsapp_contacts SET marketing_opted_out_at = now() WHERE id = $1`, [contacts[3]!.contactId]);
    await runDueEnrollments(h.context);
    // A second run and a second exit find nothing left to end.
    await runDueEnrollments(h.context);
    await inTransaction(db(), (tx) => exitEnrollmentsOf(tx.manager, [contacts[2]!.contactId], 'replied', new Date()));

    const written = await events();
    const started = written.filter((e) => e.kind === 'enrollment.started');
    expect(started).to.have.length(4);
    expect(started.map((e) => e.data.enrollment!.id).sort()).to.deep.equal([...enrolled].sort());
    const first = started.find((e) => e.data.enrollment!.id === completes)!;
    expect(first.data).to.deep.include({ actorId: 'manager-17', sequence: { id: sequence, name: 'Relance' }, reason: null, trigger: null });
    expect(first.data.enrollment).to.include({ source: 'manual', status: 'active', enrolledById: 'manager-17' });
    expect(first.data.contact).to.deep.include({ waId: '213661000021', crmRecord: { type: 'organisation', id: '21', label: 'École 21' } });
    expect(first.ordering_key).to.equal(`contact:${contacts[0]!.contactId}`);
    expect(first.conversation_id).to.equal(contacts[0]!.conversationId);

    const ended = written.filter((e) => e.kind === 'enrollment.ended').map((e) => [e.data.enrollment!.id, e.data.reason, e.data.actorId]);
    expect(ended).to.have.deep.members([
      [byHand, 'manual', 'manager-17'],
      [replies, 'replied', null],
      [stops, 'opted-out', null],
      [completes, 'completed', null],
    ]);
    expect(ended).to.have.length(4);
  });
});

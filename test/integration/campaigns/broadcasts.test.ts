import { expect } from 'chai';
import { CampaignRefusal } from '../../../src/campaigns/campaign-refusal.js';
import { cancelBroadcast, pauseBroadcast, resumeBroadcast } from '../../../src/campaigns/control-broadcast.js';
import { importBroadcastCsv } from '../../../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../../../src/campaigns/launch-broadcast.js';
import { broadcastResultsCsv } from '../../../src/campaigns/read/broadcast-results.js';
import { loadBroadcastProgress } from '../../../src/campaigns/read/broadcast-progress.js';
import { previewBroadcast } from '../../../src/campaigns/read/broadcast-preview.js';
import { saveBroadcast, type BroadcastDraft } from '../../../src/campaigns/save-broadcast.js';
import { setMarketingConsent } from '../../../src/contacts/set-marketing-consent.js';
import { PROMO, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

describe('broadcasts: CSV audience, launch, one message per recipient, pause, resume, cancel', () => {
  let h: CampaignHarness;
  let promo: string;
  beforeEach(async () => {
    h = await startCampaignHarness();
    promo = await h.template(PROMO);
  });
  afterEach(async () => h.close());
  const db = () => h.db.dataSource;

  const draft = (over: Partial<BroadcastDraft> = {}): BroadcastDraft => ({
    accountId: h.accountId,
    name: 'Rentrée 2026',
    templateId: promo,
    audience: null,
    parameters: { 'body:1': { source: 'column', column: 'prenom' }, 'body:2': { source: 'text', text: 'les cartables' } },
    messagesPerSecond: null,
    useMarketingApi: false,
    scheduledAt: null,
    ...over,
  });
  async function refusal(promise: Promise<unknown>): Promise<CampaignRefusal> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(CampaignRefusal);
    return error as CampaignRefusal;
  }
  async function sendEverything(broadcastId: string): Promise<void> {
    await h.feedAll(broadcastId);
    await h.drainSendJobs();
    expect(await h.feedAll(broadcastId)).to.equal('completed');
  }

  it('reports every row of a CSV that gets no message, with its line and why, and keeps the rest with their columns', async () => {
    const id = await saveBroadcast(h.context, null, draft());
    const report = await importBroadcastCsv(
      h.context,
      null,
      id,
      h.csv('\uFEFFtéléphone;prenom\n0555 12 34 56;Amina\nnot a phone;Karim\n+213 555 12 34 56;Amina bis\n\n0661 98 76 54;Yacine\n;Vide\n'),
      'rentree.csv',
    );
    expect(report).to.deep.include({ rows: 5, accepted: 2, columns: ['prenom'], skipped: { 'invalid-phone': 2, duplicate: 1 } });
    expect(report.problems).to.deep.equal([
      { line: 3, phone: 'not a phone', reason: 'invalid-phone' },
      { line: 4, phone: '+213 555 12 34 56', reason: 'duplicate' },
      { line: 7, phone: '', reason: 'invalid-phone' },
    ]);
    const rows = await h.recipients(id);
    expect(rows.map((r) => [r.position, r.state, r.skip_reason, r.wa_id])).to.deep.equal([
      [2, 'pending', null, '213555123456'],
      [3, 'skipped', 'invalid-phone', null],
      [4, 'skipped', 'duplicate', '213555123456'],
      [6, 'pending', null, '213661987654'],
      [7, 'skipped', 'invalid-phone', null],
    ]);
    const preview = await previewBroadcast(h.context, id);
    expect(preview.map((p) => p.text)).to.deep.equal(['Bonjour Amina, -20 % sur les cartables cette semaine.', 'Bonjour Yacine, -20 % sur les cartables cette semaine.']);
  });

  it('refuses a file it cannot read as a whole, leaving the previous upload as it was', async () => {
    const id = await saveBroadcast(h.context, null, draft());
    await importBroadcastCsv(h.context, null, id, h.csv('phone,prenom\n0555123456,Amina\n'), 'a.csv');
    const refused = await refusal(importBroadcastCsv(h.context, null, id, h.csv('phone,prenom\n0555123457,"Karim\n'), 'b.csv'));
    expect(refused.reason).to.equal('csv-not-readable');
    expect((await h.recipients(id)).map((r) => r.wa_id)).to.deep.equal(['213555123456']);
  });

  it('sends one message per recipient, skipping stopped contacts and rows without a parameter value, and counts the outcome', async () => {
    const stopped = await h.conversation({ waId: '213661000003' });
    await db().transaction((m) => setMarketingConsent(m, stopped.contactId, true, 'user_preferences'));
    const id = await saveBroadcast(h.context, null, draft());
    await importBroadcastCsv(h.context, null, id, h.csv('phone,prenom\n0661000001,Amina\n0661000002,\n0661000003,Nadia\n0661000004,Karim\n'), 'r.csv');
    expect(await launchBroadcast(h.context, null, id)).to.deep.equal({ status: 'sending', recipients: 3 });
    await sendEverything(id);

    const rows = await h.recipients(id);
    expect(rows.map((r) => [r.wa_id, r.state, r.skip_reason])).to.deep.equal([
      ['213661000001', 'queued', null],
      ['213661000002', 'skipped', 'missing-parameter'],
      ['213661000003', 'skipped', 'opted-out'],
      ['213661000004', 'queued', null],
    ]);
    const sent = h.sandbox.log.entries({ endpoint: 'messages' }).map((entry) => (entry.body as { to: string }).to);
    expect(sent.sort()).to.deep.equal(['213661000001', '213661000004']);
    const body = h.sandbox.log.entries({ endpoint: 'messages' }).find((e) => (e.body as { to: string }).to === '213661000001')!.body;
    expect(body).to.deep.nested.include({ 'template.components[0].parameters[0].text': 'Amina', 'template.components[0].parameters[1].text': 'les cartables' });
    const progress = (await loadBroadcastProgress(db(), id))!;
    expect(progress).to.deep.include({ status: 'completed', total: 4, pending: 0, queued: 0, sent: 2, skipped: 2, failed: 0 });
    expect(progress.skippedByReason).to.deep.equal([{ reason: 'missing-parameter', count: 1 }, { reason: 'opted-out', count: 1 }]);
    // A contact the number never heard from was created, with a conversation that starts resolved (nothing for agents to answer yet).
    const [conversation] = await db().query(
      `SELECT v.status FROM whatsapp_conversations v JOIN whatsapp_contacts c ON c.id = v.contact_id WHERE c.wa_id = '213661000001'`,
    );
    expect(conversation.status).to.equal('resolved');
    // Hosts hear of the conversations a broadcast started, once each.
    const started = await db().query(
      `SELECT data->'contact'->>'waId' AS "waId", data->>'conversationStatus' AS status FROM whatsapp_outbox_events WHERE kind = 'conversation.created' ORDER BY 1`,
    );
    expect(started).to.deep.equal([
      { waId: '213661000001', status: 'resolved' },
      { waId: '213661000004', status: 'resolved' },
    ]);
  });

  it('withdraws the messages not yet taken on pause, sends the rest once on resume, and skips what is left on cancel', async () => {
    const id = await saveBroadcast(h.context, null, draft());
    const phones = Array.from({ length: 6 }, (_, i) => `06610000${10 + i},Client ${i}`);
    await importBroadcastCsv(h.context, null, id, h.csv(`phone,prenom\n${phones.join('\n')}\n`), 'r.csv');
    await launchBroadcast(h.context, null, id);
    await h.feedAll(id);
    // Two go out before the pause; four are still queued in the pipeline.
    const jobs = await h.pendingSendJobs();
    for (const job of jobs.slice(0, 2)) await h.takeSendJobs(job.messageId);
    const { sendQueuedMessage } = await import('../../../src/delivery/send-queued-message.js');
    for (const job of jobs.slice(0, 2)) await sendQueuedMessage(h.context, job.messageId, h.settings);

    await pauseBroadcast(h.context, null, id);
    expect((await loadBroadcastProgress(db(), id))!).to.deep.include({ status: 'paused', pending: 4, queued: 0, sent: 2 });
    await h.drainSendJobs();
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(2);
    expect(await h.feedAll(id)).to.equal('stopped');

    await resumeBroadcast(h.context, null, id);
    await h.feedAll(id);
    const resumed = await h.pendingSendJobs();
    await h.takeSendJobs(resumed[0]!.messageId);
    await sendQueuedMessage(h.context, resumed[0]!.messageId, h.settings);
    await cancelBroadcast(h.context, null, id);
    await h.drainSendJobs();

    const rows = await h.recipients(id);
    expect(rows.filter((r) => r.state === 'queued')).to.have.length(3);
    expect(rows.filter((r) => r.skip_reason === 'cancelled')).to.have.length(3);
    const sent = h.sandbox.log.entries({ endpoint: 'messages' }).map((entry) => (entry.body as { to: string }).to);
    expect(new Set(sent).size, 'no phone got two messages').to.equal(sent.length);
    expect(sent).to.have.length(3);
    expect((await loadBroadcastProgress(db(), id))!).to.deep.include({ status: 'cancelled', sent: 3, skipped: 3, pending: 0 });
    expect((await refusal(resumeBroadcast(h.context, null, id))).reason).to.equal('not-paused');
  });

  it('exports the results as CSV, one line per recipient with the outcome in the manager’s language', async () => {
    const id = await saveBroadcast(h.context, null, draft());
    await importBroadcastCsv(h.context, null, id, h.csv('phone,prenom\n0661000001,Amina\nxx,Karim\n0661000002,=HYPERLINK("x")\n'), 'r.csv');
    await launchBroadcast(h.context, null, id);
    await sendEverything(id);
    let csv = '';
    for await (const chunk of broadcastResultsCsv(db(), id, 'fr')) csv += String(chunk);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).to.match(/^Ligne,Téléphone,/);
    expect(lines).to.have.length(4);
    expect(lines[1]).to.match(/^2,\+213661000001,.*,Envoyé,/);
    expect(lines[2]).to.match(/^3,xx,.*Numéro invalide/);
  });

  it('refuses to launch without an approved template, with unmapped parameters, or with nobody to send to', async () => {
    const id = await saveBroadcast(h.context, null, draft({ parameters: {} }));
    await importBroadcastCsv(h.context, null, id, h.csv('phone\nxx\n'), 'r.csv');
    expect((await refusal(launchBroadcast(h.context, null, id))).reason).to.equal('parameters-unmapped');
    await saveBroadcast(h.context, null, draft(), id);
    expect((await refusal(launchBroadcast(h.context, null, id))).reason).to.equal('audience-empty');
    await db().query(`UPDATE whatsapp_templates SET status = 'PAUSED' WHERE id = $1`, [promo]);
    expect((await refusal(launchBroadcast(h.context, null, id))).reason).to.equal('template-not-approved');
  });
});

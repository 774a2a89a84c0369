import { expect } from 'chai';
import { buildDelivery, newWamid, serializeDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { reprocessWebhookEvent, WebhookEventNotReprocessableError } from '../../../src/inbound/reprocess-webhook-event.js';
import { registerWebhookProcessor } from '../../../src/jobs/process-webhook-event.job.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { createTestPluginContext, TEST_ACCOUNT, type TestPluginContext } from '../../support/plugin-context.js';
import { count, deliver, eventRow, messageByWamid, refusePoisonMessages, storeDelivery } from './support/deliveries.js';
import { MAX_PROCESSING_ATTEMPTS } from '../../../src/inbound/process-webhook-event.js';
import { waitFor } from './support/wait-for.js';

describe('processor: routing, templates, other fields and failures', () => {
  let t: TestPluginContext;
  beforeEach(async () => {
    t = await createTestPluginContext();
  });
  afterEach(async () => t.close());

  const db = () => t.db.dataSource;

  it('marks a delivery for an unknown number unroutable, and processes it once the number exists and it is reprocessed', async () => {
    const wamid = newWamid();
    const delivery = buildDelivery('text', { wamid, phoneNumberId: '555000111222', wabaId: '999000111', displayPhoneNumber: '213770009999' });
    const { eventId, outcome } = await deliver(t.context, delivery);
    expect(outcome).to.equal('unroutable');
    const unroutable = await eventRow(db(), eventId);
    expect(unroutable.status).to.equal('unroutable');
    expect(unroutable.lastError).to.contain('555000111222').and.contain('213770009999');
    expect(await messageByWamid(db(), wamid)).to.equal(undefined);
    // Its first job is spent (processed above, in this process).
    await t.jobs.purgeQueue(QUEUES.processWebhookEvent);

    await t.context.accounts.upsertConfigured({ phoneNumberId: '555000111222', wabaId: '999000111' });
    await registerWebhookProcessor(t.context);
    await reprocessWebhookEvent(t.context, eventId);
    await waitFor('the reprocessed event', async () => (await eventRow(db(), eventId)).status === 'processed');
    expect(await messageByWamid(db(), wamid)).to.not.equal(undefined);
    expect((await eventRow(db(), eventId)).lastError).to.equal(null);
  });

  it('refuses to reprocess an event that went through', async () => {
    const { eventId } = await deliver(t.context, buildDelivery('text'));
    let error: unknown;
    await reprocessWebhookEvent(t.context, eventId).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(WebhookEventNotReprocessableError);
  });

  it('applies template webhooks at once, creating a template not known yet', async () => {
    const templates = () =>
      db().query(`SELECT name, language, status, category, quality, rejection_reason, meta_id FROM whatsapp_templates`);
    const update = buildDelivery('template-update', { templateName: 'rappel_paiement', templateEvent: 'REJECTED', templateLanguage: 'fr' });
    expect((await deliver(t.context, update)).outcome).to.equal('processed');
    const [rejected] = await templates();
    expect(rejected).to.include({ name: 'rappel_paiement', language: 'fr', status: 'REJECTED', category: 'UTILITY', rejection_reason: 'INVALID_FORMAT' });
    const metaId = rejected.meta_id;

    const change = (field: string, value: Record<string, unknown>) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: TEST_ACCOUNT.wabaId, time: 1763712400, changes: [{ field, value }] }],
    });
    const identity = { message_template_id: Number(metaId), message_template_name: 'rappel_paiement', message_template_language: 'fr' };
    await deliver(t.context, JSON.stringify(change('message_template_status_update', { ...identity, event: 'APPROVED', reason: 'NONE' })));
    await deliver(t.context, JSON.stringify(change('template_category_update', { ...identity, previous_category: 'UTILITY', new_category: 'MARKETING' })));
    await deliver(t.context, JSON.stringify(change('message_template_quality_update', { ...identity, previous_quality_score: 'GREEN', new_quality_score: 'YELLOW' })));
    expect(await templates()).to.deep.equal([
      { name: 'rappel_paiement', language: 'fr', status: 'APPROVED', category: 'MARKETING', quality: 'YELLOW', rejection_reason: null, meta_id: metaId },
    ]);
  });

  it('marks a template webhook for an unknown WABA unroutable', async () => {
    const { eventId } = await deliver(t.context, buildDelivery('template-update', { wabaId: '777000111' }));
    expect(await eventRow(db(), eventId)).to.deep.include({ status: 'unroutable' });
    expect((await eventRow(db(), eventId)).lastError).to.contain('WABA 777000111');
  });

  it('ignores a field it does not act on with the reason, without failing, and applies what else the delivery carries', async () => {
    const paymentConfiguration = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: TEST_ACCOUNT.wabaId, changes: [{ field: 'payment_configuration_update', value: { configuration_name: 'upi', status: 'Active' } }] }],
    });
    const ignored = await deliver(t.context, paymentConfiguration);
    expect(ignored.outcome).to.equal('ignored');
    expect(await eventRow(db(), ignored.eventId)).to.include({
      status: 'ignored',
      lastError: 'field payment_configuration_update is not applied by this inbox (kept in the raw event)',
    });

    const mixed = buildDelivery('text');
    const metadata = { display_phone_number: TEST_ACCOUNT.displayPhoneNumber, phone_number_id: TEST_ACCOUNT.phoneNumberId };
    mixed.entry[0]!.changes.push({ field: 'payment_configuration_update', value: { configuration_name: 'upi' } });
    mixed.entry[0]!.changes.push({
      field: 'user_preferences',
      value: { messaging_product: 'whatsapp', metadata, user_preferences: [{ wa_id: '213555123456', category: 'marketing_messages', value: 'stop', timestamp: 1763712000 }] },
    });
    expect((await deliver(t.context, mixed)).outcome).to.equal('processed');
  });

  it('keeps the errors Meta reports beside the messages on the event', async () => {
    const delivery = buildDelivery('text');
    delivery.entry[0]!.changes[0]!.value.errors = [{ code: 131000, title: 'Something went wrong', error_data: { details: 'try later' } }];
    const { eventId, outcome } = await deliver(t.context, delivery);
    expect(outcome).to.equal('processed');
    expect((await eventRow(db(), eventId)).lastError).to.equal('Meta reported: (131000) Something went wrong: try later');
  });

  it('marks a body that is not a WhatsApp delivery unparseable, with the reason', async () => {
    const { eventId, outcome } = await deliver(t.context, JSON.stringify({ object: 'page', entry: [] }));
    expect(outcome).to.equal('unparseable');
    expect((await eventRow(db(), eventId)).lastError).to.contain('object');
    const notJson = await deliver(t.context, '{"object": "whatsapp_business_account", "entry": [');
    expect(notJson.outcome).to.equal('unparseable');
    expect((await eventRow(db(), notJson.eventId)).lastError).to.match(/^not JSON/);
  });

  it('lets pg-boss retry a failing event, and leaves it failed with its reason after the last attempt', async () => {
    await t.jobs.updateQueue(QUEUES.processWebhookEvent, { name: QUEUES.processWebhookEvent, retryLimit: 1, retryDelay: 1, retryBackoff: false });
    await refusePoisonMessages(db());
    const eventId = await storeDelivery(t.context, serializeDelivery(buildDelivery('text', { text: 'POISON' })));
    await registerWebhookProcessor(t.context);
    await waitFor('the job to exhaust its retries', async () =>
      (await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND state = 'failed' AND data->>'eventId' = $2`, [QUEUES.processWebhookEvent, eventId])) === 1,
    );
    const event = await eventRow(db(), eventId);
    expect(event).to.include({ status: 'failed', attempts: 2 });
    expect(event.lastError).to.contain('poison');
    expect(await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND data->>'eventId' = $2`, [QUEUES.deadLetter, eventId])).to.equal(1);
  });

  it('gives a poison event up after a bounded number of attempts: failed with its reason, its job done, Reprocess possible (bug 6)', async () => {
    await t.jobs.updateQueue(QUEUES.processWebhookEvent, { name: QUEUES.processWebhookEvent, retryLimit: 20, retryDelay: 0, retryBackoff: false });
    await refusePoisonMessages(db());
    const eventId = await storeDelivery(t.context, serializeDelivery(buildDelivery('text', { text: 'POISON' })));
    await registerWebhookProcessor(t.context, { pollingIntervalSeconds: 0.5 });
    await waitFor('the job to end', async () =>
      (await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND state IN ('completed', 'failed') AND data->>'eventId' = $2`, [QUEUES.processWebhookEvent, eventId])) === 1,
    );
    const event = await eventRow(db(), eventId);
    expect(event).to.include({ status: 'failed', attempts: MAX_PROCESSING_ATTEMPTS });
    expect(event.lastError).to.match(/^gave up after 5 attempts .*poison/);
    // Completed, not failed: pg-boss does not retry it again.
    expect(await count(db(), `SELECT 1 FROM whatsapp_jobs.job WHERE name = $1 AND state = 'completed' AND data->>'eventId' = $2`, [QUEUES.processWebhookEvent, eventId])).to.equal(1);
    await db().query(`DROP TRIGGER test_refuse_poison ON whatsapp_messages`);
    await reprocessWebhookEvent(t.context, eventId);
    await waitFor('the reprocessed event', async () => (await eventRow(db(), eventId)).status === 'processed');
    expect(await eventRow(db(), eventId)).to.include({ attempts: 1 });
  });
});

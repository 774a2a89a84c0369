import { expect } from 'chai';
import { buildDelivery, serializeDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { signBody } from '../../../src/domain/webhook-signature.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

describe('Meta’s callback served by the runnable back office (before Express)', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  const appSecret = 'back-office-app-secret';

  before(async () => {
    office = await startTestBackOffice({
      accounts: [{ phoneNumberId: '118237465540912', wabaId: '104729381102938', appSecret, verifyToken: 'verify-me' }],
    });
  });
  after(async () => office.stop());

  it('answers the verification handshake', async () => {
    const ok = await fetch(`${office.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).to.equal(200);
    expect(await ok.text()).to.equal('1158201444');
    const wrong = await fetch(`${office.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).to.equal(403);
  });

  it('stores a signed delivery with its job, refuses an unsigned one, and counts both', async () => {
    const body = serializeDelivery(buildDelivery('text', { text: 'Salam 👋 école' }), { escapeUnicode: true });
    const signed = await fetch(`${office.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, appSecret) },
    });
    expect(signed.status).to.equal(200);
    const unsigned = await fetch(`${office.baseUrl}/webhooks/whatsapp`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).to.equal(401);

    const events = await office.dataSource.query(`SELECT raw_body, status FROM whatsapp_webhook_events`);
    expect(events).to.deep.equal([{ raw_body: body, status: 'received' }]);
    const [{ jobs }] = await office.dataSource.query(`SELECT count(*)::int AS jobs FROM whatsapp_jobs.job WHERE name = 'whatsapp-process-webhook-event'`);
    expect(jobs).to.equal(1);
    expect(office.plugin.webhookMetrics.snapshot()).to.deep.include({ stored: 1, signatureMissing: 1 });
  });
});

import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphApiClient, type GraphApiClient } from '../../../src/cloud-api/graph-api-client.js';
import { verifySignature } from '../../../src/domain/webhook-signature.js';
import { startSandboxGraphApi, type SandboxGraphApi, type SandboxGraphApiOptions } from '../../../src/sandbox/start-sandbox-graph-api.js';

const APP_SECRET = 'sandbox-app-secret';
const NUMBER = { phoneNumberId: '118237465540912', wabaId: '104729381102938', displayPhoneNumber: '213770001122' };
const CALL = { accessToken: 'token', phoneNumberId: NUMBER.phoneNumberId };
const CUSTOMER = '213555123456';

interface Received {
  raw: Buffer;
  signature: string | undefined;
  json: {
    entry: { id: string; changes: { field: string; value: { metadata?: Record<string, string>; statuses?: Record<string, unknown>[] } & Record<string, unknown> }[] }[];
  };
}

/** The app's side: a webhook route that keeps the raw bytes, answering what `answer` says. */
async function startReceiver(answer: (count: number) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({ raw, signature: req.headers['x-hub-signature-256'] as string | undefined, json: JSON.parse(raw.toString('utf8')) as Received['json'] });
      res.statusCode = answer(received.length);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const statusesOf = (received: Received[]) => received.flatMap((r) => r.json.entry[0]!.changes[0]!.value.statuses ?? []);

describe('sandbox status webhooks (real HTTP to a local receiver)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let sandbox: SandboxGraphApi;
  let client: GraphApiClient;

  async function start(options: SandboxGraphApiOptions = {}, answer?: (count: number) => number) {
    receiver = await startReceiver(answer);
    sandbox = await startSandboxGraphApi({
      numbers: [NUMBER],
      webhookUrl: receiver.url,
      appSecret: APP_SECRET,
      statusDelaysMs: { sent: 0, delivered: 5, read: 10, failed: 0 },
      ...options,
    });
    client = createGraphApiClient({ graphUrl: sandbox.url });
  }
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('sends sent, delivered and read, signed over the exact bytes, echoing the callback data', async () => {
    await start();
    const callbackData = 'msg-é/42';
    const { wamid } = await client.sendMessage(CALL, { to: CUSTOMER, type: 'text', text: { body: 'Bonjour' }, biz_opaque_callback_data: callbackData });
    await sandbox.webhooks.idle();

    expect(receiver.received).to.have.length(3);
    for (const delivery of receiver.received) {
      expect(verifySignature(delivery.raw, delivery.signature, [APP_SECRET]), 'signature').to.equal(true);
      // Meta's escaping: re-serialising the parsed body gives other bytes, so only raw-byte checks pass.
      expect(delivery.raw.toString('utf8')).to.contain('msg-\\u00e9\\/42');
      expect(delivery.json.entry[0]!.id).to.equal(NUMBER.wabaId);
      expect(delivery.json.entry[0]!.changes[0]!.value.metadata).to.deep.equal({
        display_phone_number: NUMBER.displayPhoneNumber,
        phone_number_id: NUMBER.phoneNumberId,
      });
    }
    const statuses = statusesOf(receiver.received);
    expect(statuses.map((s) => s.status).sort()).to.deep.equal(['delivered', 'read', 'sent']);
    for (const status of statuses) {
      expect(status).to.include({ id: wamid, recipient_id: CUSTOMER, biz_opaque_callback_data: callbackData });
      expect(status.timestamp).to.match(/^\d+$/);
    }
    const sent = statuses.find((s) => s.status === 'sent')!;
    expect(sent.pricing).to.deep.equal({ billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' });
  });

  it('reports a failure Meta accepted first as a failed status with the error code', async () => {
    await start();
    sandbox.faults.add({ recipient: CUSTOMER, action: { type: 'meta-error', code: 131026, via: 'status-webhook' } });
    const { wamid } = await client.sendMessage(CALL, { to: CUSTOMER, type: 'text', text: { body: 'Bonjour' }, biz_opaque_callback_data: 'msg-9' });
    await sandbox.webhooks.idle();

    const statuses = statusesOf(receiver.received);
    expect(statuses).to.have.length(1);
    expect(statuses[0]).to.deep.include({ id: wamid, status: 'failed', biz_opaque_callback_data: 'msg-9' });
    expect(statuses[0]!.errors).to.deep.equal([
      {
        code: 131026,
        title: 'Message undeliverable',
        message: 'Message undeliverable',
        error_data: { details: 'Unable to deliver message.' },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ]);
  });

  it('skips a status whose delay is null (a customer with read receipts off)', async () => {
    await start({ statusDelaysMs: { sent: 0, delivered: 0, read: null } });
    await client.sendMessage(CALL, { to: CUSTOMER, type: 'text', text: { body: 'Bonjour' } });
    await sandbox.webhooks.idle();
    expect(statusesOf(receiver.received).map((s) => s.status).sort()).to.deep.equal(['delivered', 'sent']);
  });

  it('retries a delivery the app did not answer 200, with the same bytes', async () => {
    await start({ statusDelaysMs: { sent: 0, delivered: null, read: null }, webhookRetryDelaysMs: [5, 5] }, (count) => (count === 1 ? 500 : 200));
    await client.sendMessage(CALL, { to: CUSTOMER, type: 'text', text: { body: 'Bonjour' } });
    await sandbox.webhooks.idle();
    expect(receiver.received).to.have.length(2);
    expect(receiver.received[0]!.raw.equals(receiver.received[1]!.raw)).to.equal(true);
    expect(sandbox.webhooks.deliveries.map((d) => [d.attempt, d.httpStatus])).to.deep.equal([
      [1, 500],
      [2, 200],
    ]);
  });

  it('prices a template message by its category', async () => {
    await start({
      statusDelaysMs: { sent: 0, delivered: null, read: null },
      templates: { [NUMBER.wabaId]: [{ name: 'promo', language: 'fr', category: 'MARKETING', components: [{ type: 'BODY', text: 'Promo' }] }] },
    });
    await client.sendMessage(CALL, { to: CUSTOMER, type: 'template', template: { name: 'promo', language: { code: 'fr' } } });
    await sandbox.webhooks.idle();
    expect(statusesOf(receiver.received)[0]).to.deep.include({
      conversation: { id: (statusesOf(receiver.received)[0]!.conversation as { id: string }).id, origin: { type: 'marketing' } },
      pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
    });
  });

  it('announces template reviews with message_template_status_update', async () => {
    await start({ templateReviewMs: 0 });
    const { id } = await client.createTemplate(
      { accessToken: 'token', wabaId: NUMBER.wabaId },
      { name: 'rappel', language: 'fr', category: 'UTILITY', components: [{ type: 'BODY', text: 'Rappel' }] },
    );
    await until(() => receiver.received.length === 1);
    const change = receiver.received[0]!.json.entry[0]!.changes[0]!;
    expect(change.field).to.equal('message_template_status_update');
    expect(change.value).to.deep.include({ event: 'APPROVED', message_template_id: Number(id), message_template_name: 'rappel', message_template_language: 'fr' });
    expect(sandbox.templates.byId(id)!.status).to.equal('APPROVED');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).to.equal(true);
}

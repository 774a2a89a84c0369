import { createHash } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { buildDelivery, serializeDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import type { Logger } from '../../../src/config/logger.js';
import { signBody } from '../../../src/domain/webhook-signature.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { createWebhookHandler } from '../../../src/inbound/webhook/create-webhook-handler.js';
import { createWebhookRouter } from '../../../src/inbound/webhook/create-webhook-router.js';
import { webhookBefore } from '../../../src/inbound/webhook/webhook-before.js';
import { WebhookMetrics } from '../../../src/inbound/webhook/webhook-metrics.js';
import { TEST_ACCOUNT, createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { adminQuery } from '../../support/test-database.js';

const SECOND_APP = {
  phoneNumberId: '220011223344556',
  wabaId: '330011223344556',
  displayPhoneNumber: '213550009988',
  appSecret: 'second-app-secret-fedcba9876543210',
  verifyToken: 'second-verify-token',
};

interface LogLine {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

function capturingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

interface StoredEvent {
  id: string;
  raw_body: string;
  headers: Record<string, string>;
  body_sha256: string;
  status: string;
  last_error: string | null;
}

describe('webhook route', function () {
  this.timeout(60_000);

  let harness: TestPluginContext;
  let server: Server;
  let baseUrl: string;
  let metrics: WebhookMetrics;
  let logs: LogLine[];

  before(async () => {
    logs = [];
    harness = await createTestPluginContext({ accounts: [TEST_ACCOUNT, SECOND_APP], logger: capturingLogger(logs) });
    // The failure cases below make TypeORM print whole failed queries; what matters is asserted.
    harness.db.dataSource.setOptions({ logging: [] });
    metrics = new WebhookMetrics();
    // Mounted as the plugin documents: before the host's global body parsers.
    const app = express();
    app.use('/webhooks/whatsapp', createWebhookRouter(harness.context, { metrics }));
    app.use(express.json());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  });

  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
  });

  beforeEach(async () => {
    logs.length = 0;
    await harness.db.dataSource.query('DELETE FROM whatsapp_webhook_events');
    await harness.db.dataSource.query('DELETE FROM whatsapp_jobs.job WHERE name = $1', [QUEUES.processWebhookEvent]);
  });

  const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(baseUrl, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const signedPost = (body: string | Uint8Array<ArrayBuffer>, secret: string = TEST_ACCOUNT.appSecret, headers: Record<string, string> = {}) =>
    post(body, { 'x-hub-signature-256': signBody(Buffer.from(body), secret), ...headers });
  const events = (): Promise<StoredEvent[]> =>
    harness.db.dataSource.query('SELECT id, raw_body, headers, body_sha256, status, last_error FROM whatsapp_webhook_events ORDER BY received_at');
  const jobs = (): Promise<{ id: string; data: { eventId: string }; state: string }[]> =>
    harness.db.dataSource.query('SELECT id, data, state FROM whatsapp_jobs.job WHERE name = $1', [QUEUES.processWebhookEvent]);

  describe('POST', () => {
    it('stores a signed delivery byte for byte with its headers and hash, queues its job, then answers 200', async () => {
      const body = serializeDelivery(buildDelivery('text'));
      const response = await signedPost(body, TEST_ACCOUNT.appSecret, { 'user-agent': 'facebookexternalua' });
      expect(response.status).to.equal(200);

      const [event, ...others] = await events();
      expect(others).to.have.length(0);
      expect(event!.raw_body).to.equal(body);
      expect(event!.status).to.equal('received');
      expect(event!.body_sha256).to.equal(createHash('sha256').update(body).digest('hex'));
      expect(event!.headers).to.deep.equal({
        'content-type': 'application/json',
        'user-agent': 'facebookexternalua',
        'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret),
      });
      // Committed before the 200: the job is already there for a worker to fetch.
      const queued = await jobs();
      expect(queued.map((job) => job.data)).to.deep.equal([{ eventId: event!.id }]);
      expect(queued[0]!.state).to.equal('created');
      expect(metrics.snapshot().stored).to.be.greaterThan(0);
    });

    it('hands the job to a pg-boss worker on the processing queue', async () => {
      await signedPost(serializeDelivery(buildDelivery('image')));
      const [event] = await events();
      const [job] = await harness.jobs.fetch<{ eventId: string }>(QUEUES.processWebhookEvent);
      expect(job?.data).to.deep.equal({ eventId: event!.id });
    });

    it('accepts a body with accents and emoji signed over its UTF-8 bytes, and stores that text exactly', async () => {
      const body = serializeDelivery(buildDelivery('text', { text: 'Élève inscrite à l’école — merci 👍🏽', name: 'Aïcha' }));
      expect(body).to.contain('👍🏽');
      expect((await signedPost(body)).status).to.equal(200);
      expect((await events())[0]!.raw_body).to.equal(body);
    });

    it('accepts the same delivery with Meta’s \\u escapes signed over those bytes, and stores the escapes, not a re-serialisation', async () => {
      const body = serializeDelivery(buildDelivery('text', { text: 'Élève inscrite à l’école — merci 👍🏽' }), { escapeUnicode: true });
      expect(body).to.contain('\\u00c9l\\u00e8ve').and.to.contain('\\ud83d\\udc4d');
      expect((await signedPost(body)).status).to.equal(200);
      const [event] = await events();
      expect(event!.raw_body).to.equal(body);
      expect(event!.body_sha256).to.equal(createHash('sha256').update(body).digest('hex'));
    });

    it('refuses an escaped body carrying the signature of its UTF-8 spelling (a re-serialised body does not verify)', async () => {
      const delivery = buildDelivery('text', { text: 'Élève 👍' });
      const utf8 = serializeDelivery(delivery);
      const escaped = serializeDelivery(delivery, { escapeUnicode: true });
      expect((await post(escaped, { 'x-hub-signature-256': signBody(utf8, TEST_ACCOUNT.appSecret) })).status).to.equal(401);
      expect(await events()).to.have.length(0);
    });

    it('accepts a delivery for another configured app’s number signed with that app’s secret', async () => {
      const delivery = buildDelivery('text', { phoneNumberId: SECOND_APP.phoneNumberId, wabaId: SECOND_APP.wabaId });
      expect((await signedPost(serializeDelivery(delivery), SECOND_APP.appSecret)).status).to.equal(200);
      expect(await events()).to.have.length(1);
      expect(await jobs()).to.have.length(1);
    });

    it('refuses a delivery for one app’s number signed with another app’s secret: 401, nothing stored', async () => {
      const forSecond = buildDelivery('text', { phoneNumberId: SECOND_APP.phoneNumberId, wabaId: SECOND_APP.wabaId });
      expect((await signedPost(serializeDelivery(forSecond), TEST_ACCOUNT.appSecret)).status).to.equal(401);
      const forFirst = buildDelivery('text');
      expect((await signedPost(serializeDelivery(forFirst), SECOND_APP.appSecret)).status).to.equal(401);
      const templateOfSecond = buildDelivery('template-update', { wabaId: SECOND_APP.wabaId });
      expect((await signedPost(serializeDelivery(templateOfSecond), TEST_ACCOUNT.appSecret)).status).to.equal(401);
      const batchNamingBoth = serializeDelivery({
        object: 'whatsapp_business_account',
        entry: [...buildDelivery('text').entry, ...forSecond.entry],
      } as ReturnType<typeof buildDelivery>);
      expect((await signedPost(batchNamingBoth, TEST_ACCOUNT.appSecret)).status).to.equal(401);
      expect(await events()).to.have.length(0);
    });

    it('still stores a signed delivery that names no configured number, for the unroutable list', async () => {
      const unknown = buildDelivery('text', { phoneNumberId: '999000111222333', wabaId: '999000111222334' });
      expect((await signedPost(serializeDelivery(unknown), SECOND_APP.appSecret)).status).to.equal(200);
      expect(await events()).to.have.length(1);
    });

    it('refuses a signature made with an unknown secret: 401, nothing stored, logged without the secret, counted', async () => {
      const before = metrics.snapshot().signatureInvalid;
      const response = await signedPost(serializeDelivery(buildDelivery('text')), 'not-the-app-secret');
      expect(response.status).to.equal(401);
      expect(await events()).to.have.length(0);
      expect(await jobs()).to.have.length(0);
      expect(metrics.snapshot().signatureInvalid).to.equal(before + 1);
      const warning = logs.find((line) => line.level === 'warn');
      expect(warning?.message).to.match(/signature/);
      const logged = JSON.stringify(logs);
      for (const secret of [TEST_ACCOUNT.appSecret, SECOND_APP.appSecret]) expect(logged).to.not.contain(secret);
    });

    it('refuses a delivery without a signature: 401, nothing stored, counted as missing', async () => {
      const before = metrics.snapshot().signatureMissing;
      expect((await post(serializeDelivery(buildDelivery('text')))).status).to.equal(401);
      expect(await events()).to.have.length(0);
      expect(metrics.snapshot().signatureMissing).to.equal(before + 1);
    });

    it('refuses signatures of the wrong length or format without failing', async () => {
      const body = serializeDelivery(buildDelivery('text'));
      const hex = signBody(body, TEST_ACCOUNT.appSecret).slice('sha256='.length);
      for (const header of [`sha256=${hex.slice(0, 40)}`, `sha256=${hex}00`, 'sha256=', hex, `sha1=${hex}`]) {
        expect((await post(body, { 'x-hub-signature-256': header })).status, header).to.equal(401);
      }
      expect(await events()).to.have.length(0);
    });

    it('stores a signed body that is not JSON as unparseable and answers 200 (Meta would retry it for days), without a job', async () => {
      const body = '{"object":"whatsapp_business_account","entry":[';
      expect((await signedPost(body)).status).to.equal(200);
      const [event] = await events();
      expect(event).to.include({ raw_body: body, status: 'unparseable' });
      expect(event!.last_error).to.match(/not valid JSON/);
      expect(await jobs()).to.have.length(0);
    });

    it('stores a signed body that is not UTF-8 as base64, unparseable', async () => {
      const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
      expect((await signedPost(bytes)).status).to.equal(200);
      const [event] = await events();
      expect(event!.status).to.equal('unparseable');
      expect(Buffer.from(event!.raw_body, 'base64').equals(bytes)).to.equal(true);
      expect(event!.body_sha256).to.equal(createHash('sha256').update(bytes).digest('hex'));
    });

    it('reads the raw body whatever the content type says', async () => {
      const body = serializeDelivery(buildDelivery('text'));
      const response = await fetch(baseUrl, { method: 'POST', body, headers: { 'content-type': 'text/plain', 'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret) } });
      expect(response.status).to.equal(200);
      expect((await events())[0]!.raw_body).to.equal(body);
    });

    it('accepts a body of exactly 3 MB and refuses one byte more with 413, storing nothing', async () => {
      const limit = 3 * 1024 * 1024;
      const wrap = (size: number) => {
        const head = '{"object":"whatsapp_business_account","entry":[],"padding":"';
        return head + 'x'.repeat(size - head.length - 2) + '"}';
      };
      const atLimit = wrap(limit);
      expect(Buffer.byteLength(atLimit)).to.equal(limit);
      expect((await signedPost(atLimit)).status).to.equal(200);
      const before = metrics.snapshot().tooLarge;
      expect((await signedPost(wrap(limit + 1))).status).to.equal(413);
      expect(metrics.snapshot().tooLarge).to.equal(before + 1);
      expect((await events()).map((event) => event.raw_body.length)).to.deep.equal([limit]);
    });

    it('refuses with 413 a chunked body (no declared length) that turns out larger than 3 MB', async () => {
      const { port } = server.address() as AddressInfo;
      const body = Buffer.alloc(3 * 1024 * 1024 + 1, 0x20);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/webhooks/whatsapp',
          headers: { 'transfer-encoding': 'chunked', 'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret) },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode!);
        });
        request.on('error', reject);
        for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.subarray(at, at + 64 * 1024));
        request.end();
      });
      expect(status).to.equal(413);
      expect(await events()).to.have.length(0);
    });

    it('stores nothing when the client hangs up in the middle of the body', async () => {
      const before = metrics.snapshot().badRequest;
      const { port } = server.address() as AddressInfo;
      const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/webhooks/whatsapp', headers: { 'content-length': '1000' } });
      request.on('error', () => undefined);
      request.write('{"object":"whatsapp_business_account"');
      await new Promise((resolve) => setTimeout(resolve, 50));
      request.destroy();
      while (metrics.snapshot().badRequest === before) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await events()).to.have.length(0);
    });

    it('commits every event of a burst together with its own job', async () => {
      const bodies = Array.from({ length: 60 }, () => serializeDelivery(buildDelivery('text')));
      const statuses = await Promise.all(bodies.map(async (body) => (await signedPost(body)).status));
      expect(statuses.every((status) => status === 200)).to.equal(true);
      const stored = await events();
      expect(stored.map((event) => event.raw_body).sort()).to.deep.equal([...bodies].sort());
      expect((await jobs()).map((job) => job.data.eventId).sort()).to.deep.equal(stored.map((event) => event.id).sort());
    });

    it('stores neither the event nor its job when the job cannot be queued, and answers 500 so that Meta retries', async () => {
      await harness.db.dataSource.query('ALTER TABLE whatsapp_jobs.job RENAME TO job_unavailable');
      try {
        const response = await signedPost(serializeDelivery(buildDelivery('text')));
        expect(response.status).to.equal(500);
      } finally {
        await harness.db.dataSource.query('ALTER TABLE whatsapp_jobs.job_unavailable RENAME TO job');
      }
      expect(await events()).to.have.length(0);
      expect(logs.some((line) => line.level === 'error')).to.equal(true);
    });

    it('answers 500, never 200, when the events table cannot be written', async () => {
      await harness.db.dataSource.query('ALTER TABLE whatsapp_webhook_events RENAME TO events_unavailable');
      try {
        expect((await signedPost(serializeDelivery(buildDelivery('text')))).status).to.equal(500);
      } finally {
        await harness.db.dataSource.query('ALTER TABLE events_unavailable RENAME TO whatsapp_webhook_events');
      }
      expect(await jobs()).to.have.length(0);
    });
  });

  describe('GET (verification handshake)', () => {
    const handshake = (query: Record<string, string>) => fetch(`${baseUrl}?${new URLSearchParams(query)}`);

    it('answers the challenge as text/plain to subscribe with a configured verify token', async () => {
      const response = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': TEST_ACCOUNT.verifyToken, 'hub.challenge': '1158201444' });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await response.text()).to.equal('1158201444');
    });

    it('accepts the verify token of any configured app', async () => {
      const response = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': SECOND_APP.verifyToken, 'hub.challenge': 'abc' });
      expect(response.status).to.equal(200);
      expect(await response.text()).to.equal('abc');
    });

    it('refuses a wrong token with 403', async () => {
      const response = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
      expect(response.status).to.equal(403);
      expect(await response.text()).to.not.contain('1');
    });

    it('refuses another mode with 403', async () => {
      expect((await handshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': TEST_ACCOUNT.verifyToken, 'hub.challenge': '1' })).status).to.equal(403);
    });

    it('refuses a request missing any of the three parameters with 403', async () => {
      const complete = { 'hub.mode': 'subscribe', 'hub.verify_token': TEST_ACCOUNT.verifyToken, 'hub.challenge': '1' };
      for (const missing of Object.keys(complete)) {
        const query = Object.fromEntries(Object.entries(complete).filter(([key]) => key !== missing));
        expect((await handshake(query)).status, missing).to.equal(403);
      }
      expect((await fetch(baseUrl)).status).to.equal(403);
    });
  });
});

describe('webhook route while PostgreSQL refuses connections', () => {
  it('answers 500, never 200, and accepts deliveries again once the database is back', async () => {
    const harness = await createTestPluginContext();
    harness.db.dataSource.setOptions({ logging: [] });
    const app = express();
    app.use('/webhooks/whatsapp', createWebhookRouter(harness.context));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
    const deliver = () => {
      const body = serializeDelivery(buildDelivery('text'));
      return fetch(url, { method: 'POST', body, headers: { 'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret) } });
    };
    try {
      expect((await deliver()).status).to.equal(200);
      await adminQuery(`ALTER DATABASE "${harness.db.name}" ALLOW_CONNECTIONS false`);
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${harness.db.name}'`);
      expect((await deliver()).status).to.equal(500);
      await adminQuery(`ALTER DATABASE "${harness.db.name}" ALLOW_CONNECTIONS true`);
      expect((await deliver()).status).to.equal(200);
      expect(await harness.db.dataSource.query('SELECT 1 FROM whatsapp_webhook_events')).to.have.length(2);
    } finally {
      await adminQuery(`ALTER DATABASE "${harness.db.name}" ALLOW_CONNECTIONS true`);
      await new Promise((resolve) => server.close(resolve));
      await harness.close();
    }
  });
});

describe('webhook handler called before Express (webhookBefore)', () => {
  it('stores signed deliveries and answers the handshake while the host app parses JSON for everything else', async () => {
    const harness = await createTestPluginContext();
    const app = express();
    app.use(express.json());
    app.post('/echo', (req, res) => res.json(req.body));
    const server = http.createServer(webhookBefore(createWebhookHandler(harness.context), app));
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const body = serializeDelivery(buildDelivery('text', { text: 'Élève 👍' }), { escapeUnicode: true });
      const response = await fetch(`${base}/webhooks/whatsapp`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret) },
      });
      expect(response.status).to.equal(200);
      const [event] = await harness.db.dataSource.query('SELECT raw_body FROM whatsapp_webhook_events');
      expect(event.raw_body).to.equal(body);
      const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': TEST_ACCOUNT.verifyToken, 'hub.challenge': '42' });
      expect(await (await fetch(`${base}/webhooks/whatsapp?${query}`)).text()).to.equal('42');
      const echo = await fetch(`${base}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
      expect(await echo.json()).to.deep.equal({ a: 1 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await harness.close();
    }
  });

  it('answers 405 to methods other than GET and POST', async () => {
    const harness = await createTestPluginContext();
    const server = http.createServer(webhookBefore(createWebhookHandler(harness.context), (_req, res) => res.end()));
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`, { method: 'PUT', body: '{}' });
      expect(response.status).to.equal(405);
      expect(response.headers.get('allow')).to.equal('GET, HEAD, POST');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await harness.close();
    }
  });
});

describe('webhook route mounted after a JSON body parser', () => {
  it('answers 500 and says why, instead of checking a signature over re-serialised JSON', async () => {
    const logs: LogLine[] = [];
    const harness = await createTestPluginContext({ logger: capturingLogger(logs) });
    const app = express();
    app.use(express.json());
    app.use('/webhooks/whatsapp', createWebhookRouter(harness.context));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const body = serializeDelivery(buildDelivery('text'));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, TEST_ACCOUNT.appSecret) },
      });
      expect(response.status).to.equal(500);
      expect(logs.find((line) => line.level === 'error')?.message).to.match(/before .*body parser/);
      expect(await harness.db.dataSource.query('SELECT 1 FROM whatsapp_webhook_events')).to.have.length(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await harness.close();
    }
  });
});

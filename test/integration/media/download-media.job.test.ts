import { rejectionOf } from '../../support/rejection.js';
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { downloadMediaJob, registerDownloadMediaWorker, runDownloadMedia, type DownloadMediaDeps } from '../../../src/jobs/download-media.job.js';
import { startJobQueue } from '../../../src/db/start-job-queue.js';
import { QUEUES } from '../../../src/db/job-queues.js';
import { MediaDownloadError } from '../../../src/media/media-download-error.js';
import { MEDIA_SIZE_LIMITS } from '../../../src/domain/media-rules.js';
import { createGraphApiClient, GRAPH_API_VERSION } from '../../../src/cloud-api/index.js';
import { localFetch } from '../../support/local-fetch.js';
import { createPluginContext, type PluginContext } from '../../../src/context/plugin-context.js';
import { SecretBox } from '../../../src/secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { file, json, redirect, startLocalHttpsServer, type LocalHttpsServer } from './local-https-server.js';

const TOKEN = 'EAAG-test-access-token';
const PHONE_NUMBER_ID = '118237465540912';
const MEDIA_ID = '1480299316452345';
const RECEIVED_AT = new Date('2025-11-21T10:41:00Z');

interface MessageSpec {
  type?: string;
  sha256?: string | null;
  mimeType?: string;
  fileName?: string | null;
  payloadUrl?: string;
  mediaId?: string | null;
}

describe('download-media job', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let server: LocalHttpsServer;
  let mediaDir: string;
  let context: PluginContext;
  const deps: DownloadMediaDeps = {};
  let accountId: string;
  /** The Graph client of the job: the local server is the Graph API, and stands in for Meta's CDN under `hosts`. */
  const graphOn = (hosts: Record<string, string> = {}) => createGraphApiClient({ graphUrl: server.origin, fetch: localFetch({ ca: server.ca, hosts }) });

  before(async () => {
    db = await createTestDatabase();
    server = await startLocalHttpsServer();
    const secretBox = new SecretBox(randomBytes(32));
    // The queue is started only by the tests that go through pg-boss.
    context = createPluginContext({ dataSource: db.dataSource, secretBox, jobs: undefined as unknown as PgBoss, options: { mediaDir: '' }, graph: graphOn() });
    accountId = (await context.accounts.upsertConfigured({ phoneNumberId: PHONE_NUMBER_ID, wabaId: '104729381102938', accessToken: TOKEN })).id;
  });
  after(async () => {
    await server.close();
    await db.drop();
  });
  beforeEach(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-media-'));
    context.options.mediaDir = mediaDir;
    server.requests.length = 0;
    context.graph = graphOn();
  });
  afterEach(async () => rm(mediaDir, { recursive: true, force: true }));

  let messageCounter = 0;
  async function insertMessage(spec: MessageSpec = {}): Promise<string> {
    messageCounter += 1;
    const type = spec.type ?? 'image';
    const [contact] = await db.dataSource.query(
      `INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`,
      [accountId, `21355512${String(messageCounter).padStart(4, '0')}`],
    );
    const [conversation] = await db.dataSource.query(
      `INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2) RETURNING id`,
      [accountId, contact.id],
    );
    const mediaId = spec.mediaId === undefined ? MEDIA_ID : spec.mediaId;
    const media: Record<string, unknown> = { id: mediaId, mime_type: spec.mimeType ?? 'image/jpeg', sha256: spec.sha256 };
    if (spec.payloadUrl) media.url = spec.payloadUrl;
    const [message] = await db.dataSource.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, payload, status, received_at,
                                      media_id, media_mime_type, media_sha256, media_file_name)
       VALUES ($1, $2, 'inbound', $3, $4, 'received', $5, $6, $7, $8, $9) RETURNING id`,
      [
        conversation.id, `wamid.test-${messageCounter}`, type, { type, [type]: media }, RECEIVED_AT,
        mediaId, spec.mimeType ?? 'image/jpeg', spec.sha256 ?? null, spec.fileName ?? null,
      ],
    );
    return message.id;
  }

  async function storedMedia(messageId: string): Promise<{ media_storage_path: string | null; media_size: string | null }> {
    const [row] = await db.dataSource.query(`SELECT media_storage_path, media_size FROM whatsapp_messages WHERE id = $1`, [messageId]);
    return row;
  }

  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  }

  const failure = (promise: Promise<unknown>) => rejectionOf(promise, MediaDownloadError);

  function graphAnswers(bytes: Buffer, url: string, extra: Record<string, unknown> = {}): void {
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(200, {
      url, mime_type: 'image/jpeg', sha256: sha256(bytes).toString('hex'), file_size: bytes.length, id: MEDIA_ID, messaging_product: 'whatsapp', ...extra,
    }));
  }

  it('stores the file under its day, records path and size, and checks both spellings of the sha256', async () => {
    const bytes = randomBytes(200_000);
    graphAnswers(bytes, `${server.origin}/cdn/hop`);
    server.route('/cdn/hop', redirect(`${server.origin}/cdn/receipt`));
    server.route('/cdn/receipt', file(bytes, 'image/jpeg'));
    // The webhook announces the digest in base64; Graph (above) answers in hex.
    const messageId = await insertMessage({ sha256: sha256(bytes).toString('base64') });

    const result = await downloadMediaJob(context, { messageId }, deps);

    const key = `2025-11-21/${messageId}-image.jpg`;
    expect(result).to.deep.equal({ status: 'stored', key, size: bytes.length });
    expect(await readFile(path.join(mediaDir, key))).to.deep.equal(bytes);
    expect(await storedMedia(messageId)).to.deep.equal({ media_storage_path: key, media_size: String(bytes.length) });
    expect(await filesUnder(mediaDir)).to.deep.equal([path.join(mediaDir, key)]);
    const graphCall = server.requests.find((r) => r.path === `/${GRAPH_API_VERSION}/${MEDIA_ID}`)!;
    expect(graphCall.authorization).to.equal(`Bearer ${TOKEN}`);
    for (const request of server.requests) {
      expect(request.userAgent).to.match(/^adminjs-whatsapp\//);
      expect(request.authorization).to.equal(`Bearer ${TOKEN}`);
    }
    expect(server.hits('/cdn/receipt')).to.equal(1);
  });

  it('keeps a document under a safe form of its file name', async () => {
    const bytes = Buffer.from('%PDF-1.7 facture');
    graphAnswers(bytes, `${server.origin}/cdn/doc`, { mime_type: 'application/pdf' });
    server.route('/cdn/doc', file(bytes, 'application/pdf'));
    const messageId = await insertMessage({ type: 'document', mimeType: 'application/pdf', fileName: '../../Facture été 2025.PDF' });

    const result = await downloadMediaJob(context, { messageId }, deps);

    expect(result).to.deep.include({ status: 'stored', key: `2025-11-21/${messageId}-Facture-ete-2025.pdf` });
  });

  it('stores nothing and fails for good when the sha256 does not match', async () => {
    const announced = randomBytes(50_000);
    const served = Buffer.from(announced);
    served[1234] ^= 0xff;
    graphAnswers(announced, `${server.origin}/cdn/tampered`);
    server.route('/cdn/tampered', file(served, 'image/jpeg'));
    const messageId = await insertMessage({ sha256: sha256(announced).toString('base64') });

    const error = await failure(downloadMediaJob(context, { messageId }, deps));

    expect(error.reason).to.equal('checksum-mismatch');
    expect(error.permanent).to.equal(true);
    expect(await filesUnder(mediaDir)).to.deep.equal([]);
    expect(await storedMedia(messageId)).to.deep.equal({ media_storage_path: null, media_size: null });
  });

  it('aborts an oversized file mid-stream, even without a Content-Length, and stores nothing', async () => {
    const total = 4 * MEDIA_SIZE_LIMITS.image;
    let written = 0;
    let closedEarly = false;
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(200, { url: `${server.origin}/cdn/huge`, mime_type: 'image/jpeg', id: MEDIA_ID }));
    server.route('/cdn/huge', (_request, response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.on('close', () => (closedEarly = written < total));
      const chunk = randomBytes(64 * 1024);
      const pump = (): void => {
        while (written < total && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    const messageId = await insertMessage({ sha256: null });

    const error = await failure(downloadMediaJob(context, { messageId }, deps));

    expect(error.reason).to.equal('too-large');
    expect(error.permanent).to.equal(true);
    await waitFor(() => closedEarly);
    expect(written).to.be.lessThan(total);
    expect(await filesUnder(mediaDir)).to.deep.equal([]);
    expect(await storedMedia(messageId)).to.deep.equal({ media_storage_path: null, media_size: null });
  });

  it('does not even start a download that Content-Length or Graph already put over the cap', async () => {
    const sticker = randomBytes(MEDIA_SIZE_LIMITS.stickerStatic + 1);
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(200, { url: `${server.origin}/cdn/sticker`, mime_type: 'image/webp', id: MEDIA_ID }));
    server.route('/cdn/sticker', file(sticker, 'image/webp'));
    const staticSticker = await insertMessage({ type: 'sticker', mimeType: 'image/webp' });
    expect((await failure(downloadMediaJob(context, { messageId: staticSticker }, deps))).reason).to.equal('too-large');

    graphAnswers(sticker, `${server.origin}/cdn/never`, { file_size: MEDIA_SIZE_LIMITS.image + 1 });
    const image = await insertMessage();
    expect((await failure(downloadMediaJob(context, { messageId: image }, deps))).reason).to.equal('too-large');
    expect(server.hits('/cdn/never')).to.equal(0);
  });

  it('accepts an animated sticker up to its larger cap', async () => {
    const sticker = randomBytes(MEDIA_SIZE_LIMITS.stickerStatic + 1);
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(200, { url: `${server.origin}/cdn/animated`, mime_type: 'image/webp', id: MEDIA_ID }));
    server.route('/cdn/animated', file(sticker, 'image/webp'));
    const messageId = await insertMessage({ type: 'sticker', mimeType: 'image/webp' });
    await db.dataSource.query(`UPDATE whatsapp_messages SET payload = jsonb_set(payload, '{sticker,animated}', 'true') WHERE id = $1`, [messageId]);

    expect(await downloadMediaJob(context, { messageId }, deps)).to.deep.include({ status: 'stored', size: sticker.length });
  });

  it('refuses a redirect off the allowed hosts without contacting them', async () => {
    const bytes = randomBytes(1000);
    graphAnswers(bytes, `${server.origin}/cdn/bounce`);
    server.route('/cdn/bounce', redirect(`${server.otherOrigin}/cdn/internal`));
    server.route('/cdn/internal', file(bytes));
    const messageId = await insertMessage();

    const error = await failure(downloadMediaJob(context, { messageId }, deps));

    expect(error.reason).to.equal('disallowed-url');
    expect(error.permanent).to.equal(true);
    expect(server.hits('/cdn/internal')).to.equal(0);
    expect(await filesUnder(mediaDir)).to.deep.equal([]);
  });

  it('refuses a media URL on any host that is not the Graph API\'s or Meta\'s, token unsent', async () => {
    const messageId = await insertMessage({ payloadUrl: `${server.otherOrigin}/cdn/receipt` });

    const error = await failure(downloadMediaJob(context, { messageId }, deps));

    expect(error.reason).to.equal('disallowed-url');
    expect(server.requests).to.deep.equal([]);
  });

  it('refuses plain http to Meta\'s media hosts, and to the Graph API\'s host on another scheme', async () => {
    context.graph = graphOn({ 'lookaside.fbsbx.com': `localhost:${server.port}` });
    for (const payloadUrl of ['http://lookaside.fbsbx.com/cdn/receipt', `http://localhost:${server.port}/cdn/receipt`]) {
      const error = await failure(downloadMediaJob(context, { messageId: await insertMessage({ payloadUrl }) }, deps));
      expect(error.reason, payloadUrl).to.equal('disallowed-url');
    }
    expect(server.requests).to.deep.equal([]);
  });

  it('follows a redirect to Meta\'s CDN over https, the token with it', async () => {
    const bytes = randomBytes(3_000);
    context.graph = graphOn({ 'lookaside.fbsbx.com': `localhost:${server.port}` });
    graphAnswers(bytes, `${server.origin}/cdn/to-meta`);
    server.route('/cdn/to-meta', redirect('https://lookaside.fbsbx.com/whatsapp_business/attachments/'));
    server.route('/whatsapp_business/attachments/', file(bytes, 'image/jpeg'));
    const messageId = await insertMessage({ sha256: sha256(bytes).toString('base64') });

    expect(await downloadMediaJob(context, { messageId }, deps)).to.deep.include({ status: 'stored', size: bytes.length });
    const cdn = server.requests.find((r) => r.path === '/whatsapp_business/attachments/')!;
    expect(cdn).to.include({ host: 'lookaside.fbsbx.com', authorization: `Bearer ${TOKEN}` });
  });

  it('asks Graph for a fresh URL when the one in the webhook has expired', async () => {
    const bytes = randomBytes(10_000);
    server.route('/cdn/stale', (_request, response) => void response.writeHead(404).end());
    graphAnswers(bytes, `${server.origin}/cdn/fresh`);
    server.route('/cdn/fresh', file(bytes, 'image/jpeg'));
    const messageId = await insertMessage({ payloadUrl: `${server.origin}/cdn/stale`, sha256: sha256(bytes).toString('base64') });

    expect(await downloadMediaJob(context, { messageId }, deps)).to.deep.include({ status: 'stored', size: bytes.length });
    expect(server.requests.map((r) => r.path)).to.deep.equal(['/cdn/stale', `/${GRAPH_API_VERSION}/${MEDIA_ID}`, '/cdn/fresh']);
  });

  it('re-fetches an expired Graph URL once, and only once', async () => {
    const bytes = randomBytes(10_000);
    let graphCalls = 0;
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, (request, response) => {
      graphCalls += 1;
      json(200, { url: `${server.origin}/cdn/try-${graphCalls}`, mime_type: 'image/jpeg', id: MEDIA_ID })(request, response);
    });
    server.route('/cdn/try-1', (_request, response) => void response.writeHead(401).end());
    server.route('/cdn/try-2', file(bytes, 'image/jpeg'));
    const recovered = await insertMessage();
    expect(await downloadMediaJob(context, { messageId: recovered }, deps)).to.deep.include({ status: 'stored' });
    expect(graphCalls).to.equal(2);

    graphCalls = 0;
    server.route('/cdn/try-2', (_request, response) => void response.writeHead(404).end());
    const gone = await insertMessage();
    const error = await failure(downloadMediaJob(context, { messageId: gone }, deps));
    expect(error.reason).to.equal('media-unavailable');
    expect(error.permanent).to.equal(true);
    expect(graphCalls).to.equal(2);
  });

  it('treats 5xx from the CDN or Graph as retryable, and a media id Meta no longer knows as permanent', async () => {
    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(200, { url: `${server.origin}/cdn/down`, id: MEDIA_ID }));
    server.route('/cdn/down', (_request, response) => void response.writeHead(503).end());
    const cdnDown = await failure(downloadMediaJob(context, { messageId: await insertMessage() }, deps));
    expect({ reason: cdnDown.reason, retryable: cdnDown.retryable }).to.deep.equal({ reason: 'http-error', retryable: true });

    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(500, { error: { message: 'An unexpected error has occurred.', code: 2 } }));
    const graphDown = await failure(downloadMediaJob(context, { messageId: await insertMessage() }, deps));
    expect({ reason: graphDown.reason, retryable: graphDown.retryable }).to.deep.equal({ reason: 'graph-error', retryable: true });

    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(400, { error: { message: 'Unsupported get request.', code: 100, error_subcode: 33 } }));
    const expired = await failure(downloadMediaJob(context, { messageId: await insertMessage() }, deps));
    expect({ reason: expired.reason, retryable: expired.retryable }).to.deep.equal({ reason: 'media-unavailable', retryable: false });
  });

  it('treats a refused connection as retryable', async () => {
    const closed = await startLocalHttpsServer();
    await closed.close();
    context.graph = graphOn({ 'lookaside.fbsbx.com': `localhost:${closed.port}` });
    const messageId = await insertMessage({ payloadUrl: 'https://lookaside.fbsbx.com/cdn/x' });
    const error = await failure(downloadMediaJob(context, { messageId }, deps));
    expect({ reason: error.reason, retryable: error.retryable }).to.deep.equal({ reason: 'network', retryable: true });
  });

  it('does nothing for a message whose media is already stored', async () => {
    const messageId = await insertMessage();
    await db.dataSource.query(`UPDATE whatsapp_messages SET media_storage_path = 'kept/elsewhere.jpg' WHERE id = $1`, [messageId]);

    expect(await downloadMediaJob(context, { messageId }, deps)).to.deep.equal({ status: 'already-stored', key: 'kept/elsewhere.jpg' });
    expect(server.requests).to.deep.equal([]);
  });

  it('turns a permanent failure into an outcome for the queue, and rethrows a retryable one', async () => {
    const unknown = await runDownloadMedia(context, { messageId: '00000000-0000-4000-8000-000000000000' }, deps);
    expect(unknown).to.deep.include({ status: 'failed', reason: 'message-not-found' });

    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(503, {}));
    const messageId = await insertMessage();
    const error = await runDownloadMedia(context, { messageId }, deps).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).to.be.instanceOf(MediaDownloadError).with.property('retryable', true);
    const [retrying] = await db.dataSource.query(`SELECT media_error, media_error_detail FROM whatsapp_messages WHERE id = $1`, [messageId]);
    expect(retrying.media_error).to.equal('graph-error');
    expect(retrying.media_error_detail).to.contain('503');

    server.route(`/${GRAPH_API_VERSION}/${MEDIA_ID}`, json(400, { error: { message: 'Unsupported get request', type: 'GraphMethodException', code: 100 } }));
    expect(await runDownloadMedia(context, { messageId }, deps)).to.include({ status: 'failed' });
    const [failed] = await db.dataSource.query(`SELECT media_error, media_storage_path FROM whatsapp_messages WHERE id = $1`, [messageId]);
    expect(failed.media_error).to.be.a('string').and.not.equal('');
    expect(failed.media_storage_path).to.equal(null);
  });

  describe('through pg-boss', () => {
    let boss: PgBoss;
    before(async () => {
      boss = await startJobQueue(db.url, { onError: () => undefined });
      context.jobs = boss;
    });
    after(async () => boss.stop({ graceful: false, wait: true }));

    it('runs from the download-media queue: stored on success, completed with the reason on a permanent failure', async () => {
      const bytes = randomBytes(5_000);
      graphAnswers(bytes, `${server.origin}/cdn/queued`);
      server.route('/cdn/queued', file(bytes, 'image/jpeg'));
      server.route('/cdn/queued-bad', file(randomBytes(5_000), 'image/jpeg'));
      await registerDownloadMediaWorker(context, deps, { concurrency: 1, pollingIntervalSeconds: 0.5 });
      const good = await insertMessage({ sha256: sha256(bytes).toString('base64') });
      const bad = await insertMessage({ sha256: sha256(bytes).toString('base64'), payloadUrl: `${server.origin}/cdn/queued-bad` });

      await boss.send(QUEUES.downloadMedia, { messageId: good });
      const badJob = (await boss.send(QUEUES.downloadMedia, { messageId: bad }))!;

      await waitFor(async () => (await storedMedia(good)).media_storage_path !== null);
      await waitFor(async () => (await boss.getJobById(QUEUES.downloadMedia, badJob))?.state === 'completed');
      const job = await boss.getJobById(QUEUES.downloadMedia, badJob);
      expect(job?.output).to.deep.include({ status: 'failed', reason: 'checksum-mismatch' });
      expect(job?.retryCount).to.equal(0);
      expect(await storedMedia(bad)).to.deep.equal({ media_storage_path: null, media_size: null });
    });
  });
});

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

async function waitFor(condition: () => boolean | Promise<boolean>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met');
}

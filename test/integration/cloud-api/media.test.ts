import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { failure, NUMBER, startSandboxFixture, TOKEN, type SandboxFixture } from './sandbox-fixture.js';

async function buffer(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The platform's fetch, with Content-Length dropped from every answer: a server that does not announce sizes. */
const withoutLength: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(response.body, { status: response.status, headers });
};

describe('media through the client (upload, lookup, download, delete)', () => {
  let fixture: SandboxFixture;
  const photo = randomBytes(64 * 1024);

  beforeEach(async () => {
    fixture = await startSandboxFixture();
  });
  afterEach(() => fixture.sandbox.close());

  it('uploads as multipart with messaging_product, type and the file', async () => {
    const { id } = await fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/jpeg', filename: 'photo.jpg' });
    expect(id).to.match(/^\d+$/);
    expect(fixture.sandbox.log.last('media-upload')).to.deep.include({
      path: `/${NUMBER.phoneNumberId}/media`,
      accessToken: TOKEN,
      body: { messaging_product: 'whatsapp', type: 'image/jpeg', file: { filename: 'photo.jpg', type: 'image/jpeg', size: photo.length } },
    });
    expect(fixture.sandbox.media.get(id)!.data.equals(photo)).to.equal(true);
  });

  it('looks a media id up and downloads the bytes with the token', async () => {
    const { id } = await fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/jpeg' });
    const info = await fixture.client.getMediaInfo({ ...fixture.number }, id);
    expect(info).to.deep.include({ id, mimeType: 'image/jpeg', fileSize: photo.length, sha256: createHash('sha256').update(photo).digest('hex') });
    expect(info.url.startsWith(`${fixture.sandbox.url}/`)).to.equal(true);

    const downloaded = await fixture.client.downloadMedia({ accessToken: TOKEN }, info.url, { maxBytes: 1024 * 1024 });
    expect(downloaded).to.deep.include({ mimeType: 'image/jpeg', size: photo.length });
    expect((await buffer(downloaded.body)).equals(photo)).to.equal(true);
    expect(fixture.sandbox.log.last('media-download')).to.include({ accessToken: TOKEN, status: 200 });

    const anonymous = await fetch(info.url);
    expect(anonymous.status).to.equal(401);
  });

  it('stops a download past the size cap, announced or not', async () => {
    const { id } = await fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/jpeg' });
    const info = await fixture.client.getMediaInfo(fixture.number, id);
    expect(await failure(fixture.client.downloadMedia({ accessToken: TOKEN }, info.url, { maxBytes: 1000 }))).to.include({ kind: 'invalid-response', limit: 'size' });

    const unannounced = startSandboxFixture({}, { fetch: withoutLength });
    const other = await unannounced;
    try {
      const uploaded = await other.client.uploadMedia(other.number, { data: photo, mimeType: 'image/jpeg' });
      const url = (await other.client.getMediaInfo(other.number, uploaded.id)).url;
      const download = await other.client.downloadMedia({ accessToken: TOKEN }, url, { maxBytes: 1000 });
      expect(await failure(buffer(download.body))).to.include({ kind: 'invalid-response', limit: 'size' });
    } finally {
      await other.sandbox.close();
    }
  });

  it('never sends the token to a host other than the Graph API or Meta’s media hosts, nor over plain http to them', async () => {
    for (const url of ['https://attacker.example/file', 'http://lookaside.fbsbx.com/file', `${fixture.sandbox.url.replace('127.0.0.1', 'localhost')}/__media/1`]) {
      const error = await failure(fixture.client.downloadMedia({ accessToken: TOKEN }, url, { maxBytes: 1000 }));
      expect(error, url).to.include({ kind: 'invalid-request', outcome: 'not-sent', limit: 'media-host' });
    }
    expect(fixture.sandbox.log.entries({ endpoint: 'media-download' })).to.deep.equal([]);
  });

  it('refuses an unsupported type or an image over 5 MB with 131053', async () => {
    expect(await failure(fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/gif' }))).to.include({ code: 131053, class: 'permanent' });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    expect(await failure(fixture.client.uploadMedia(fixture.number, { data: big, mimeType: 'image/png' }))).to.include({ code: 131053 });
  });

  it('deletes media; the id is then unknown to Meta', async () => {
    const { id } = await fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/png' });
    await fixture.client.deleteMedia(fixture.number, id);
    expect(await failure(fixture.client.getMediaInfo(fixture.number, id))).to.include({ code: 100, subcode: 33 });
  });
});

import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { failure, NUMBER, startSandboxFixture, TOKEN, type SandboxFixture } from './sandbox-fixture.js';

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
    expect(downloaded.mimeType).to.equal('image/jpeg');
    expect(downloaded.data.equals(photo)).to.equal(true);
    expect(fixture.sandbox.log.last('media-download')).to.include({ accessToken: TOKEN, status: 200 });

    const anonymous = await fetch(info.url);
    expect(anonymous.status).to.equal(401);
  });

  it('stops a download past the size cap', async () => {
    const { id } = await fixture.client.uploadMedia(fixture.number, { data: photo, mimeType: 'image/jpeg' });
    const info = await fixture.client.getMediaInfo(fixture.number, id);
    expect(await failure(fixture.client.downloadMedia({ accessToken: TOKEN }, info.url, { maxBytes: 1000 }))).to.include({ kind: 'invalid-response' });
  });

  it('never sends the token to a host other than the Graph API or Meta’s media hosts', async () => {
    const error = await failure(fixture.client.downloadMedia({ accessToken: TOKEN }, 'https://attacker.example/file', { maxBytes: 1000 }));
    expect(error).to.include({ kind: 'invalid-request', outcome: 'not-sent' });
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

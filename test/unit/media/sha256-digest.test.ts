import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaDownloadError } from '../../../src/media/media-download-error.js';
import { parseSha256, sha256Verifier } from '../../../src/media/sha256-digest.js';

const content = Buffer.from('Le reçu du paiement');
const digest = createHash('sha256').update(content).digest();

async function run(expected: Buffer[], bytes: Buffer): Promise<unknown> {
  return pipeline(Readable.from([bytes]), sha256Verifier(expected), new Writable({ write: (_c, _e, cb) => cb() })).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('parseSha256', () => {
  it('reads the base64 of webhooks, the hex of GET /{media-id} and base64url, to the same bytes', () => {
    expect(parseSha256(digest.toString('base64'))).to.deep.equal(digest);
    expect(parseSha256(digest.toString('hex'))).to.deep.equal(digest);
    expect(parseSha256(digest.toString('hex').toUpperCase())).to.deep.equal(digest);
    expect(parseSha256(digest.toString('base64url'))).to.deep.equal(digest);
  });

  it('reads the fixture webhook digest as 32 bytes', () => {
    expect(parseSha256('x2v4Zb0mVvH5lR8oZ1M8pQ6yJv8d0jW7n5kq3w9fA1E=')).to.have.length(32);
  });

  it('refuses what is not a sha256', () => {
    for (const value of ['', 'abc', digest.toString('hex').slice(2), createHash('sha1').update(content).digest('base64'), `${digest.toString('hex')}00`, 'z'.repeat(64)]) {
      expect(parseSha256(value), value).to.equal(null);
    }
  });
});

describe('sha256Verifier', () => {
  it('passes the bytes when they match every expected digest', async () => {
    expect(await run([digest, Buffer.from(digest)], content)).to.equal(null);
    expect(await run([], content)).to.equal(null);
  });

  it('fails permanently when one expected digest differs', async () => {
    const other = createHash('sha256').update('something else').digest();
    const error = await run([digest, other], content);
    expect(error).to.be.instanceOf(MediaDownloadError);
    expect(error).to.include({ reason: 'checksum-mismatch', retryable: false });
  });
});

import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { signBody, verifySignature } from '../../../src/domain/webhook-signature.js';

const SECRET = 'app-secret-one';
const OTHER = 'app-secret-two';
const utf8Body = Buffer.from('{"text":{"body":"Élève inscrit à l’école 👍"}}', 'utf8');
const escapedBody = Buffer.from('{"text":{"body":"\\u00c9l\\u00e8ve inscrit \\u00e0 l\\u2019\\u00e9cole \\ud83d\\udc4d"}}', 'utf8');

describe('webhook signature', () => {
  it('signs as Meta does: sha256= and the lowercase hex HMAC-SHA256 of the bytes under the app secret', () => {
    const expected = createHmac('sha256', SECRET).update(utf8Body).digest('hex');
    expect(signBody(utf8Body, SECRET)).to.equal(`sha256=${expected}`);
    expect(signBody(utf8Body.toString('utf8'), SECRET)).to.equal(`sha256=${expected}`);
  });

  it('accepts a body signed with the app secret', () => {
    expect(verifySignature(utf8Body, signBody(utf8Body, SECRET), [SECRET])).to.equal(true);
  });

  it('accepts a signature made with any of the configured apps’ secrets', () => {
    expect(verifySignature(utf8Body, signBody(utf8Body, OTHER), [SECRET, OTHER])).to.equal(true);
  });

  it('refuses a signature made with another secret, or when no secret is configured', () => {
    expect(verifySignature(utf8Body, signBody(utf8Body, OTHER), [SECRET])).to.equal(false);
    expect(verifySignature(utf8Body, signBody(utf8Body, SECRET), [])).to.equal(false);
    expect(verifySignature(utf8Body, signBody(utf8Body, ''), [''])).to.equal(false);
  });

  it('refuses a missing, empty, unprefixed or malformed header without throwing', () => {
    const hex = signBody(utf8Body, SECRET).slice('sha256='.length);
    for (const header of [undefined, '', hex, `sha1=${hex}`, 'sha256=', `sha256=${hex}0`, `sha256=${hex.slice(0, 62)}`, `sha256=${hex.slice(0, 63)}z`, `sha256= ${hex}`]) {
      expect(verifySignature(utf8Body, header, [SECRET]), String(header)).to.equal(false);
    }
  });

  it('checks the bytes as received: UTF-8 and \\u-escaped spellings of one JSON each verify only with their own signature', () => {
    expect(JSON.parse(escapedBody.toString('utf8'))).to.deep.equal(JSON.parse(utf8Body.toString('utf8')));
    expect(verifySignature(utf8Body, signBody(utf8Body, SECRET), [SECRET])).to.equal(true);
    expect(verifySignature(escapedBody, signBody(escapedBody, SECRET), [SECRET])).to.equal(true);
    expect(verifySignature(escapedBody, signBody(utf8Body, SECRET), [SECRET])).to.equal(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(escapedBody.toString('utf8'))));
    expect(verifySignature(reserialised, signBody(escapedBody, SECRET), [SECRET])).to.equal(false);
  });

  it('refuses any body changed by one byte (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const body = Buffer.from(bytes);
        const signature = signBody(body, SECRET);
        const tampered = Buffer.from(body);
        tampered[at % body.length] ^= flip;
        return verifySignature(body, signature, [SECRET]) && !verifySignature(tampered, signature, [SECRET]);
      }),
    );
  });
});

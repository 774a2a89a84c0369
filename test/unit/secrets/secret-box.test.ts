import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { parseEncryptionKey, SecretBox, SecretBoxError } from '../../../src/secrets/secret-box.js';

describe('SecretBox (AES-256-GCM secrets at rest)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never seals the same secret to the same text twice (random IV)', () => {
    const box = new SecretBox(key);
    const a = box.seal('EAAG-token-é✓');
    const b = box.seal('EAAG-token-é✓');
    expect(a).to.not.equal(b);
    expect(a).to.not.contain('EAAG');
    expect(box.open(a)).to.equal('EAAG-token-é✓');
    expect(box.open(b)).to.equal('EAAG-token-é✓');
  });

  it('detects tampering with the ciphertext, the tag, the IV or the key id', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('app-secret');
    const parts = sealed.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString('base64url');
    };
    for (const index of [2, 3, 4]) {
      const tampered = parts.map((p, i) => (i === index ? flip(p) : p)).join('.');
      expect(() => box.open(tampered), `part ${index}`).to.throw(SecretBoxError);
    }
    const otherKeyId = [parts[0], 'aaaaaaaaaaaa', ...parts.slice(2)].join('.');
    expect(() => box.open(otherKeyId)).to.throw(SecretBoxError, /unknown key/);
    expect(() => box.open('plain text')).to.throw(SecretBoxError);
  });

  it('refuses a value sealed under another key', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('x');
    expect(() => new SecretBox(key).open(sealed)).to.throw(SecretBoxError);
  });

  it('rotates: values sealed under a previous key still open and are flagged for re-sealing', () => {
    const oldKey = randomBytes(32);
    const sealedBefore = new SecretBox(oldKey).seal('verify-token');
    const rotated = new SecretBox(key, [oldKey]);
    expect(rotated.open(sealedBefore)).to.equal('verify-token');
    expect(rotated.needsRotation(sealedBefore)).to.equal(true);
    expect(rotated.needsRotation(rotated.seal('verify-token'))).to.equal(false);
  });

  it('reads keys as 64 hex characters or base64 and refuses other lengths', () => {
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).to.equal(true);
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).to.equal(true);
    expect(() => parseEncryptionKey('short')).to.throw(/32 bytes/);
  });
});

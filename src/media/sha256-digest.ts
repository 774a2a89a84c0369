import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { permanentMediaError } from './media-download-error.js';

const HEX_DIGEST = /^[0-9a-f]{64}$/i;
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Meta spells the same SHA-256 two ways: webhooks carry it in base64, `GET /{media-id}`
 * answers in hex. Both decode to the 32 raw bytes; anything else is not a SHA-256.
 */
export function parseSha256(value: string): Buffer | null {
  const text = value.trim();
  if (HEX_DIGEST.test(text)) return Buffer.from(text, 'hex');
  if (BASE64_DIGEST.test(text)) {
    const bytes = Buffer.from(text, 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

/**
 * Passes bytes through and fails at the very end when their SHA-256 is not every expected
 * digest. Failing in flush (before the stream ends) lets the storage discard its temporary
 * file, so a corrupt file is never stored.
 */
export function sha256Verifier(expected: readonly Buffer[]): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest();
      const wrong = expected.find((digest) => !digest.equals(actual));
      if (wrong) {
        callback(
          permanentMediaError(
            'checksum-mismatch',
            `sha256 of the downloaded file is ${actual.toString('hex')}, Meta announced ${wrong.toString('hex')}`,
          ),
        );
        return;
      }
      callback();
    },
  });
}

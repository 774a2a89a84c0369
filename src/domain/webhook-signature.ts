import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/** The `X-Hub-Signature-256` value Meta sends for these exact bytes: `sha256=<lowercase hex HMAC-SHA256>`. */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * The app secrets under which `header` is the signature of `rawBody` (several apps may share
 * one secret; none: the signature is invalid).
 *
 * The HMAC is over the bytes as received: a parsed and re-serialised body loses Meta's
 * `\uXXXX` escapes and no longer verifies. Every secret is tried even after a match, and
 * digests are compared with `timingSafeEqual`, so the time taken says nothing about which
 * secret or how many leading bytes matched.
 */
export function signingSecrets(rawBody: Buffer, header: string | undefined, appSecrets: string[]): string[] {
  if (!header?.startsWith(PREFIX)) return [];
  const hex = header.slice(PREFIX.length);
  if (!HEX_DIGEST.test(hex)) return [];
  const received = Buffer.from(hex, 'hex');
  const matched: string[] = [];
  for (const secret of appSecrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // timingSafeEqual throws on different lengths; both are 32 bytes here, checked anyway.
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched.push(secret);
  }
  return matched;
}

/** True when `header` is the signature of `rawBody` under one of the app secrets. */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecrets: string[]): boolean {
  return signingSecrets(rawBody, header, appSecrets).length > 0;
}

import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret in Standard Webhooks' form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The three headers of a Standard Webhooks delivery: the event's id (the same on every retry,
 * for the receiver's deduplication), the time of this attempt in Unix seconds, and
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's bytes. The signature
 * is computed here (a few lines over node:crypto) and checked in the tests with the reference
 * library, `standardwebhooks`, which is what receivers use.
 */
export function signedWebhookHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

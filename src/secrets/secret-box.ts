import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing for secrets at rest (access tokens, app secrets, verify tokens).
 *
 * Sealed form: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id is derived
 * from the key itself, so rotating means: set the new ENCRYPTION_KEY, move the old one to
 * ENCRYPTION_PREVIOUS_KEYS, and old values still open until they are re-sealed.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  constructor(currentKey: Buffer, previousKeys: Buffer[] = []) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new Error('encryption keys must be 32 bytes (AES-256)');
    }
    this.current = { id: keyId(currentKey), key: currentKey };
    this.keys = new Map([currentKey, ...previousKeys].map((key) => [keyId(key), key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(this.current.id));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
  }

  /** Throws SecretBoxError when the value was tampered with or sealed under an unknown key. */
  open(sealed: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretBoxError('not a sealed secret');
    const [, id, iv, tag, ciphertext] = parts as [string, string, string, string, string];
    const key = this.keys.get(id);
    if (!key) throw new SecretBoxError(`sealed under unknown key ${id}: add it to ENCRYPTION_PREVIOUS_KEYS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret failed authentication (tampered or wrong key)');
    }
  }

  /** True when the value is sealed under an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes: 64 hex characters or base64 (openssl rand -base64 32)');
  return key;
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

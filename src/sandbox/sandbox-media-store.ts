import { createHash, randomInt } from 'node:crypto';
import type { MetaErrorSpec } from './meta-error-catalog.js';

export interface SandboxMedia {
  id: string;
  data: Buffer;
  mimeType: string;
  /** Hex, as `GET /{media-id}` gives it. */
  sha256: string;
  filename: string | null;
  phoneNumberId: string | null;
  uploadedAt: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

// Meta's supported types and size caps (reference §6); stickers at the animated cap.
const SUPPORTED: ReadonlyMap<string, number> = new Map([
  ['image/jpeg', 5 * MIB],
  ['image/png', 5 * MIB],
  ['image/webp', 500 * KIB],
  ['video/mp4', 16 * MIB],
  ['video/3gpp', 16 * MIB],
  ['audio/aac', 16 * MIB],
  ['audio/amr', 16 * MIB],
  ['audio/mpeg', 16 * MIB],
  ['audio/mp4', 16 * MIB],
  ['audio/ogg', 16 * MIB],
  ['text/plain', 100 * MIB],
  ['application/pdf', 100 * MIB],
  ['application/msword', 100 * MIB],
  ['application/vnd.ms-excel', 100 * MIB],
  ['application/vnd.ms-powerpoint', 100 * MIB],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 100 * MIB],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 100 * MIB],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 100 * MIB],
]);

export const MAX_UPLOAD_BYTES = 100 * MIB;

/** Uploaded (or seeded) media, by id. */
export class SandboxMediaStore {
  private readonly media = new Map<string, SandboxMedia>();

  /** Meta's refusal of an upload of this type and size, or null. */
  uploadProblem(mimeType: string, size: number): MetaErrorSpec | null {
    const cap = SUPPORTED.get(mimeType.split(';')[0]!.trim().toLowerCase());
    if (cap === undefined) return { code: 131053, details: `Param file must be a file with one of the following types: ${[...SUPPORTED.keys()].join(', ')}. Received file of type '${mimeType}'.` };
    if (size === 0) return { code: 131053, details: 'Param file must not be empty.' };
    if (size > cap) return { code: 131053, details: `Param file of type ${mimeType} must be at most ${cap} bytes, received ${size}.` };
    return null;
  }

  add(file: { data: Uint8Array; mimeType: string; filename?: string | null; phoneNumberId?: string | null }): SandboxMedia {
    const data = Buffer.from(file.data);
    const media: SandboxMedia = {
      id: String(randomInt(100_000_000_000_000, 281_000_000_000_000)),
      data,
      mimeType: file.mimeType,
      sha256: createHash('sha256').update(data).digest('hex'),
      filename: file.filename ?? null,
      phoneNumberId: file.phoneNumberId ?? null,
      uploadedAt: Date.now(),
    };
    this.media.set(media.id, media);
    return media;
  }

  get(id: string): SandboxMedia | undefined {
    return this.media.get(id);
  }

  delete(id: string): boolean {
    return this.media.delete(id);
  }

  clear(): void {
    this.media.clear();
  }
}

import { createHash, randomInt } from 'node:crypto';
import { UPLOADABLE_TYPES } from '../domain/media-rules.js';
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

export const MAX_UPLOAD_BYTES = Math.max(...UPLOADABLE_TYPES.values());

/** Uploaded (or seeded) media, by id. */
export class SandboxMediaStore {
  private readonly media = new Map<string, SandboxMedia>();

  /** Meta's refusal of an upload of this type and size, or null. */
  uploadProblem(mimeType: string, size: number): MetaErrorSpec | null {
    // Meta reads the type as sent: no aliases (an `image/jpg` upload is refused).
    const cap = UPLOADABLE_TYPES.get(mimeType.split(';')[0]!.trim().toLowerCase());
    if (cap === undefined) return { code: 131053, details: `Param file must be a file with one of the following types: ${[...UPLOADABLE_TYPES.keys()].join(', ')}. Received file of type '${mimeType}'.` };
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

  /** Media known under fixed ids (the simulator's samples), for any number. */
  seed(files: readonly { id: string; data: Buffer; mimeType: string; fileName: string }[]): void {
    for (const file of files) {
      const sha256 = createHash('sha256').update(file.data).digest('hex');
      this.media.set(file.id, { ...file, sha256, filename: file.fileName, phoneNumberId: null, uploadedAt: Date.now() });
    }
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

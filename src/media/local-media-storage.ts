import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, MediaObjectInfo, MediaStorage, StoredMedia } from './media-storage.js';

// A segment starts with a letter or digit: no `..`, no hidden files, and temporary files
// (which start with a dot) can never be named by a key.
const KEY_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

export class MediaStorageKeyError extends Error {
  override name = 'MediaStorageKeyError';
}

/**
 * Media files in a local directory (default `.data/media`). Writes go to a temporary file in
 * the target directory, are flushed to disk, then renamed: a reader or a crash never sees a
 * half-written file, and two workers storing the same key both leave one whole file.
 */
export class LocalMediaStorage implements MediaStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, content: Readable | Buffer, _info: MediaObjectInfo): Promise<StoredMedia> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    const sink = createWriteStream(temporary, { flags: 'wx', mode: 0o640, flush: true });
    try {
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
      await pipeline(source, sink);
      const { size } = await stat(temporary);
      await rename(temporary, target);
      return { key, size };
    } catch (error) {
      // A source failing at once can beat the file's creation: wait until the sink is closed (file
      // created, then closed) so the unlink cannot run before the file exists.
      if (!sink.closed) await once(sink, 'close').catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await open(this.pathOf(key), 'r');
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  /** The absolute path of a key, refusing any key that could leave the root. */
  pathOf(key: string): string {
    const segments = key.split('/');
    if (!segments.every((segment) => KEY_SEGMENT.test(segment))) {
      throw new MediaStorageKeyError(`unsafe media key ${JSON.stringify(key)}`);
    }
    const resolved = path.resolve(this.root, ...segments);
    if (!resolved.startsWith(this.root + path.sep)) throw new MediaStorageKeyError(`media key ${JSON.stringify(key)} leaves the storage root`);
    return resolved;
  }
}

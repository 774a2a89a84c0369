import type { Readable } from 'node:stream';

export interface MediaObjectInfo {
  /** The MIME type Meta reported, for stores that keep a content type (S3, GCS…). */
  contentType: string | null;
}

export interface StoredMedia {
  /** What to record on the message and later pass to `open`: the storage's own key, never an absolute path. */
  key: string;
  size: number;
}

/**
 * Where downloaded media files live. The default is a local directory; a host can pass an
 * object store instead. `put` must be all or nothing: when `content` fails midway (a wrong
 * checksum, a file over the cap, a dropped connection) nothing may remain under `key`.
 */
/** Bytes `start` to `end` of a file, both included (HTTP's byte ranges). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaStorage {
  put(key: string, content: Readable | Buffer, info: MediaObjectInfo): Promise<StoredMedia>;
  /** The file, or only `range` of it (players seek with Range requests). */
  open(key: string, range?: ByteRange): Promise<Readable>;
}

import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalMediaStorage, MediaStorageKeyError } from '../../../src/media/local-media-storage.js';
import { mediaStorageKey } from '../../../src/media/media-storage-key.js';

describe('LocalMediaStorage', () => {
  let parent: string;
  let root: string;
  let storage: LocalMediaStorage;

  beforeEach(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'awp-storage-'));
    root = path.join(parent, 'media');
    storage = new LocalMediaStorage(root);
  });
  afterEach(async () => rm(parent, { recursive: true, force: true }));

  async function allFiles(): Promise<string[]> {
    const entries = await readdir(parent, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(parent, path.join(e.parentPath ?? e.path, e.name)));
  }

  async function read(stream: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('stores a stream or a buffer under its key and opens it again', async () => {
    const bytes = randomBytes(300_000);
    const stored = await storage.put('2025-11-21/abc-photo.jpg', Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { contentType: 'image/jpeg' });
    await storage.put('2025-11-21/abc-note.txt', Buffer.from('hello'), { contentType: 'text/plain' });

    expect(stored).to.deep.equal({ key: '2025-11-21/abc-photo.jpg', size: bytes.length });
    expect(await read(await storage.open('2025-11-21/abc-photo.jpg'))).to.deep.equal(bytes);
    expect(await readFile(path.join(root, '2025-11-21', 'abc-note.txt'), 'utf8')).to.equal('hello');
  });

  it('leaves nothing behind, not even a temporary file, when the content fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connection reset'));
      },
    });

    let error: unknown;
    await storage.put('2025-11-21/abc-photo.jpg', failing, { contentType: null }).catch((e: unknown) => (error = e));

    expect(error).to.be.instanceOf(Error).with.property('message', 'connection reset');
    expect(await allFiles()).to.deep.equal([]);
  });

  it('keeps one whole file when two workers store the same key', async () => {
    const bytes = randomBytes(100_000);
    await Promise.all([1, 2, 3].map(() => storage.put('2025-11-21/same.bin', Buffer.from(bytes), { contentType: null })));

    expect(await allFiles()).to.deep.equal([path.join('media', '2025-11-21', 'same.bin')]);
    expect(await readFile(path.join(root, '2025-11-21', 'same.bin'))).to.deep.equal(bytes);
  });

  it('refuses keys that would leave the root or name hidden files, for writing and for reading', async () => {
    const unsafe = ['../escape.txt', '2025-11-21/../../escape.txt', '/etc/passwd', '2025-11-21/.hidden', '', 'a//b', 'a\\..\\b', '2025-11-21/x\u0000.txt'];
    for (const key of unsafe) {
      let putError: unknown;
      await storage.put(key, Buffer.from('x'), { contentType: null }).catch((e: unknown) => (putError = e));
      expect(putError, key).to.be.instanceOf(MediaStorageKeyError);
      let openError: unknown;
      await storage.open(key).catch((e: unknown) => (openError = e));
      expect(openError, key).to.be.instanceOf(MediaStorageKeyError);
    }
    expect(await allFiles()).to.deep.equal([]);
  });

  it('stores a customer file name that tries to traverse inside its day directory', async () => {
    const key = mediaStorageKey({
      messageId: '6f1c1f0e-2b7a-4d59-9f3e-0a7f8d2f7c11',
      date: new Date('2025-11-21T23:59:59Z'),
      fileName: '../../../../etc/cron.d/evil',
      mimeType: 'application/pdf',
      fallbackName: 'document',
    });

    await storage.put(key, Buffer.from('%PDF'), { contentType: 'application/pdf' });

    expect(await allFiles()).to.deep.equal([path.join('media', '2025-11-21', '6f1c1f0e-2b7a-4d59-9f3e-0a7f8d2f7c11-evil.pdf')]);
  });
});

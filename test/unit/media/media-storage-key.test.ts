import { expect } from 'chai';
import fc from 'fast-check';
import { LocalMediaStorage } from '../../../src/media/local-media-storage.js';
import { mediaStorageKey } from '../../../src/media/media-storage-key.js';
import { maxMediaBytes, MEDIA_SIZE_LIMITS } from '../../../src/domain/media-rules.js';
import path from 'node:path';

const messageId = '6f1c1f0e-2b7a-4d59-9f3e-0a7f8d2f7c11';
const date = new Date('2025-11-21T10:41:00Z');

function key(fileName: string | null, mimeType: string | null = null, fallbackName = 'document'): string {
  return mediaStorageKey({ messageId, date, fileName, mimeType, fallbackName });
}

describe('mediaStorageKey', () => {
  it('is <day>/<message id>-<safe name>.<ext>, the extension taken from the MIME type first', () => {
    expect(key(null, 'image/jpeg', 'image')).to.equal(`2025-11-21/${messageId}-image.jpg`);
    expect(key(null, 'audio/ogg; codecs=opus', 'audio')).to.equal(`2025-11-21/${messageId}-audio.ogg`);
    expect(key('Reçu paiement.PDF', 'application/pdf')).to.equal(`2025-11-21/${messageId}-Recu-paiement.pdf`);
    expect(key('plan.dwg', 'application/octet-stream')).to.equal(`2025-11-21/${messageId}-plan.dwg`);
    expect(key('notes', null)).to.equal(`2025-11-21/${messageId}-notes.bin`);
  });

  it('uses the UTC day of the given date', () => {
    expect(mediaStorageKey({ messageId, date: new Date('2025-11-21T23:30:00-02:00'), fileName: null, mimeType: 'image/png', fallbackName: 'image' })).to.match(
      /^2025-11-22\//,
    );
  });

  it('reduces traversal, separators, hidden names and scripts it cannot spell to a safe name', () => {
    expect(key('../../etc/passwd', 'text/plain')).to.equal(`2025-11-21/${messageId}-passwd.txt`);
    expect(key('..\\..\\windows\\win.ini')).to.equal(`2025-11-21/${messageId}-win.ini`);
    expect(key('.htaccess')).to.equal(`2025-11-21/${messageId}-htaccess.bin`);
    expect(key('عقد الشراكة.pdf', 'application/pdf')).to.equal(`2025-11-21/${messageId}-document.pdf`);
    expect(key('a....b.tar.gz')).to.equal(`2025-11-21/${messageId}-a.b.tar.gz`);
    expect(key('x'.repeat(500) + '.pdf').split('/')[1]!.length).to.be.at.most(messageId.length + 1 + 80 + 4);
  });

  it('always yields a key the local storage accepts and that stays under its root (property)', () => {
    const storage = new LocalMediaStorage('/srv/media');
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary', maxLength: 300 })), fc.option(fc.string({ maxLength: 60 })), fc.string(), (fileName, mimeType, fallback) => {
        const result = mediaStorageKey({ messageId, date, fileName, mimeType, fallbackName: fallback });
        const resolved = storage.pathOf(result);
        expect(resolved.startsWith(`/srv/media${path.sep}2025-11-21${path.sep}`)).to.equal(true);
        expect(result.split('/')).to.have.length(2);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maxMediaBytes', () => {
  it("follows Meta's caps per type, sticker by animation, documents' cap for anything else", () => {
    expect(maxMediaBytes('image')).to.equal(5 * 1024 * 1024);
    expect(maxMediaBytes('video')).to.equal(16 * 1024 * 1024);
    expect(maxMediaBytes('audio')).to.equal(16 * 1024 * 1024);
    expect(maxMediaBytes('document')).to.equal(100 * 1024 * 1024);
    expect(maxMediaBytes('sticker')).to.equal(100 * 1024);
    expect(maxMediaBytes('sticker', { animated: true })).to.equal(500 * 1024);
    expect(maxMediaBytes('something-new')).to.equal(MEDIA_SIZE_LIMITS.document);
  });
});

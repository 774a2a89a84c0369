import { expect } from 'chai';
import { searchText } from '../../../src/domain/search-text.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/**
 * The normalisation exists twice — `whatsapp_search_text` in PostgreSQL, which the indexes hold,
 * and its TypeScript twin, which highlights and builds snippets — and both must say the same, or
 * a found message would show no highlight. Compared character by character over the scripts the
 * inbox is written in, and on whole sentences.
 */
describe('search text: the SQL function and its TypeScript twin', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(() => db.drop());

  const ranges: [string, number, number][] = [
    ['Basic Latin', 0x20, 0x7e],
    ['Latin-1 Supplement', 0xa0, 0xff],
    ['Latin Extended-A', 0x100, 0x17f],
    ['combining accents', 0x300, 0x36f],
    ['Arabic', 0x600, 0x6ff],
    ['Latin Extended Additional', 0x1e00, 0x1eff],
    ['general punctuation', 0x2000, 0x206f],
  ];
  for (const [name, from, to] of ranges) {
    it(`agree on every character of ${name}`, async () => {
      const rows: { code: number; folded: string }[] = await db.dataSource.query(
        `SELECT c AS code, whatsapp_search_text(chr(c)) AS folded FROM generate_series($1::int, $2::int) AS c`,
        [from, to],
      );
      const differences = rows
        .filter((row) => searchText(String.fromCodePoint(row.code)) !== row.folded)
        .map((row) => `U+${row.code.toString(16).padStart(4, '0')} ${String.fromCodePoint(row.code)}: SQL ${JSON.stringify(row.folded)}, TS ${JSON.stringify(searchText(String.fromCodePoint(row.code)))}`);
      expect(differences).to.deep.equal([]);
    });
  }

  it('fold French accents, Arabic letter forms and marks, and case, in whole sentences', async () => {
    const sentences = [
      'Nous sommes une ÉCOLE privée à Oran — l’inscription coûte combien ?',
      'Œuvre, naïveté, Noël, ça',
      'السلامُ عليكم، أريد معرفة أسعار الإشتراك في المدرسة',
      'هل الـــعرض متاح؟ رقمي ٠٥٥٥١٢٣٤٥٦',
      'Ok\u200f merci \u202bبزاف\u202c',
    ];
    for (const sentence of sentences) {
      const [{ folded }] = await db.dataSource.query(`SELECT whatsapp_search_text($1) AS folded`, [sentence]);
      expect(searchText(sentence), sentence).to.equal(folded);
    }
    expect(searchText('ÉCOLE privée à Oran')).to.equal('ecole privee a oran');
    expect(searchText('أسعار الإشتراك في المدرسة')).to.equal('اسعار الاشتراك في المدرسه');
    expect(searchText('رقمي ٠٥٥٥١٢')).to.equal('رقمي 055512');
  });
});

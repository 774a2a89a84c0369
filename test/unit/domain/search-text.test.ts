import { expect } from 'chai';
import fc from 'fast-check';
import { highlight, searchTerms, searchText, snippet } from '../../../src/domain/search-text.js';

const marks = (parts: { text: string; hit: boolean }[]) => parts.filter((part) => part.hit).map((part) => part.text);

describe('search text (the TypeScript twin of whatsapp_search_text)', () => {
  it('folds accents, ligatures and case, and unifies quotes', () => {
    expect(searchText('École Privée — L’ŒUVRE à Noël')).to.equal("ecole privee - l'oeuvre a noel");
  });

  it('folds Arabic alef, hamza, ta marbuta and yeh forms, drops marks and tatweel, reads Eastern digits', () => {
    expect(searchText('أَسْعَار إشتراك آخر مدرسة مستشفى ســلام ٠٥٥٥')).to.equal('اسعار اشتراك اخر مدرسه مستشفي سلام 0555');
  });

  it('splits a query into its distinct words, without the punctuation around them', () => {
    expect(searchTerms(' «École», école ! tarifs? ')).to.deep.equal(['ecole', 'tarifs']);
    expect(searchTerms('   ')).to.deep.equal([]);
  });

  it('marks every occurrence in the original text, accents and forms kept', () => {
    expect(marks(highlight('École, ecole et ÉCOLES', ['ecole']))).to.deep.equal(['École', 'ecole', 'ÉCOLE']);
    expect(marks(highlight('أريد معرفة أسعار الإشتراك', ['اسعار', 'الاشتراك']))).to.deep.equal(['أسعار', 'الإشتراك']);
    // A mark inside a word keeps its combining accent with its letter.
    expect(marks(highlight('cafe\u0301 noir', ['cafe']))).to.deep.equal(['cafe\u0301']);
  });

  it('keeps every character of the text in its parts, whatever the text and terms', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 3 }), (text, terms) => {
        expect(highlight(text, terms.map(searchText)).map((part) => part.text).join('')).to.equal(text);
      }),
    );
  });

  it('cuts a long text around its first match, with ellipses where it was cut', () => {
    const long = `${'Bonjour madame, '.repeat(20)}nous voudrions vos tarifs pour la rentrée. ${'Merci beaucoup. '.repeat(20)}`;
    const parts = snippet(long, ['tarifs'], 80);
    const text = parts.map((part) => part.text).join('');
    expect(text.startsWith('…') && text.endsWith('…')).to.equal(true);
    expect(marks(parts)).to.deep.equal(['tarifs']);
    expect(text.length).to.be.at.most(82);
    expect(snippet('Court texte', ['texte']).map((part) => part.text).join('')).to.equal('Court texte');
  });
});

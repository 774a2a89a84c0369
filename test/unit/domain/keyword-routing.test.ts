import { expect } from 'chai';
import { detectIntent, isLeadIntent, LEAD_INTENTS, type KeywordRule } from '../../../src/domain/keyword-routing.js';

describe('detectIntent', () => {
  const rules: KeywordRule[] = [
    { intent: 'partnership', keywords: ['partenariat', 'شراكة'] },
    { intent: 'school', keywords: ['école', 'school', "jardin d'enfants", 'مدرسة', 'إكمالية', 'مدرسة خاصة'] },
    { intent: 'company', keywords: ['entreprise', 'شركة', 'مؤسسة اقتصادية', 'SARL'] },
    { intent: 'institution', keywords: ['ecole normale superieure', 'مؤسسة', 'معهد', 'مستشفى'] },
  ];

  const cases: Array<[text: string, intent: string | null]> = [
    // Whole words, any case, with or without French accents, on either side.
    ['Nous sommes une école privée', 'school'],
    ['NOUS SOMMES UNE ECOLE', 'school'],
    ['une Ecole', 'school'],
    ['ÉCOLE.', 'school'],
    ['l’école de musique', 'school'],
    ["l'école", 'school'],
    ['écoles', null],
    ['autoécole', null],
    ['Our school, in Oran', 'school'],
    ['schoolbag', null],
    ['Une SARL à Blida', 'company'],
    ['une sarl', 'company'],
    // Phrases match across any punctuation and spacing.
    ['un jardin d’enfants', 'school'],
    ['un jardin  d enfants', 'school'],
    ['jardin', null],
    // Rule order decides: the first matching rule wins, not the first word in the text.
    ['notre entreprise propose un partenariat', 'partnership'],
    ["L'École normale supérieure", 'school'],
    // Arabic: diacritics, tatweel, alef and hamza forms, ة/ه, ى/ي, Persian letters.
    ['مَدْرَسَة', 'school'],
    ['مـدرسـة', 'school'],
    ['مدرسه', 'school'],
    ['موسسة', 'institution'],
    ['مؤسسه', 'institution'],
    ['اكمالية', 'school'],
    ['أكمالية', 'school'],
    ['مستشفي', 'institution'],
    ['مستشفى', 'institution'],
    ['معهد', 'institution'],
    // Attached particles and pronouns.
    ['أعمل في المدرسة', 'school'],
    ['للمدرسة', 'school'],
    ['والمدرسة', 'school'],
    ['بالشركة', 'company'],
    ['فالشركة', 'company'],
    ['مدرستنا', 'school'],
    ['شركتكم', 'company'],
    ['شركات', 'company'],
    ['معهدنا', 'institution'],
    ['نريد شراكة مع مؤسستكم', 'partnership'],
    // Phrases: each Arabic word takes its own article.
    ['المدرسة الخاصة', 'school'],
    ['مؤسسة اقتصادية', 'company'],
    ['المؤسسة الاقتصادية', 'company'],
    ['مؤسسة', 'institution'],
    // Different words that share letters.
    ['مدرس', null],
    ['مدرسين', null],
    ['شركاء', null],
    ['مشركة', null],
    // Nothing to match.
    ['', null],
    ['   ', null],
    ['👍', null],
    ['Bonjour, je voudrais inscrire mon fils au cours d’anglais.', null],
  ];
  for (const [text, intent] of cases) {
    it(`${JSON.stringify(text)} → ${intent}`, () => {
      expect(detectIntent(text, rules)).to.equal(intent);
    });
  }

  it('finds nothing with no rules, or rules without usable keywords', () => {
    expect(detectIntent('école', [])).to.equal(null);
    expect(detectIntent('école', [{ intent: 'school', keywords: [] }, { intent: 'x', keywords: ['', ' - '] }])).to.equal(null);
  });

  it('ignores the punctuation inside keywords as it does in messages', () => {
    const special: KeywordRule[] = [{ intent: 'odd', keywords: ['e-learning', 'a.b'] }];
    expect(detectIntent('Plateforme E Learning', special)).to.equal('odd');
    expect(detectIntent('axb', special)).to.equal(null);
  });

  it('answers the same for the same rules object after its first use', () => {
    expect(detectIntent('école', rules)).to.equal('school');
    expect(detectIntent('شركة', rules)).to.equal('company');
  });
});

describe('lead intents', () => {
  it('makes a lead for every organisation intent, and for nothing else', () => {
    expect([...LEAD_INTENTS].sort()).to.deep.equal(['company', 'institution', 'partnership', 'school']);
    for (const intent of LEAD_INTENTS) expect(isLeadIntent(intent)).to.equal(true);
    expect(isLeadIntent('support')).to.equal(false);
    expect(isLeadIntent(null)).to.equal(false);
  });
});

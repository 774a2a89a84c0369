import { expect } from 'chai';
import { customerLanguage, textInLanguage } from '../../../src/domain/customer-language.js';
import { compilePattern, ruleMatches } from '../../../src/domain/auto-reply-match.js';

describe('the language of automatic messages', () => {
  const available = ['en', 'fr', 'ar'];
  it('follows the CRM first, then the customer’s text, then the number’s default', () => {
    expect(customerLanguage({ contactLanguage: 'ar', text: 'Bonjour, je voudrais vos tarifs', available, fallback: 'en' })).to.equal('ar');
    expect(customerLanguage({ contactLanguage: null, text: 'Bonjour, je voudrais vos tarifs', available, fallback: 'en' })).to.equal('fr');
    expect(customerLanguage({ contactLanguage: null, text: 'السلام عليكم، أريد معرفة المزيد', available, fallback: 'fr' })).to.equal('ar');
    expect(customerLanguage({ contactLanguage: null, text: 'Can you send me the invoice again please?', available, fallback: 'fr' })).to.equal('en');
    expect(customerLanguage({ contactLanguage: 'es', text: '👍', available, fallback: 'fr' })).to.equal('fr');
  });

  it('picks the text in that language, else the default’s', () => {
    expect(textInLanguage({ en: 'Hello', fr: 'Bonjour' }, 'fr', 'en')).to.equal('Bonjour');
    expect(textInLanguage({ en: 'Hello', fr: ' ' }, 'fr', 'en')).to.equal('Hello');
    expect(textInLanguage({}, 'fr', 'en')).to.equal(null);
  });
});

describe('keyword auto-reply rules', () => {
  const rule = { keywords: ['prix', 'tarif', 'école'], pattern: null, language: null };
  it('match whole words without case or accents', () => {
    expect(ruleMatches(rule, 'Quel est le PRIX ?', 'fr')).to.equal(true);
    expect(ruleMatches(rule, 'une ecole privée', 'fr')).to.equal(true);
    expect(ruleMatches(rule, 'les tarifs', 'fr')).to.equal(false); // "tarifs" is another word
    expect(ruleMatches(rule, 'surprix', 'fr')).to.equal(false);
  });

  it('match a pattern, only in the rule’s language when it has one', () => {
    const byPattern = { keywords: [], pattern: 'order\\s*#?\\d{4,}', language: 'en' };
    expect(ruleMatches(byPattern, 'Where is ORDER #12345?', 'en')).to.equal(true);
    expect(ruleMatches(byPattern, 'Where is ORDER #12345?', 'fr')).to.equal(false);
    expect(ruleMatches(byPattern, 'order 12', 'en')).to.equal(false);
  });

  it('run a pathological pattern in linear time and refuse what RE2 cannot run', () => {
    // With a backtracking engine this would not finish within the test's timeout.
    expect(ruleMatches({ keywords: [], pattern: '(a+)+$', language: null }, `${'a'.repeat(30_000)}!`, 'en')).to.equal(false);
    expect(() => compilePattern('(?<=x)y')).to.throw();
  });
});

import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectIntent, isLeadIntent } from '../../../src/domain/keyword-routing.js';
import { defaultKeywordRules } from '../../../src/inbound/default-keyword-rules.js';

describe('defaultKeywordRules', () => {
  it('merges the English, French and Arabic files into one rule per intent, most specific first', () => {
    const rules = defaultKeywordRules();
    expect(rules.map((rule) => rule.intent)).to.deep.equal(['partnership', 'school', 'company', 'institution']);
    for (const rule of rules) {
      expect(new Set(rule.keywords).size, rule.intent).to.equal(rule.keywords.length);
      expect(isLeadIntent(rule.intent), rule.intent).to.equal(true);
    }
    const school = rules.find((rule) => rule.intent === 'school')?.keywords ?? [];
    expect(school).to.include.members(['school', 'école', 'مدرسة']);
  });

  const cases: Array<[text: string, intent: string | null]> = [
    ['Bonjour, nous sommes une école privée à Oran', 'school'],
    ['We are a private school in Algiers', 'school'],
    ['السلام عليكم، نحن مدرسة خاصة في وهران', 'school'],
    ['Salam, ana men madrasa f Oran', 'school'],
    ['Directeur du lycée privé El Feth', 'school'],
    ['Notre établissement scolaire cherche une formation', 'school'],
    ['روضة أطفال البراعم', 'school'],
    ['Nous sommes une entreprise de BTP à Sétif', 'company'],
    ['EURL Tech Services, formation pour nos employés', 'company'],
    ['نحن شركة في الجزائر العاصمة', 'company'],
    ['مؤسسة اقتصادية عمومية', 'company'],
    ['Salam, khedma f charika', 'company'],
    ['Je vous écris de la part de l’université de Béjaïa', 'institution'],
    ['نحن من مديرية التربية لولاية تيزي وزو', 'institution'],
    ['المؤسسة الاستشفائية', 'institution'],
    ['Nous proposons un partenariat avec votre centre', 'partnership'],
    ['نريد عقد اتفاقية شراكة مع مؤسستكم', 'partnership'],
    ['We would like to become a partner', 'partnership'],
    // What individual customers write: no organisation, no lead.
    ['Bonjour, je voudrais inscrire mon fils au cours d’anglais.', null],
    ['Merci pour votre collaboration', null],
    ['شكرا على تعاونكم', null],
    ['Thank you for your cooperation', null],
    ['Quels sont vos horaires ?', null],
    ['I want the business english course', null],
    ['👍', null],
  ];
  for (const [text, intent] of cases) {
    it(`${JSON.stringify(text)} → ${intent}`, () => {
      expect(detectIntent(text, defaultKeywordRules())).to.equal(intent);
    });
  }

  describe('from another locales directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'keywords-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const write = (language: string, content: string) => {
      mkdirSync(path.join(dir, language), { recursive: true });
      writeFileSync(path.join(dir, language, 'keywords.json'), content);
    };

    it('takes the languages present, intents in the order they first appear', () => {
      write('fr', JSON.stringify({ rules: [{ intent: 'b', keywords: ['bê'] }, { intent: 'a', keywords: ['a1'] }] }));
      write('ar', JSON.stringify({ rules: [{ intent: 'a', keywords: ['a1', 'أ'] }, { intent: 'c', keywords: [] }] }));
      expect(defaultKeywordRules(dir)).to.deep.equal([
        { intent: 'b', keywords: ['bê'] },
        { intent: 'a', keywords: ['a1', 'أ'] },
        { intent: 'c', keywords: [] },
      ]);
    });

    it('refuses a malformed file, naming it', () => {
      write('en', JSON.stringify({ rules: [{ intent: 'school', keywords: 'school' }] }));
      expect(() => defaultKeywordRules(dir)).to.throw(/en\/keywords\.json is not a keyword rules file/);
    });
  });
});

import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGUAGES, entryId, interpolationVariables, pluralForms, readCatalogue } from '../../../src/i18n/catalogue.js';
import { checkLanguage } from '../../../src/i18n/check-catalogues.js';
import { scanCode } from '../../../src/i18n/code-keys.js';
import { localesDir, packageRoot } from '../../../src/config/package-paths.js';

/** What `npm run i18n:check` enforces, as tests: a user never sees a raw key or a broken {{variable}}. */
describe('the translation catalogues', () => {
  const english = readCatalogue(localesDir, 'en');
  const namespaces = new Set([...english.values()].filter((entry) => entry.file !== 'admin.json').map((entry) => entry.key.split('.')[0]!));

  it('have an English text for every key the code uses in a key’s place (translate calls, notices, refusals)', () => {
    const code = scanCode([path.join(packageRoot, 'src')]);
    const known = [...english.values()].map((entry) => entry.key.replace(/_(zero|one|two|few|many|other)$/, ''));
    const used = [...code.keys].filter((key) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(key) && namespaces.has(key.split('.')[0]!));
    expect(used.length).to.be.greaterThan(100);
    const missing = used.filter((key) => !known.includes(key) && !known.some((k) => k.startsWith(`${key}.`)));
    expect(missing).to.deep.equal([]);
  });

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language}: has every English key, each plural with the forms ${language} needs, none empty, the same {{variables}}`, () => {
      const report = checkLanguage(localesDir, language);
      expect(report.missing, 'missing').to.deep.equal([]);
      expect(report.empty, 'empty').to.deep.equal([]);
      expect(report.variables, 'variables').to.deep.equal([]);
      expect(report.extra, 'keys English no longer has').to.deep.equal([]);
    });
  }

  it('need six plural forms in Arabic, three in French, two in English (Intl.PluralRules, as i18next)', () => {
    expect(pluralForms('ar')).to.have.length(6);
    expect(pluralForms('fr')).to.deep.equal(['many', 'one', 'other']);
    expect(pluralForms('en')).to.deep.equal(['one', 'other']);
    const arabic = readCatalogue(localesDir, 'ar');
    expect(arabic.get(entryId('inbox.json', 'inbox.bulkAssigned_two'))?.value).to.include('محادثتان');
  });

  it('catch a missing key, a missing plural form and a forgotten variable (the checker itself)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'locales-'));
    const write = (language: string, json: object) => {
      mkdirSync(path.join(dir, language));
      writeFileSync(path.join(dir, language, 'inbox.json'), JSON.stringify(json));
    };
    write('en', { inbox: { unread_one: '{{count}} unread in {{number}}', unread_other: '{{count}} unread in {{number}}', hello: 'Hi {{name}}', bye: 'Bye' } });
    write('fr', { inbox: { unread_one: '{{count}} non lue dans {{number}}', unread_other: '{{count}} non lues', hello: 'Bonjour {{nom}}' } });
    const report = checkLanguage(dir, 'fr');
    expect(report.missing).to.have.members(['inbox.json:inbox.bye', 'inbox.json:inbox.unread_many']);
    expect(report.variables.map((v) => v.id)).to.deep.equal(['inbox.json:inbox.hello']);
    expect(interpolationVariables('Hello {{name}}, {{count, number}} new')).to.deep.equal(['count', 'name']);
  });
});

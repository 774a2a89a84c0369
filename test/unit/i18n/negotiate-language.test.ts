import { expect } from 'chai';
import { negotiateLanguage } from '../../../src/i18n/negotiate-language.js';
import { directionOf } from '../../../src/i18n/text-direction.js';

describe('the admin’s language', () => {
  it('is the one chosen in the profile, whatever the browser says', () => {
    expect(negotiateLanguage('ar', 'fr-FR,fr;q=0.9')).to.equal('ar');
  });
  it('otherwise follows the browser’s preferences by weight, regional variants included', () => {
    expect(negotiateLanguage(null, 'fr-DZ,fr;q=0.9,ar;q=0.8,en;q=0.5')).to.equal('fr');
    expect(negotiateLanguage(null, 'de-DE,ar-DZ;q=0.9,fr;q=0.8')).to.equal('ar');
    expect(negotiateLanguage(null, 'en;q=0.2, fr;q=0.7')).to.equal('fr');
    expect(negotiateLanguage(undefined, 'ar;q=0, fr;q=0.1')).to.equal('fr');
  });
  it('falls back to English for an unknown choice or language', () => {
    expect(negotiateLanguage('xx', 'de,es')).to.equal('en');
    expect(negotiateLanguage(null, undefined)).to.equal('en');
  });
  it('writes Arabic right to left', () => {
    expect([directionOf('ar'), directionOf('fr'), directionOf('en')]).to.deep.equal(['rtl', 'ltr', 'ltr']);
  });
});

import { expect } from 'chai';
import { templateBodyPreview } from '../../../src/domain/template-preview.js';

describe('templateBodyPreview', () => {
  const components = [
    { type: 'HEADER', format: 'TEXT', text: 'Commande {{1}}' },
    { type: 'BODY', text: 'Bonjour {{first_name}}, {{first_name}} : votre total est {{total}} le {{day}}.' },
  ];

  it('fills the body with the values the agent gave, currency and dates by their fallback text', () => {
    expect(
      templateBodyPreview(components, {
        'body:first_name': 'Amina',
        'body:total': { kind: 'currency', fallbackValue: '12,50 €', code: 'EUR', amount1000: 12500 },
        'body:day': { kind: 'date_time', fallbackValue: '3 mars' },
        'header:1': 'A-1',
      }),
    ).to.equal('Bonjour Amina, Amina : votre total est 12,50 € le 3 mars.');
  });

  it('keeps a placeholder it has no value for', () => {
    expect(templateBodyPreview(components, { 'body:first_name': { kind: 'text', text: 'Amina' } })).to.equal(
      'Bonjour Amina, Amina : votre total est {{total}} le {{day}}.',
    );
  });

  it('has nothing to show for a template without a body', () => {
    expect(templateBodyPreview([{ type: 'HEADER', format: 'IMAGE' }], {})).to.equal(null);
    expect(templateBodyPreview('not components', {})).to.equal(null);
  });
});

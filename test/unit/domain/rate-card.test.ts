import { expect } from 'chai';
import { marketCountries, parseRateCard } from '../../../src/domain/rate-card.js';

const META_CSV = `WhatsApp Business Platform rate card (USD),,,,,,
Effective July 1 2025,,,,,,
Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service
Brazil,USD,$0.0625,$0.0068,$0.0068,n/a,$0.00
North America,USD,$0.0250,$0.0034,$0.0034,n/a,$0.00
Rest of Africa,USD,$0.0225,$0.0040,$0.0040,$0.0500,$0.00
Egypt,USD,$0.1073,$0.0052,$0.0052,$0.0650,$0.00
Other,USD,$0.0604,$0.0077,$0.0077,n/a,$0.00
`;

describe('rate card (Meta’s CSV)', () => {
  it('reads Meta’s wide format into a price per country and category, a country’s own row winning over its region', () => {
    const card = parseRateCard(META_CSV);
    if (!card.ok) throw new Error(card.problems.join('; '));
    expect(card.currency).to.equal('USD');
    expect(card.markets).to.equal(5);
    const price = (country: string, category: string) => card.rows.find((r) => r.country === country && r.category === category)?.priceMicros;
    expect(price('BR', 'marketing')).to.equal(62_500);
    expect(price('US', 'utility')).to.equal(3_400);
    expect(price('DZ', 'authentication_international')).to.equal(50_000);
    expect(price('EG', 'marketing')).to.equal(107_300);
    expect(price('ZZ', 'marketing')).to.equal(60_400);
    expect(price('BR', 'authentication_international')).to.equal(undefined);
  });

  it('reads the long form and lists every line it cannot read', () => {
    expect(parseRateCard('market,category,price\nFrance,marketing,0.0859\n', 'EUR')).to.deep.include({ ok: true, currency: 'EUR' });
    const bad = parseRateCard('Market,Marketing\nAtlantis,0.1\nBrazil,cheap\n', 'USD');
    expect(bad).to.deep.equal({ ok: false, problems: ['line 2: market "Atlantis" is not a country or one of Meta\'s regions', 'line 3: "cheap" is not a price'] });
    expect(parseRateCard('Market,Marketing\nBrazil,0.1\n')).to.deep.equal({ ok: false, problems: ['line 2: no currency (a Currency column, or choose one)'] });
  });

  it('places markets by Meta’s names', () => {
    expect(marketCountries('United Kingdom')).to.deep.equal(['GB']);
    expect(marketCountries('Rest of Western Europe')).to.include('PT');
    expect(marketCountries('Other')).to.deep.equal(['ZZ']);
  });
});

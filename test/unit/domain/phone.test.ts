import { expect } from 'chai';
import { normalizePhone, phoneLookupVariants, waIdToE164 } from '../../../src/domain/phone.js';

describe('normalizePhone', () => {
  const cases: Array<[input: string, region: string, expected: string | null]> = [
    // Algerian spellings agents type into the CRM.
    ['0555 12 34 56', 'DZ', '+213555123456'],
    ['00213 555 12 34 56', 'DZ', '+213555123456'],
    ['+213 (0)555-123-456', 'DZ', '+213555123456'],
    ['+213555123456', 'DZ', '+213555123456'],
    ['0555.12.34.56', 'DZ', '+213555123456'],
    ['  0661 98 76 54  ', 'DZ', '+213661987654'],
    ['021 23 45 67', 'DZ', '+21321234567'],
    ['dz', 'DZ', null],
    // A raw wa_id is read as international when it is not a national number.
    ['213555123456', 'DZ', '+213555123456'],
    ['33612345678', 'DZ', '+33612345678'],
    ['0033 6 12 34 56 78', 'DZ', '+33612345678'],
    // The region is configurable, and lower case is accepted.
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06 12 34 56 78', 'fr', '+33612345678'],
    ['0555 12 34 56', 'US', null],
    // An unknown region still accepts international spellings.
    ['+213 555 12 34 56', 'ZZ', '+213555123456'],
    ['0555 12 34 56', 'ZZ', null],
    // Brazil: the mandatory 9th digit makes the 12-digit mobile spelling invalid as typed input.
    ['+55 11 98765-4321', 'DZ', '+5511987654321'],
    ['(11) 98765-4321', 'BR', '+5511987654321'],
    ['+55 11 3333-4444', 'DZ', '+551133334444'],
    ['+55 11 8765-4321', 'DZ', null],
    // Mexico and Argentina fold to the same E.164 as their wa_ids.
    ['+52 1 55 1234 5678', 'DZ', '+525512345678'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['5215512345678', 'DZ', '+525512345678'],
    ['+54 9 11 2345 6789', 'DZ', '+541123456789'],
    ['011 15 2345-6789', 'AR', '+541123456789'],
    ['5491123456789', 'DZ', '+541123456789'],
    // Not phone numbers.
    ['', 'DZ', null],
    ['   ', 'DZ', null],
    ['abc', 'DZ', null],
    ['12', 'DZ', null],
    ['0555 12 34 5', 'DZ', null],
    ['0555 12 34 56 78 99', 'DZ', null],
    ['+999 1234 5678', 'DZ', null],
    ['call me on 0555123456', 'DZ', null],
    ['0555123456; DROP TABLE', 'DZ', null],
  ];
  for (const [input, region, expected] of cases) {
    it(`${JSON.stringify(input)} in ${region} → ${expected}`, () => {
      expect(normalizePhone(input, region)).to.equal(expected);
    });
  }
});

describe('waIdToE164', () => {
  const cases: Array<[waId: string, expected: string | null]> = [
    ['213555123456', '+213555123456'],
    ['5215512345678', '+525512345678'],
    ['525512345678', '+525512345678'],
    ['5491123456789', '+541123456789'],
    ['541123456789', '+541123456789'],
    ['5511987654321', '+5511987654321'],
    // Meta still reports older Brazilian accounts without the 9th digit: trusted, kept as is.
    ['551187654321', '+551187654321'],
    ['+213555123456', '+213555123456'],
    ['', null],
    ['abc', null],
    ['21355512345a', null],
    ['0555123456', null],
    ['123', null],
  ];
  for (const [waId, expected] of cases) {
    it(`${JSON.stringify(waId)} → ${expected}`, () => {
      expect(waIdToE164(waId)).to.equal(expected);
    });
  }
});

describe('phoneLookupVariants', () => {
  const cases: Array<[input: string, expected: string[]]> = [
    ['213555123456', ['213555123456']],
    ['+213555123456', ['213555123456']],
    // Brazil mobile: 13 ↔ 12 digits both ways.
    ['5511987654321', ['5511987654321', '551187654321']],
    ['551187654321', ['551187654321', '5511987654321']],
    ['+5521976543210', ['5521976543210', '552176543210']],
    ['556181234567', ['556181234567', '5561981234567']],
    ['556161234567', ['556161234567', '5561961234567']],
    // Brazil landline (subscriber starts 2–5): never gets a 9.
    ['551133334444', ['551133334444']],
    ['552151234567', ['552151234567']],
    // A 13-digit Brazilian number whose 9 is not followed by a mobile digit is left alone.
    ['5511923456789', ['5511923456789']],
    // Mexico 521 ↔ 52.
    ['5215512345678', ['5215512345678', '525512345678']],
    ['525512345678', ['525512345678', '5215512345678']],
    ['+525512345678', ['525512345678', '5215512345678']],
    // Argentina: only 549 → 54, never a 549 invented from a 54 number.
    ['5491123456789', ['5491123456789', '541123456789']],
    ['541123456789', ['541123456789']],
    // Garbage.
    ['', []],
    ['abc', []],
    ['+', []],
    ['55 11 98765 4321', []],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      expect(phoneLookupVariants(input)).to.deep.equal(expected);
    });
  }

  it('every variant of a Brazilian mobile finds its way back to the original spelling', () => {
    for (const waId of ['5511987654321', '551187654321']) {
      for (const variant of phoneLookupVariants(waId)) {
        expect(phoneLookupVariants(variant)).to.include(waId);
      }
    }
  });
});

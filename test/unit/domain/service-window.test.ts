import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { assertFreeFormAllowed, SERVICE_WINDOW_MS, serviceWindow } from '../../../src/domain/service-window.js';

const texts = JSON.parse(readFileSync(new URL('../../../locales/en/service-window.json', import.meta.url), 'utf8'));
const lastInbound = new Date('2025-06-01T10:00:00.000Z');
const after = (ms: number) => new Date(lastInbound.getTime() + ms);
const HOUR = 3600_000;

describe('service window', () => {
  const table: Array<[string, Date | null, Date, { open: boolean; closesAt: Date | null; remainingMs: number }]> = [
    ['just after the customer wrote', lastInbound, lastInbound, { open: true, closesAt: after(24 * HOUR), remainingMs: 24 * HOUR }],
    ['23 h later', lastInbound, after(23 * HOUR), { open: true, closesAt: after(24 * HOUR), remainingMs: HOUR }],
    ['1 ms before it closes', lastInbound, after(24 * HOUR - 1), { open: true, closesAt: after(24 * HOUR), remainingMs: 1 }],
    ['exactly 24 h later', lastInbound, after(24 * HOUR), { open: false, closesAt: after(24 * HOUR), remainingMs: 0 }],
    ['two days later', lastInbound, after(48 * HOUR), { open: false, closesAt: after(24 * HOUR), remainingMs: 0 }],
    ['customer never wrote', null, lastInbound, { open: false, closesAt: null, remainingMs: 0 }],
    // Meta's timestamp slightly ahead of our clock: the window runs from Meta's time.
    ['last message stamped 1 min in our future', after(60_000), lastInbound, { open: true, closesAt: after(24 * HOUR + 60_000), remainingMs: 24 * HOUR + 60_000 }],
  ];
  for (const [name, last, now, expected] of table) {
    it(name, () => {
      expect(serviceWindow(last, now)).to.deep.equal(expected);
    });
  }

  it('is open exactly when less than 24 h passed since the last customer message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * SERVICE_WINDOW_MS }), (elapsed) => {
        const window = serviceWindow(lastInbound, after(elapsed));
        expect(window.open).to.equal(elapsed < SERVICE_WINDOW_MS);
        expect(window.remainingMs).to.equal(Math.max(0, SERVICE_WINDOW_MS - elapsed));
      }),
    );
  });

  describe('assertFreeFormAllowed', () => {
    it('allows a free-form message inside the window and says how long is left', () => {
      expect(assertFreeFormAllowed(lastInbound, after(2 * HOUR))).to.deep.equal({
        allowed: true,
        window: { open: true, closesAt: after(24 * HOUR), remainingMs: 22 * HOUR },
      });
    });

    it('refuses once the window closed, says when, and offers a template', () => {
      expect(assertFreeFormAllowed(lastInbound, after(25 * HOUR))).to.deep.equal({
        allowed: false,
        refusal: { reason: 'window-closed', key: 'serviceWindow.closed', params: { closedAt: '2025-06-02T10:00:00.000Z' }, offerTemplate: true },
      });
    });

    it('refuses when the customer never wrote, and offers a template', () => {
      expect(assertFreeFormAllowed(null, lastInbound)).to.deep.equal({
        allowed: false,
        refusal: { reason: 'customer-never-wrote', key: 'serviceWindow.customerNeverWrote', params: {}, offerTemplate: true },
      });
    });

    it('has an English text for every refusal key', () => {
      for (const check of [assertFreeFormAllowed(lastInbound, after(25 * HOUR)), assertFreeFormAllowed(null, lastInbound)]) {
        if (check.allowed) throw new Error('expected a refusal');
        const [namespace, name] = check.refusal.key.split('.') as [string, string];
        expect(texts[namespace][name], check.refusal.key).to.be.a('string').and.not.equal('');
      }
    });
  });
});

import { expect } from 'chai';
import fc from 'fast-check';
import { DatabaseClock } from '../../../src/db/database-clock.js';

describe('DatabaseClock', () => {
  it('knows nothing before its first sample', () => {
    expect(new DatabaseClock().toLocal(1_000)).to.equal(undefined);
  });

  it('maps database time onto local time within the fastest transit, however late the other answers were read', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -60_000, max: 60_000 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 20_000 }), transit: fc.integer({ min: 1, max: 500 }) }), { minLength: 1, maxLength: 50 }),
        (offset, samples) => {
          const clock = new DatabaseClock();
          const ordered = [...samples].sort((a, b) => a.at - b.at);
          // The database reads its clock at local time `at`; the answer is read `transit` ms later (a stall makes it long).
          for (const { at, transit } of ordered) clock.observe(at + offset, at + transit);
          const fastest = Math.min(...ordered.map((s) => s.transit));
          const mapped = clock.toLocal(50_000 + offset)!;
          // Never earlier than the truth: a slot is never thought to be due before it is.
          expect(mapped).to.be.at.least(50_000);
          expect(mapped - 50_000).to.equal(fastest);
        },
      ),
    );
  });

  it('forgets samples older than its window, following clock drift', () => {
    const clock = new DatabaseClock();
    clock.observe(10_000 + 5, 10_000); // offset 5 ms
    clock.observe(45_000 + 2, 45_000); // the clocks drifted: 2 ms
    clock.observe(80_000 + 2, 80_000);
    expect(clock.toLocal(100_000)).to.equal(100_000 - 2);
  });
});

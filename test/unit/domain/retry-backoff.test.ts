import { expect } from 'chai';
import fc from 'fast-check';
import { classifyMetaError, MAX_ATTEMPTS, type RetrySchedule } from '../../../src/domain/meta-error-class.js';
import { baseRetryDelayMs, nextRetryDelayMs, shouldRetry } from '../../../src/domain/retry-backoff.js';

const SCHEDULES: RetrySchedule[] = ['short', 'pair-rate', 'few', 'standard', 'long'];
const s = 1000;
const h = 3600 * s;
const noJitter = () => 0;

describe('retry backoff', () => {
  describe('delays before each resend (no jitter)', () => {
    // Row: the delays after send 1, 2, 3 … failed.
    const table: Record<RetrySchedule, number[]> = {
      short: [1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s],
      'pair-rate': [1 * s, 4 * s, 16 * s, 64 * s, 256 * s, 1024 * s, 1024 * s],
      few: [5 * s, 30 * s, 30 * s],
      standard: [5 * s, 10 * s, 20 * s, 40 * s, 80 * s, 160 * s, 320 * s, 600 * s, 600 * s],
      long: [1 * h, 4 * h, 16 * h, 24 * h, 24 * h],
    };
    for (const schedule of SCHEDULES) {
      it(schedule, () => {
        const delays = table[schedule].map((_, index) => nextRetryDelayMs(schedule, index + 1, noJitter));
        expect(delays).to.deep.equal(table[schedule]);
      });
    }
  });

  it('waits 4^n seconds on 131056, as Meta documents', () => {
    const { retry } = classifyMetaError({ code: 131056 });
    expect([1, 2, 3, 4].map((attempt) => nextRetryDelayMs(retry!.schedule, attempt, noJitter))).to.deep.equal([1000, 4000, 16000, 64000]);
  });

  it('is reproducible: the same random draws give the same delays', () => {
    const draws = [0.1, 0.5, 0.9];
    const run = () => {
      let i = 0;
      return [1, 2, 3].map((attempt) => nextRetryDelayMs('standard', attempt, () => draws[i++]!));
    };
    expect(run()).to.deep.equal(run());
    expect(run()).to.deep.equal([5100, 11000, 23600]);
  });

  it('only lengthens a delay, by at most 20 %, whatever the draw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEDULES),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (schedule, attempt, draw) => {
          const base = baseRetryDelayMs(schedule, attempt);
          const delay = nextRetryDelayMs(schedule, attempt, () => draw);
          expect(delay).to.be.at.least(base).and.at.most(Math.round(base * 1.2));
          expect(Number.isInteger(delay)).to.equal(true);
        },
      ),
    );
  });

  it('never waits less after a later failure', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEDULES), fc.integer({ min: 1, max: 40 }), (schedule, attempt) => {
        expect(baseRetryDelayMs(schedule, attempt + 1)).to.be.at.least(baseRetryDelayMs(schedule, attempt));
      }),
    );
  });

  describe('refuses inputs that are programming errors', () => {
    for (const attempt of [0, -1, 1.5, Number.NaN]) {
      it(`attempt ${attempt}`, () => {
        expect(() => nextRetryDelayMs('short', attempt, noJitter)).to.throw(RangeError);
      });
    }
    for (const draw of [1, -0.1, Number.NaN]) {
      it(`random draw ${draw}`, () => {
        expect(() => nextRetryDelayMs('short', 1, () => draw)).to.throw(RangeError);
      });
    }
  });

  describe('shouldRetry', () => {
    const table: Array<[string, Parameters<typeof shouldRetry>[0], number, boolean]> = [
      ['131000 after the first send', classifyMetaError({ code: 131000 }), 1, true],
      ['131000 after the second send', classifyMetaError({ code: 131000 }), MAX_ATTEMPTS.few - 1, true],
      ['131000 once the few attempts are spent', classifyMetaError({ code: 131000 }), MAX_ATTEMPTS.few, false],
      ['131056 before the last attempt', classifyMetaError({ code: 131056 }), MAX_ATTEMPTS['pair-rate'] - 1, true],
      ['131056 at the last attempt', classifyMetaError({ code: 131056 }), MAX_ATTEMPTS['pair-rate'], false],
      ['5xx beyond the last attempt', classifyMetaError({ httpStatus: 503 }), MAX_ATTEMPTS.standard + 1, false],
      ['131048 (also flags the account)', classifyMetaError({ code: 131048 }), 1, true],
      ['permanent 131047', classifyMetaError({ code: 131047 }), 1, false],
      ['operator 190', classifyMetaError({ code: 190 }), 1, false],
      ['unknown outcome after the request was written', classifyMetaError({ transport: 'timeout-after-write' }), 1, false],
      ['retryable class without a schedule', { class: 'retryable' }, 1, false],
    ];
    for (const [name, classification, attempt, expected] of table) {
      it(`${name}: ${expected ? 'retries' : 'stops'}`, () => {
        expect(shouldRetry(classification, attempt)).to.equal(expected);
      });
    }
  });
});

import { expect } from 'chai';
import pg from 'pg';
import { percentilesOf } from '../../../src/reports/percentiles.js';
import { serverUrl } from '../../support/test-database.js';

/** A small deterministic generator, so that a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('report percentiles (median and 90th percentile of response times)', () => {
  it('interpolate between the nearest values, over every list together, in any order', () => {
    expect(percentilesOf([[40, 10], [], [30, 20]])).to.deep.equal({ median: 25, p90: 37, count: 4 });
    expect(percentilesOf([[7]])).to.deep.equal({ median: 7, p90: 7, count: 1 });
    expect(percentilesOf([[], []])).to.deep.equal({ median: null, p90: null, count: 0 });
  });

  it("equal PostgreSQL's percentile_cont, rounded to the second, on random lists", async () => {
    const client = new pg.Client({ connectionString: serverUrl() });
    await client.connect();
    try {
      const next = random(2026);
      for (let sample = 0; sample < 200; sample++) {
        const lists = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
          // Response times from a few seconds to a few days, some of them equal.
          Array.from({ length: Math.floor(next() * 30) }, () => Math.floor(Math.exp(next() * 12))),
        );
        const every = lists.flat();
        const [expected] = (
          await client.query(
            `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90, count(v)::int AS count
               FROM unnest($1::int[]) AS v`,
            [every],
          )
        ).rows;
        // Rounded half up, as the reports always did PostgreSQL's figure.
        const rounded = (value: number | null) => (value === null ? null : Math.round(value));
        expect(percentilesOf(lists), JSON.stringify(lists)).to.deep.equal({ median: rounded(expected.median), p90: rounded(expected.p90), count: expected.count });
      }
    } finally {
      await client.end();
    }
  });
});

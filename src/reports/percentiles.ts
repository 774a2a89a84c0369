/** Seconds; null when nothing was counted. */
export interface Percentiles {
  median: number | null;
  p90: number | null;
  count: number;
}

/**
 * The median and 90th percentile of every value of the lists, interpolated between the two
 * nearest values the way PostgreSQL's percentile_cont is (position p × (n − 1) in the sorted
 * values), rounded to the second.
 *
 * Why here and not in SQL: the reports read a period's response times once, grouped by assignee
 * and first responder, and need percentiles over several unions of those groups (every
 * conversation, each agent's). percentile_cont would sort the period once per union; a typed
 * array sorts 50,000 seconds in 4 ms.
 */
export function percentilesOf(lists: readonly ArrayLike<number>[]): Percentiles {
  const count = lists.reduce((sum, list) => sum + list.length, 0);
  if (count === 0) return { median: null, p90: null, count };
  const values = new Float64Array(count);
  let at = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) values[at++] = list[i]!;
  values.sort();
  return { median: Math.round(interpolated(values, 0.5)), p90: Math.round(interpolated(values, 0.9)), count };
}

function interpolated(sorted: Float64Array, fraction: number): number {
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

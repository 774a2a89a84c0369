/*
 * How long to wait before sending a failed message again, per retry schedule of
 * meta-error-class.ts. `attempt` counts the sends already made, the first one included: after
 * the first send failed, `attempt` is 1 and the delay is the one before the second send.
 *
 * - short (130429, per-number throughput): 1 s, 2 s, 4 s … capped at 30 s; the per-number rate
 *   limiter slows the flow as well, so the wait only needs to outlast a burst.
 * - pair-rate (131056): Meta's documented 4^n seconds, 1 s, 4 s, 16 s, 64 s … capped at 4^5 s.
 * - few (131000, 1): 5 s then 30 s; these are as likely to be a bad request as an outage.
 * - standard (2, 4, 80007, 131016, 131057, 5xx, connection not made): 5 s doubling, capped at
 *   10 min, so an outage of about half an hour is ridden out with the default attempts.
 * - long (131048, spam rate limit): 1 h, 4 h … capped at 24 h; the limit lifts with quality,
 *   not with time, and retrying sooner only lowers quality further.
 *
 * Jitter only lengthens a delay (by up to 20 %): several workers retrying after one outage
 * spread out, and none retries before the wait Meta asks for.
 */
import type { MetaErrorClassification, RetrySchedule } from './meta-error-class.js';

/** Returns a number in [0, 1), like Math.random; injected so delays are reproducible in tests. */
export type RandomSource = () => number;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const JITTER = 0.2;

function exponential(first: number, factor: number, cap: number, attempt: number): number {
  return Math.min(cap, first * factor ** (attempt - 1));
}

const FEW_DELAYS = [5 * SECOND, 30 * SECOND];

/** The delay before the next send, without jitter. */
export function baseRetryDelayMs(schedule: RetrySchedule, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer ≥ 1, got ${attempt}`);
  switch (schedule) {
    case 'short':
      return exponential(SECOND, 2, 30 * SECOND, attempt);
    case 'pair-rate':
      return exponential(SECOND, 4, 4 ** 5 * SECOND, attempt);
    case 'few':
      return FEW_DELAYS[Math.min(attempt, FEW_DELAYS.length) - 1]!;
    case 'standard':
      return exponential(5 * SECOND, 2, 10 * MINUTE, attempt);
    case 'long':
      return exponential(HOUR, 4, 24 * HOUR, attempt);
  }
}

/** The delay before the next send, in whole milliseconds, jitter included. */
export function nextRetryDelayMs(schedule: RetrySchedule, attempt: number, random: RandomSource = Math.random): number {
  const draw = random();
  if (!(draw >= 0 && draw < 1)) throw new RangeError(`random source must return a number in [0, 1), got ${draw}`);
  const base = baseRetryDelayMs(schedule, attempt);
  return Math.round(base * (1 + JITTER * draw));
}

/** Whether a message whose send number `attempt` failed this way may be sent again. */
export function shouldRetry(classification: Pick<MetaErrorClassification, 'class' | 'retry'>, attempt: number): boolean {
  if (classification.class !== 'retryable' || !classification.retry) return false;
  return attempt < classification.retry.maxAttempts;
}

/**
 * The time every decision is taken at (the 24-hour window, retry times, reconciliation ages),
 * handed down with the plugin context so that tests can move it; the system's clock otherwise.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

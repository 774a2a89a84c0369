import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch on this process's monotonic clock (never jumps with NTP). */
export function localNow(): number {
  return performance.timeOrigin + performance.now();
}

const WINDOW_MS = 30_000;

/**
 * Maps times on the database's clock onto this process's clock, the way NTP does: every answer
 * tells that the database read `dbTime` no later than we received the answer, so
 * `dbTime − received` is a lower bound of the offset between the clocks, and the highest
 * bound seen is the best estimate (off by the fastest transit, well under a millisecond on a
 * LAN). A stalled event loop only lowers a sample, never raises the estimate: a slot computed
 * from it stays right even when the answer announcing it was read late. Samples expire, so
 * clock drift is followed.
 */
export class DatabaseClock {
  private current = { startedAt: 0, offset: -Infinity };
  private previous = -Infinity;

  observe(dbTime: number, receivedAt: number): void {
    if (receivedAt - this.current.startedAt > WINDOW_MS) {
      this.previous = this.current.offset;
      this.current = { startedAt: receivedAt, offset: -Infinity };
    }
    this.current.offset = Math.max(this.current.offset, dbTime - receivedAt);
  }

  /** `dbTime` on the local clock; undefined before the first sample. */
  toLocal(dbTime: number): number | undefined {
    const offset = Math.max(this.current.offset, this.previous);
    return Number.isFinite(offset) ? dbTime - offset : undefined;
  }
}

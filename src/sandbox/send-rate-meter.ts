import { performance } from 'node:perf_hooks';

export interface NumberRates {
  /** Sends answered with a message id. */
  accepted: number;
  /** Sends refused with 130429 by the throughput cap. */
  throttled: number;
  /** Most accepted sends within any 1,000 ms (sliding window). */
  peakPerSecond: number;
  /** Most accepted sends within one wall-clock second (xx:xx:05.000–05.999). */
  peakPerCalendarSecond: number;
}

const WINDOW_MS = 1000;

/** Epoch milliseconds that never go backwards with the system clock. */
const epochMs = () => performance.timeOrigin + performance.now();

/**
 * Per phone number: how fast sends were accepted, and the throughput cap (Meta's 80/s by
 * default; reference §4). Kept apart from the request log, which is trimmed, so the peaks
 * stay exact for any number of messages.
 */
export class SendRateMeter {
  private readonly numbers = new Map<string, { window: number[]; second: number; inSecond: number; rates: NumberRates }>();

  constructor(private readonly capPerSecond: number | null = null, private readonly clock: () => number = epochMs) {}

  /** Records the send when under the cap; false means answer 130429. */
  admit(phoneNumberId: string): boolean {
    const state = this.state(phoneNumberId);
    const now = this.clock();
    while (state.window.length > 0 && state.window[0]! <= now - WINDOW_MS) state.window.shift();
    if (this.capPerSecond !== null && state.window.length >= this.capPerSecond) {
      state.rates.throttled += 1;
      return false;
    }
    state.window.push(now);
    state.rates.accepted += 1;
    state.rates.peakPerSecond = Math.max(state.rates.peakPerSecond, state.window.length);
    const second = Math.floor(now / WINDOW_MS);
    if (second !== state.second) {
      state.second = second;
      state.inSecond = 0;
    }
    state.inSecond += 1;
    state.rates.peakPerCalendarSecond = Math.max(state.rates.peakPerCalendarSecond, state.inSecond);
    return true;
  }

  rates(phoneNumberId: string): NumberRates {
    return { ...this.state(phoneNumberId).rates };
  }

  all(): Record<string, NumberRates> {
    return Object.fromEntries([...this.numbers].map(([id, state]) => [id, { ...state.rates }]));
  }

  reset(): void {
    this.numbers.clear();
  }

  private state(phoneNumberId: string) {
    let state = this.numbers.get(phoneNumberId);
    if (!state) {
      state = { window: [], second: -1, inSecond: 0, rates: { accepted: 0, throttled: 0, peakPerSecond: 0, peakPerCalendarSecond: 0 } };
      this.numbers.set(phoneNumberId, state);
    }
    return state;
  }
}

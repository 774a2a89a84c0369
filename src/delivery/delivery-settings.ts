import type { RandomSource } from '../domain/retry-backoff.js';

/**
 * How the sending side behaves. Every field has a default; tests shorten the times. The Graph
 * client and the clock come with the plugin context.
 */
export interface OutboundSettings {
  /** Per send request; must stay well under the send queue's expiry (120 s). */
  requestTimeoutMs: number;
  /**
   * The per-number cap is applied at this fraction of `messages_per_second`. Meta counts the
   * customers' messages against the same throughput, and requests reach Meta with some jitter
   * (network, a busy process): both need room below the cap.
   */
  rateHeadroom: number;
  /**
   * A capped message (a broadcast, at its speed up to the number's cap) takes its cap's slot and
   * the number's at this fraction of their rates, each used at most `sendCapLatenessMs` late
   * (else a new one is taken). With one slot every 1000 / (cap × headroom) ms, any second holds
   * at most 1 + (1000 + lateness) / interval sends: 0.96 and 35 ms keep an 80/s cap at 80 at
   * most in every second while holding 96 % of it (what a busy machine loses to late slots aside).
   */
  sendCapHeadroom: number;
  sendCapLatenessMs: number;
  /** Meta's pair rate: one message per `intervalMs` to one customer, bursts of `burst`. */
  pairRate: { intervalMs: number; burst: number };
  /** A worker sleeps this long at most for a rate-limit slot; a later slot puts the message back in the queue until then. */
  maxRateWaitMs: number;
  /** A per-number slot reached later than this (event-loop stall) is given up for a new one, so stalled sends never bunch up. */
  slotLatenessMs: number;
  /** After 130429 / 131056 / 4 / 80007 the limit concerned runs at half its rate for this long. */
  slowDownForMs: number;
  /** An `unknown` send is resent only when no status webhook told what became of it within this time. */
  reconcileAfterMs: number;
  /** A message still `sending` after this long was abandoned by a crashed worker: it becomes `unknown`. Above the send queue's expiry. */
  stuckSendingAfterMs: number;
  /** A `queued` message whose job should have run this long ago gets a new job (its job was lost). */
  stuckQueuedAfterMs: number;
  /** Sends of one message whose outcome stayed unknown before it is failed instead of resent again. */
  maxUnknownOutcomes: number;
  /** Jitter of retry delays; injected by tests. */
  random: RandomSource;
}

export const DEFAULT_OUTBOUND_SETTINGS: OutboundSettings = {
  requestTimeoutMs: 30_000,
  rateHeadroom: 0.85,
  sendCapHeadroom: 0.96,
  sendCapLatenessMs: 35,
  pairRate: { intervalMs: 6_000, burst: 45 },
  maxRateWaitMs: 5_000,
  slotLatenessMs: 50,
  slowDownForMs: 60_000,
  reconcileAfterMs: 10 * 60_000,
  stuckSendingAfterMs: 150_000,
  stuckQueuedAfterMs: 10 * 60_000,
  maxUnknownOutcomes: 3,
  random: Math.random,
};

/** The defaults with `overrides` applied (fields set to undefined keep their default). */
export function outboundSettings(overrides: Partial<OutboundSettings> = {}): OutboundSettings {
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<OutboundSettings>;
  return { ...DEFAULT_OUTBOUND_SETTINGS, ...given };
}

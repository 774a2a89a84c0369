/*
 * When the outbox tries again.
 *
 * - In-process handlers: 1 s doubling, capped at 1 h, for 20 attempts (about 10 hours); then the
 *   event is marked failed and the conversation's later events go on.
 * - Webhooks: Standard Webhooks' usual schedule — at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
 *   10 h: eight attempts over about 27 hours. An endpoint failing every delivery for
 *   WEBHOOK_DISABLE_AFTER_MS is disabled.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const HANDLER_MAX_ATTEMPTS = 20;

/** The wait after the `attempt`-th failed handling of an event (1 for the first). */
export function handlerRetryDelayMs(attempt: number): number {
  return Math.min(HOUR, SECOND * 2 ** Math.max(0, attempt - 1));
}

const WEBHOOK_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_DELAYS_MS.length + 1;

/** The wait after the `attempt`-th failed attempt of a delivery; null when it was the last. */
export function webhookRetryDelayMs(attempt: number): number | null {
  return WEBHOOK_DELAYS_MS[attempt - 1] ?? null;
}

/** Five days of nothing but failures: the endpoint is disabled and managers are told. */
export const WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * HOUR;

import { queryOne, queryRows, type Queryable } from '../db/sql.js';

/*
 * Send-rate limits shared by every worker process, kept in PostgreSQL (whatsapp_send_rate_limits).
 *
 * Each limit is a GCRA ("generic cell rate algorithm", a token bucket stored as one timestamp):
 * a row holds the theoretical arrival time (TAT) of the next message. Reserving a slot is ONE
 * statement that locks the row, computes when this message may go (TAT − burst tolerance) and,
 * if that is soon enough, moves the TAT one interval further. Concurrent senders queue on the
 * row lock for the length of that statement only, so each gets its own slot; no slot is handed
 * out twice and nothing lives in a process's memory.
 *
 * A reservation is a promise to send at `waitMs` from now: the caller sleeps until then. A
 * slot further away than the caller will wait is not taken (the row is left as it was), so the
 * caller can put the message back in the queue for later without wasting anyone's quota.
 */

export interface RateLimit {
  /** Row key: `number:<account id>` or `pair:<account id>:<wa_id>`. */
  key: string;
  /** Time between two messages at the sustained rate. */
  intervalMs: number;
  /** Messages that may go back to back after an idle period (1 = strictly spaced). */
  burst: number;
}

export interface SlotReservation {
  /** The slot is yours: send in `waitMs`. Otherwise nothing was reserved; try again in about `waitMs`. */
  granted: boolean;
  waitMs: number;
  /** The slot's time on the database's clock (the same for every process), epoch ms. */
  atMs: number;
  /** The database's clock when it answered, epoch ms: with the time the answer arrived, it maps database time onto local time. */
  answeredAtMs: number;
}

/** While a limit is slowed down (after Meta's 130429 / 131056), its interval is this many times longer. */
export const SLOW_DOWN_FACTOR = 2;

/** The per-number cap. `headroom` (< 1) keeps a margin for the jitter between a slot and the request reaching Meta. */
export function numberRateLimit(accountId: string, messagesPerSecond: number, headroom: number): RateLimit {
  return { key: `number:${accountId}`, intervalMs: 1000 / (messagesPerSecond * headroom), burst: 1 };
}

/**
 * A cap a group of messages shares (a broadcast's sending speed), with the same kind of headroom
 * as the number's: slots are spaced so that a slot used up to the allowed lateness never makes
 * more than `perSecond` reach Meta in any second.
 */
export function sendCapRateLimit(key: string, perSecond: number, headroom: number): RateLimit {
  return { key: `cap:${key}`, intervalMs: 1000 / (perSecond * headroom), burst: 1 };
}

/** Meta's pair rate: about one message per 6 s to one customer, with bursts borrowed from later quota. */
export function pairRateLimit(accountId: string, recipient: string, rate: { intervalMs: number; burst: number }): RateLimit {
  return { key: `pair:${accountId}:${recipient}`, intervalMs: rate.intervalMs, burst: rate.burst };
}

interface ReservationRow {
  wait_ms: number;
  granted: boolean;
  at_ms: number;
  answered_at_ms: number;
}

// $1 key, $2 interval ms, $3 burst − 1, $4 max wait ms, $5 slow-down factor.
// The clock is read after the row lock is taken (in `timed`, which pulls from `locked`), so a
// statement that waited for the lock never plans from a stale "now".
const RESERVE_SQL = `
  WITH locked AS (
    SELECT theoretical_arrival_at, slowed_until FROM whatsapp_send_rate_limits WHERE key = $1 FOR UPDATE
  ), timed AS (
    SELECT theoretical_arrival_at, clock_timestamp() AS now,
           $2::float8 * CASE WHEN slowed_until > clock_timestamp() THEN $5::float8 ELSE 1 END AS interval_ms
      FROM locked
  ), planned AS (
    SELECT GREATEST(theoretical_arrival_at, now) AS base, now, interval_ms FROM timed
  ), judged AS (
    SELECT base + make_interval(secs => interval_ms / 1000) AS next_arrival_at, now,
           GREATEST(0, extract(epoch FROM base - now) * 1000 - $3::float8 * interval_ms) AS wait_ms
      FROM planned
  ), saved AS (
    UPDATE whatsapp_send_rate_limits r SET theoretical_arrival_at = j.next_arrival_at
      FROM judged j WHERE r.key = $1 AND j.wait_ms <= $4::float8
  )
  SELECT wait_ms::float8 AS wait_ms, wait_ms <= $4::float8 AS granted,
         (extract(epoch FROM now) * 1000 + wait_ms)::float8 AS at_ms, (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS answered_at_ms
    FROM judged`;

/** Reserves the next slot of `limit` if it comes within `maxWaitMs`. */
export async function reserveSendSlot(db: Queryable, limit: RateLimit, maxWaitMs: number): Promise<SlotReservation> {
  const params = [limit.key, limit.intervalMs, Math.max(0, limit.burst - 1), maxWaitMs, SLOW_DOWN_FACTOR];
  let row = await queryOne<ReservationRow>(db, RESERVE_SQL, params);
  if (!row) {
    // First message under this key: a row that is as good as idle, then reserve as usual.
    await queryRows(
      db,
      `INSERT INTO whatsapp_send_rate_limits (key, theoretical_arrival_at) VALUES ($1, '-infinity') ON CONFLICT (key) DO NOTHING`,
      [limit.key],
    );
    row = await queryOne<ReservationRow>(db, RESERVE_SQL, params);
    if (!row) throw new Error(`rate limit row ${limit.key} vanished while being reserved`);
  }
  return { granted: row.granted, waitMs: Math.ceil(row.wait_ms), atMs: row.at_ms, answeredAtMs: row.answered_at_ms };
}

/** Gives back a slot reserved and not used (another limit refused the send): the quota of one interval. */
export async function releaseSendSlot(db: Queryable, limit: RateLimit): Promise<void> {
  await queryRows(
    db,
    `UPDATE whatsapp_send_rate_limits SET theoretical_arrival_at = theoretical_arrival_at - make_interval(secs => $2::float8 / 1000) WHERE key = $1`,
    [limit.key, limit.intervalMs],
  );
}

/**
 * Meta said this limit was exceeded: nothing more goes out under it for `pauseMs` (beyond what
 * the bursts allow), and for `slowForMs` its rate is divided by SLOW_DOWN_FACTOR.
 */
export async function slowDownSends(db: Queryable, limit: RateLimit, options: { pauseMs: number; slowForMs: number }): Promise<void> {
  const toleranceMs = Math.max(0, limit.burst - 1) * limit.intervalMs;
  await queryRows(
    db,
    `INSERT INTO whatsapp_send_rate_limits AS r (key, theoretical_arrival_at, slowed_until)
     VALUES ($1, clock_timestamp() + make_interval(secs => ($2::float8 + $3::float8) / 1000), clock_timestamp() + make_interval(secs => $4::float8 / 1000))
     ON CONFLICT (key) DO UPDATE SET
       theoretical_arrival_at = GREATEST(r.theoretical_arrival_at, EXCLUDED.theoretical_arrival_at),
       slowed_until = GREATEST(r.slowed_until, EXCLUDED.slowed_until)`,
    [limit.key, options.pauseMs, toleranceMs, options.slowForMs],
  );
}

/** Rows that hold nothing an absent row would not (no slot ahead, no slow-down): the pair rows of past customers. */
export async function pruneIdleRateLimits(db: Queryable): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    `DELETE FROM whatsapp_send_rate_limits
      WHERE theoretical_arrival_at < now() - interval '1 hour' AND (slowed_until IS NULL OR slowed_until < now())
      RETURNING key`,
  );
  return rows.length;
}

import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction.js';

export interface ThrottleLimits {
  /** Failed attempts allowed per email within the window. */
  perAccount: number;
  /** Failed attempts allowed per client IP within the window (several people may share one). */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

export type AttemptOutcome = 'success' | 'failure' | 'abandoned';

/** An attempt that may go ahead, counted until it is settled; or the seconds to wait. */
export type LoginAttempt = { allowed: true; settle(outcome: AttemptOutcome): Promise<void> } | { allowed: false; retryAfter: number };

class Refused extends Error {
  constructor(readonly retryAfter: number) {
    super('login attempt throttled');
  }
}

/**
 * Counts login attempts per account and per IP in PostgreSQL (table whatsapp_login_attempts), so
 * the limits hold across every web process. An attempt is counted when it starts, in the same
 * statement that checks the limit (the rows are locked by the upsert), so attempts sent in
 * parallel cannot all pass before any is counted: `in_flight` holds those being checked, and
 * each becomes a failure or is released when it settles. A success clears the account's
 * failures that preceded it (counted when it started), never those of attempts that were in
 * flight beside it: a burst gets at most the limit of wrong passwords checked however the right
 * one lands among them. The IP's count stays (one success must not unlock guessing at other accounts).
 */
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  async begin(email: string, ip: string): Promise<LoginAttempt> {
    // Sorted, so every statement here locks the two rows in the same order ('account:' < 'ip:').
    const account = accountKey(email);
    const keys = [account, ipKey(ip)].sort();
    // The account's failures when this attempt started: a success clears those, never the ones
    // of attempts that were in flight beside it.
    let failuresBefore = 0;
    const { windowSeconds, perAccount, perIp } = this.limits;
    try {
      await inTransaction(this.dataSource, async ({ manager }) => {
        const counted: { key: string; failures: number }[] = await manager.query(
          `INSERT INTO whatsapp_login_attempts AS a (key, failures, in_flight, window_started_at)
           SELECT k, 0, 1, now() FROM unnest($1::text[]) AS k ORDER BY k
           ON CONFLICT (key) DO UPDATE SET
             failures = CASE WHEN a.window_started_at > now() - make_interval(secs => $2) THEN a.failures ELSE 0 END,
             in_flight = CASE WHEN a.window_started_at > now() - make_interval(secs => $2) THEN a.in_flight + 1 ELSE 1 END,
             window_started_at = CASE WHEN a.window_started_at > now() - make_interval(secs => $2) THEN a.window_started_at ELSE now() END
           WHERE a.window_started_at <= now() - make_interval(secs => $2)
              OR a.failures + a.in_flight < CASE WHEN a.key LIKE 'account:%' THEN $3::int ELSE $4::int END
           RETURNING a.key, a.failures`,
          [keys, windowSeconds, perAccount, perIp],
        );
        if (counted.length === keys.length) {
          failuresBefore = counted.find((row) => row.key === account)?.failures ?? 0;
          return;
        }
        // One key is at its limit: nothing is counted (the rollback undoes the other key's count).
        const [{ wait }]: { wait: number }[] = await manager.query(
          `SELECT COALESCE(MAX(CEIL(EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $2) - now())))), 1)::int AS wait
             FROM whatsapp_login_attempts WHERE key = ANY($1) AND NOT (key = ANY($3))`,
          [keys, windowSeconds, counted.map((row) => row.key)],
        );
        throw new Refused(Math.max(wait, 1));
      });
    } catch (error) {
      if (error instanceof Refused) return { allowed: false, retryAfter: error.retryAfter };
      throw error;
    }
    let settled = false;
    return {
      allowed: true,
      settle: async (outcome) => {
        if (settled) return;
        settled = true;
        // The rows are locked in key order, as `begin` locks them: a plain UPDATE takes them in
        // the table's physical order, which deadlocks against a `begin` running at the same time.
        await this.dataSource.query(
          `WITH locked AS (SELECT key FROM whatsapp_login_attempts WHERE key = ANY($1) ORDER BY key FOR UPDATE)
           UPDATE whatsapp_login_attempts AS a
              SET in_flight = GREATEST(a.in_flight - 1, 0),
                  failures = CASE WHEN $2::text = 'failure' THEN a.failures + 1
                                  WHEN $2::text = 'success' AND a.key = $3 THEN GREATEST(a.failures - $4::int, 0) ELSE a.failures END
             FROM locked WHERE a.key = locked.key`,
          [keys, outcome, account, failuresBefore],
        );
      },
    };
  }
}

function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

import type { DataSource } from 'typeorm';

export interface ThrottleLimits {
  /** Failed attempts allowed per email within the window. */
  perAccount: number;
  /** Failed attempts allowed per client IP within the window (several people may share one). */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

/**
 * Counts failed logins per account and per IP in PostgreSQL (table whatsapp_login_attempts),
 * so the limit holds across every web process.
 */
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  /** Seconds to wait before trying again, or 0 when the attempt may go ahead. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const rows: { key: string; failures: number; remaining: number }[] = await this.dataSource.query(
      `SELECT key, failures,
              CEIL(EXTRACT(EPOCH FROM (window_started_at + make_interval(secs => $2) - now())))::int AS remaining
         FROM whatsapp_login_attempts
        WHERE key = ANY($1) AND window_started_at > now() - make_interval(secs => $2)`,
      [[accountKey(email), ipKey(ip)], this.limits.windowSeconds],
    );
    let wait = 0;
    for (const row of rows) {
      const limit = row.key.startsWith('account:') ? this.limits.perAccount : this.limits.perIp;
      if (row.failures >= limit) wait = Math.max(wait, row.remaining);
    }
    return wait;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO whatsapp_login_attempts (key, failures, window_started_at)
       SELECT k, 1, now() FROM unnest($1::text[]) AS k
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN whatsapp_login_attempts.window_started_at > now() - make_interval(secs => $2)
                         THEN whatsapp_login_attempts.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN whatsapp_login_attempts.window_started_at > now() - make_interval(secs => $2)
                                  THEN whatsapp_login_attempts.window_started_at ELSE now() END`,
      [[accountKey(email), ipKey(ip)], this.limits.windowSeconds],
    );
  }

  /** A successful login clears the account's counter (not the IP's: one success must not unlock guessing at others). */
  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM whatsapp_login_attempts WHERE key = $1`, [accountKey(email)]);
  }
}

function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}

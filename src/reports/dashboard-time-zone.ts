/**
 * The time zone whose days the dashboard counts in: the browser's, when it sends an IANA name
 * Node knows (canonicalised), else UTC. Never interpolated into SQL: it is a bound parameter.
 */
export function dashboardTimeZone(requested: unknown): string {
  if (typeof requested !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(requested)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: requested }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

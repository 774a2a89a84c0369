/** Meta's timestamps are unix seconds sent as digit strings. */
export function unixSecondsToDate(seconds: string): Date {
  return new Date(Number(seconds) * 1000);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from requests and jobs: anything that is not a uuid matches no row (PostgreSQL would raise instead). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

import { isUuid } from '../../domain/uuid.js';

/**
 * Where a list sorted by (time DESC, id DESC) continues: the last row's time as PostgreSQL wrote
 * it (`timestamptz::text`, microseconds kept — a JavaScript Date would drop them and skip or
 * repeat rows sharing a millisecond) and its id, as an opaque token for the browser.
 */
export interface KeysetCursor {
  /** Null for rows without a time (sorted last). */
  at: string | null;
  id: string;
}

/** `2026-01-31 09:15:02.123456+00`, as timestamptz::text writes it. */
const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)?$/;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor a token holds, or null for anything malformed (never passed on to SQL). */
export function decodeCursor(token: string): KeysetCursor | null {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    const at = value.at === null || (typeof value.at === 'string' && TIMESTAMP_TEXT.test(value.at)) ? value.at : undefined;
    return at !== undefined && isUuid(value.id) ? { at, id: value.id } : null;
  } catch {
    return null;
  }
}

/**
 * JSON text may escape what PostgreSQL cannot store: a lone surrogate (`"\ud83d"`, half of an
 * emoji) or NUL (`"\u0000"`). One such string made the whole delivery fail, and the other
 * customers' messages in it with it. Stored rows get U+FFFD instead; the raw event keeps the
 * original bytes.
 */
const SUSPICIOUS_ESCAPE = /\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** `value` (parsed from `rawText`) with every string made well-formed; untouched when the text has no such escape. */
export function wellFormedJson(value: unknown, rawText: string): unknown {
  return SUSPICIOUS_ESCAPE.test(rawText) ? wellFormed(value) : value;
}

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [wellFormedText(key), wellFormed(entry)]));
  }
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

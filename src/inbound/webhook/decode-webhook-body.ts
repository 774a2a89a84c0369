/** What the ack path stores for a signed body. */
export interface DecodedWebhookBody {
  /** Goes into `raw_body`: the body's own text, or its base64 when PostgreSQL text cannot hold it. */
  storedText: string;
  /** Why the processor cannot read it (the event is stored as `unparseable`), or null for JSON. */
  unparseableReason: string | null;
  /** The parsed JSON (undefined when unparseable): the ack path reads whom the delivery is for. */
  json?: unknown;
}

// fatal: invalid UTF-8 must be detected, not replaced; ignoreBOM: a BOM is part of the bytes and stays.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decides how a signed delivery is stored. Meta retries anything but a 200 for 7 days, so a
 * body we cannot read is still stored (and answered 200) rather than refused: an operator
 * sees it in the back office. PostgreSQL text holds neither invalid UTF-8 nor NUL bytes;
 * such a body is kept as base64 so that no byte is lost.
 */
export function decodeWebhookBody(rawBody: Buffer): DecodedWebhookBody {
  let text: string;
  try {
    text = utf8.decode(rawBody);
  } catch {
    return { storedText: rawBody.toString('base64'), unparseableReason: 'body is not valid UTF-8; raw_body holds it base64-encoded' };
  }
  if (text.includes('\u0000')) {
    return { storedText: rawBody.toString('base64'), unparseableReason: 'body contains a NUL byte; raw_body holds it base64-encoded' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { storedText: text, unparseableReason: `body is not valid JSON: ${(error as Error).message}` };
  }
  return { storedText: text, unparseableReason: null, json };
}

import type { TransportFailure } from '../domain/meta-error-class.js';
import { GraphApiError, graphApiErrorFromAnswer } from './graph-api-error.js';

export const GRAPH_USER_AGENT = 'adminjs-whatsapp/0.1 (graph-api-client)';

const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export interface GraphTransportSettings {
  /** Versioned, without a trailing slash: `https://graph.facebook.com/v26.0`. */
  baseUrl: string;
  userAgent: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Per call: whose token, and how long the caller is willing to wait. */
export interface GraphCall {
  accessToken: string;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  /** The caller's own cancellation (shutdown); an abort after the write counts as `unknown`. */
  signal?: AbortSignal;
}

export interface GraphRequest extends GraphCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL (`/123/messages`), or an absolute URL on the same origin (paging). */
  path: string;
  /** Names the call in errors: `POST /{phone-number-id}/messages`. */
  operation: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: FormData;
  maxAnswerBytes?: number;
}

/** A Graph call answered 2xx: its JSON body (or `null` for an empty one). */
export async function graphJson(settings: GraphTransportSettings, request: GraphRequest): Promise<unknown> {
  const url = requestUrl(settings.baseUrl, request);
  const headers: Record<string, string> = {
    authorization: `Bearer ${request.accessToken}`,
    'user-agent': settings.userAgent,
    accept: 'application/json',
  };
  let body: string | FormData | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form;
  }
  const { signal, timedOut } = deadline(request.timeoutMs ?? settings.timeoutMs, request.signal);
  let response: Response;
  try {
    response = await settings.fetch(url, { method: request.method, headers, body, signal, redirect: 'error' });
  } catch (error) {
    throw transportError(error, timedOut(), request.operation);
  }
  const ok = response.status >= 200 && response.status < 300;
  let text: string;
  try {
    text = (await readCapped(response, request.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES)).toString('utf8');
  } catch (error) {
    if (!ok) throw graphApiErrorFromAnswer(response.status, undefined, request.operation);
    // A 2xx started: the request was processed, but its result is lost.
    throw resultLost(request.operation, response.status, `the answer could not be read: ${describe(error)}`, error);
  }
  const json = parseJson(text);
  if (!ok) throw graphApiErrorFromAnswer(response.status, json, request.operation);
  if (json === undefined && text.trim() !== '') {
    throw resultLost(request.operation, response.status, 'the answer was not JSON');
  }
  return json ?? null;
}

/** A 2xx answer whose shape is not the documented one: processed, but we cannot tell the result. */
export function unexpectedAnswer(operation: string, what: string): GraphApiError {
  return new GraphApiError({
    kind: 'invalid-response',
    outcome: 'unknown',
    operation,
    transport: 'reset-after-write',
    summary: `the answer has no ${what}`,
  });
}

export function requestUrl(baseUrl: string, request: Pick<GraphRequest, 'path' | 'query' | 'operation'>): URL {
  const base = new URL(baseUrl);
  const url = /^https?:\/\//i.test(request.path) ? new URL(request.path) : new URL(`${baseUrl}${request.path}`);
  // Paging links come from the answer; the token must never follow one to another host.
  if (url.origin !== base.origin) {
    throw new GraphApiError({
      kind: 'invalid-response',
      outcome: 'not-sent',
      operation: request.operation,
      summary: `refused to follow a link to ${url.origin}, not the Graph API's origin`,
    });
  }
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

export function deadline(timeoutMs: number, callerSignal?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    signal: callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout,
    timedOut: () => timeout.aborted,
  };
}

// Errors raised while the connection was being made: nothing of the request has left.
const NOT_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ERR_INVALID_URL',
  'UND_ERR_INVALID_ARG',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const CONNECT_TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT']);

/**
 * Where a failed fetch stopped. fetch does not report whether the request was written, so
 * only errors that can only happen while connecting count as "not sent"; everything else,
 * our own timeout included, is treated as written. Undici gives up connecting after 10 s with
 * its own code, so with a longer timeout ours only ever fires on a written request; with a
 * shorter one a slow connect is reported `unknown` — the safe side, since it is reconciled
 * rather than resent.
 */
export function transportFailureOf(error: unknown, timedOut: boolean): TransportFailure {
  const codes = errorCodes(error);
  if (codes.some((code) => CONNECT_TIMEOUT_CODES.has(code))) return 'timeout-before-write';
  if (codes.length > 0 && codes.every((code) => NOT_CONNECTED_CODES.has(code))) return 'refused';
  if (isBadPort(error)) return 'refused';
  if (timedOut || codes.some((code) => code.endsWith('_TIMEOUT') || code === 'ETIMEDOUT')) return 'timeout-after-write';
  return 'reset-after-write';
}

export function transportError(error: unknown, timedOut: boolean, operation: string): GraphApiError {
  const transport = transportFailureOf(error, timedOut);
  const notSent = transport === 'refused' || transport === 'timeout-before-write';
  const reason = timedOut ? 'no answer within the timeout' : describe(error);
  return new GraphApiError({
    kind: 'transport',
    outcome: notSent ? 'not-sent' : 'unknown',
    operation,
    transport,
    summary: notSent ? `not sent: ${reason}` : `sent, no answer: ${reason}`,
    cause: error,
  });
}

/** The error codes along the cause chain, AggregateError members included (happy eyeballs). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (value instanceof AggregateError) value.errors.forEach(visit);
    visit((value as { cause?: unknown }).cause);
  };
  visit(error);
  return codes;
}

// fetch refuses some ports outright ("bad port") before opening anything.
function isBadPort(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof Error && cause.message === 'bad port';
}

function describe(error: unknown): string {
  const codes = errorCodes(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return codes.length > 0 ? `${codes[0]}: ${message}` : message;
}

/** An answer over the size the caller accepts; reading on would only waste memory. */
class AnswerTooLargeError extends Error {
  override readonly name = 'AnswerTooLargeError';
}

export async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new AnswerTooLargeError(`the answer announced ${declared} bytes, more than ${maxBytes}`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AnswerTooLargeError(`the answer passed ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Meta answered 2xx, so the request was carried out, but what it created cannot be known. */
function resultLost(operation: string, httpStatus: number, summary: string, cause?: unknown): GraphApiError {
  return new GraphApiError({ kind: 'invalid-response', outcome: 'unknown', operation, httpStatus, transport: 'reset-after-write', summary, cause });
}

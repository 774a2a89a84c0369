import {
  classifyMetaError,
  type MetaErrorClass,
  type MetaErrorClassification,
  type TransportFailure,
} from '../domain/meta-error-class.js';

/**
 * Whether the request may have reached Meta, which decides whether a send may be repeated:
 * - `not-sent`: it never left (connection refused, DNS, TLS, connect timeout, refused locally);
 *   sending again cannot duplicate.
 * - `unknown`: it was written and no usable answer came back (timeout, connection dropped,
 *   a gateway's 502/504, a 2xx we could not read). Meta may have sent it; only the status
 *   webhooks (matched through `biz_opaque_callback_data`) can tell.
 * - `rejected`: Meta answered with an error; nothing was sent.
 */
export type GraphRequestOutcome = 'not-sent' | 'unknown' | 'rejected';

/**
 * - `meta-error`: Meta's `{error:{…}}` envelope.
 * - `http-error`: an error status without that envelope (a proxy, a gateway, an outage page).
 * - `transport`: no HTTP answer at all.
 * - `invalid-request`: refused before the call (`problems` lists why).
 * - `invalid-response`: a 2xx answer that does not have the documented shape.
 */
export type GraphErrorKind = 'meta-error' | 'http-error' | 'transport' | 'invalid-request' | 'invalid-response';

/**
 * Which of its own limits the client stopped at (media downloads): a host the token may not go
 * to, too many redirects, a file over the caller's cap. None of them gets better by trying again.
 */
export type GraphClientLimit = 'media-host' | 'redirects' | 'size';

export interface GraphApiErrorInit {
  kind: GraphErrorKind;
  outcome: GraphRequestOutcome;
  /** What went wrong, in a sentence; Meta's message when there is one. */
  summary: string;
  operation?: string;
  httpStatus?: number | null;
  code?: number | null;
  subcode?: number | null;
  type?: string | null;
  title?: string | null;
  details?: string | null;
  fbtraceId?: string | null;
  transport?: TransportFailure | null;
  problems?: string[];
  limit?: GraphClientLimit | null;
  cause?: unknown;
}

/** Every failed Graph API call ends in one of these: what Meta said, whether it was sent, and what to do. */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  readonly kind: GraphErrorKind;
  readonly outcome: GraphRequestOutcome;
  /** The call, e.g. `POST /{phone-number-id}/messages`. */
  readonly operation: string | null;
  readonly httpStatus: number | null;
  /** Meta's `error.code`: what to branch on (reference §3), never the HTTP status. */
  readonly code: number | null;
  readonly subcode: number | null;
  /** Meta's `error.type`, e.g. `OAuthException`. */
  readonly type: string | null;
  /** Meta's message without its `(#code) ` prefix, e.g. `Re-engagement message`. */
  readonly title: string | null;
  /** Meta's `error.error_data.details`: the most specific explanation Meta gives. */
  readonly details: string | null;
  /** Quote it to Meta's support. */
  readonly fbtraceId: string | null;
  readonly transport: TransportFailure | null;
  /** For `invalid-request`: each limit the message broke. */
  readonly problems: readonly string[];
  /** Set when the client itself refused to go on (see GraphClientLimit). */
  readonly limit: GraphClientLimit | null;
  /** From the reference's table: retry (and how), fail, or flag for an operator. */
  readonly classification: MetaErrorClassification;

  constructor(init: GraphApiErrorInit) {
    const where = init.operation ? `${init.operation}: ` : '';
    const status = init.httpStatus ? ` (HTTP ${init.httpStatus})` : '';
    super(`${where}${init.summary}${status}${init.details ? ` — ${init.details}` : ''}`, { cause: init.cause });
    this.kind = init.kind;
    this.outcome = init.outcome;
    this.operation = init.operation ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.code = init.code ?? null;
    this.subcode = init.subcode ?? null;
    this.type = init.type ?? null;
    this.title = init.title ?? null;
    this.details = init.details ?? null;
    this.fbtraceId = init.fbtraceId ?? null;
    this.transport = init.transport ?? null;
    this.problems = init.problems ?? [];
    this.limit = init.limit ?? null;
    this.classification = classify(init);
  }

  get class(): MetaErrorClass {
    return this.classification.class;
  }
}

function classify(init: GraphApiErrorInit): MetaErrorClassification {
  // A message refused locally broke one of Meta's limits: Meta itself would answer 131009.
  if (init.kind === 'invalid-request') return classifyMetaError({ code: INVALID_PARAMETER_VALUE });
  return classifyMetaError({
    ...(init.code != null ? { code: init.code } : {}),
    ...(init.subcode != null ? { subcode: init.subcode } : {}),
    ...(init.httpStatus != null ? { httpStatus: init.httpStatus } : {}),
    ...(init.transport ? { transport: init.transport } : {}),
  });
}

const INVALID_PARAMETER_VALUE = 131009;

// A gateway answering 502/504 without Meta's envelope may have passed the request on before
// the upstream failed or went silent: as uncertain as a timeout.
const GATEWAY_STATUSES = new Set([502, 504]);

/** The error for a non-2xx answer: Meta's envelope when present, the bare status otherwise. */
export function graphApiErrorFromAnswer(httpStatus: number, body: unknown, operation?: string): GraphApiError {
  const error = metaErrorEnvelope(body);
  if (error) {
    const message = typeof error.message === 'string' ? error.message : null;
    const errorData = isRecord(error.error_data) ? error.error_data : null;
    return new GraphApiError({
      kind: 'meta-error',
      outcome: 'rejected',
      operation,
      httpStatus,
      code: integer(error.code),
      subcode: integer(error.error_subcode),
      type: typeof error.type === 'string' ? error.type : null,
      title: message ? message.replace(/^\(#\d+\)\s*/, '') : null,
      details: typeof errorData?.details === 'string' ? errorData.details : null,
      fbtraceId: typeof error.fbtrace_id === 'string' ? error.fbtrace_id : null,
      summary: message ?? `Meta error ${String(error.code)}`,
    });
  }
  const gateway = GATEWAY_STATUSES.has(httpStatus);
  return new GraphApiError({
    kind: 'http-error',
    outcome: gateway ? 'unknown' : 'rejected',
    operation,
    httpStatus,
    transport: gateway ? 'timeout-after-write' : null,
    summary: gateway ? 'a gateway answered instead of the Graph API' : 'the Graph API answered an error without details',
  });
}

function metaErrorEnvelope(body: unknown): Record<string, unknown> | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  return integer(body.error.code) === null ? null : body.error;
}

function integer(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger, type Logger } from '../config/logger.js';
import { metaErrorAnswer } from './meta-error-catalog.js';
import type { GraphRequestInfo, SandboxAnswer, SandboxContext, SandboxNumber } from './sandbox-context.js';
import { answerControl } from './sandbox-control-routes.js';
import { SandboxFaults, type FaultAction } from './sandbox-faults.js';
import { answerGraph, metaError, routeOf, unknownObject, type RouteTarget } from './sandbox-graph-routes.js';
import { MAX_UPLOAD_BYTES, SandboxMediaStore } from './sandbox-media-store.js';
import { SAMPLE_MEDIA } from './sample-media.js';
import { SandboxRequestLog } from './sandbox-request-log.js';
import { SandboxTemplateStore, type SeedTemplate } from './sandbox-template-store.js';
import { SendRateMeter } from './send-rate-meter.js';
import { DEFAULT_STATUS_DELAYS, StatusWebhooks, type StatusDelays } from './status-webhooks.js';

export type { SandboxNumber } from './sandbox-context.js';

export interface SandboxGraphApiOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1: the control API must not be reachable from elsewhere. */
  host?: string;
  /** Where status and template webhooks go (the app's webhook route). None: no webhooks. */
  webhookUrl?: string | null;
  /** Signs the webhooks (`X-Hub-Signature-256`); without it they go unsigned. */
  appSecret?: string | null;
  /** Bearer tokens accepted; none given accepts any non-empty token. */
  accessToken?: string | readonly string[] | null;
  /** When each status webhook follows an accepted send; `null` skips that status. */
  statusDelaysMs?: Partial<StatusDelays>;
  /** Waits between attempts when the app does not answer 200. Default 1 s, 5 s, 30 s. */
  webhookRetryDelaysMs?: number[];
  /** Known numbers; when given, other phone number ids are refused as Meta does (100/33). */
  numbers?: SandboxNumber[];
  /** Templates per WABA id, APPROVED unless they say otherwise. */
  templates?: Record<string, SeedTemplate[]>;
  /** Meta's per-number throughput cap: above it sends get 130429. Default none. */
  throughputPerSecond?: number | null;
  /** Submitted or edited templates are APPROVED after this long (with the webhook). Default: they stay PENDING. */
  templateReviewMs?: number | null;
  /** The rate meter's clock (epoch ms); tests drive it to make the cap and the peaks deterministic. */
  clock?: () => number;
  /** Requests kept in the log. Default 100,000. */
  logLimit?: number;
  logger?: Logger;
}

/** The running sandbox: its address, and the same stores and controls its routes use (SandboxContext). */
export interface SandboxGraphApi
  extends Pick<SandboxContext, 'log' | 'faults' | 'templates' | 'media' | 'rates' | 'webhooks' | 'setTemplateStatus'> {
  /** `http://127.0.0.1:<port>`: the client's `graphUrl` (the pinned version is appended). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 5 * 1024 * 1024;
const VERSION = /^v\d+\.\d+$/;

/**
 * A stand-in for Meta's Graph API on this machine: the endpoints the client uses, Meta's
 * validation, answers and error bodies, a log of everything it was sent, faults on demand and
 * the status webhooks back to the app. Tests use it, and the runnable app starts one when no
 * Meta token is configured. Quiet unless given a logger.
 */
export async function startSandboxGraphApi(options: SandboxGraphApiOptions = {}): Promise<SandboxGraphApi> {
  const logger = options.logger ?? silentLogger;
  const tokens = options.accessToken == null ? [] : typeof options.accessToken === 'string' ? [options.accessToken] : [...options.accessToken];
  let baseUrl = '';
  const reviewTimers = new Set<NodeJS.Timeout>();
  const webhooks = new StatusWebhooks({
    webhookUrl: options.webhookUrl ?? null,
    appSecret: options.appSecret ?? null,
    delays: { ...DEFAULT_STATUS_DELAYS, ...options.statusDelaysMs },
    retryDelaysMs: options.webhookRetryDelaysMs ?? [1000, 5000, 30_000],
    logger,
  });
  const templates = new SandboxTemplateStore();
  for (const [wabaId, seeds] of Object.entries(options.templates ?? {})) templates.seed(wabaId, seeds);

  const setTemplateStatus = (id: string, status: string, reason: string | null = null) => {
    const template = templates.byId(id);
    if (!template) return undefined;
    template.status = status;
    if (status === 'REJECTED' && reason) template.rejected_reason = reason;
    webhooks.templateStatusChanged(template.wabaId, template, status, reason);
    return template;
  };

  const ctx: SandboxContext = {
    baseUrl: () => baseUrl,
    numbers: new Map((options.numbers ?? []).map((n) => [n.phoneNumberId, n])),
    accessTokens: new Set(tokens),
    log: new SandboxRequestLog(options.logLimit),
    faults: new SandboxFaults(),
    templates,
    media: sandboxMedia(),
    rates: new SendRateMeter(options.throughputPerSecond ?? null, options.clock),
    webhooks,
    logger,
    setTemplateStatus,
    review: (template) => {
      const delay = options.templateReviewMs;
      if (delay == null) return;
      const timer = setTimeout(() => {
        reviewTimers.delete(timer);
        if (templates.byId(template.id)?.status === 'PENDING') setTemplateStatus(template.id, 'APPROVED');
      }, delay);
      timer.unref();
      reviewTimers.add(timer);
    },
  };

  const held = new Set<Socket>();
  const server = http.createServer((req, res) => {
    handle(ctx, req, res, held).catch((error: unknown) => {
      logger.warn('sandbox Graph API failed on a request', { url: req.url, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent && !res.destroyed) writeAnswer(res, { status: 500, json: metaErrorAnswer({ code: 1 }).body });
    });
  });
  // A client that disconnects mid-request is routine here (timeouts under test): no noise.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;
  logger.info('sandbox Graph API listening', { url: baseUrl });

  return {
    url: baseUrl,
    port: address.port,
    log: ctx.log,
    faults: ctx.faults,
    templates,
    media: ctx.media,
    rates: ctx.rates,
    webhooks,
    setTemplateStatus,
    close: async () => {
      webhooks.close();
      for (const timer of reviewTimers) clearTimeout(timer);
      for (const socket of held) socket.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A media store that already serves the simulator's sample files. */
function sandboxMedia(): SandboxMediaStore {
  const store = new SandboxMediaStore();
  store.seed(Object.values(SAMPLE_MEDIA));
  return store;
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, held: Set<Socket>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = (req.method ?? 'GET').toUpperCase();
  let segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let versionPrefix = '';
  if (segments[0] && VERSION.test(segments[0])) {
    versionPrefix = `/${segments[0]}`;
    segments = segments.slice(1);
  }
  const contentType = req.headers['content-type'] ?? '';
  const multipart = contentType.startsWith('multipart/form-data');
  const raw = await readBody(req, multipart ? MAX_UPLOAD_BYTES + 1024 * 1024 : MAX_JSON_BYTES);
  if (raw === null) {
    writeAnswer(res, metaError({ code: 100, details: 'The request body is too large.' }));
    return;
  }
  const json = !multipart && raw.length > 0 ? parseJson(raw) : undefined;

  if (segments[0] === '__sandbox') {
    writeAnswer(res, answerControl(ctx, method, segments.slice(1), url.searchParams, json));
    return;
  }

  const accessToken = bearerToken(req, url);
  if (segments[0] === '__media' && segments.length === 2 && method === 'GET') {
    const answer = mediaDownload(ctx, segments[1]!, accessToken);
    record(ctx, req, { endpoint: 'media-download', phoneNumberId: null, wabaId: null, recipient: null }, segments, accessToken, null, answer, null);
    writeAnswer(res, answer);
    return;
  }

  const target = routeOf(method, segments, json);
  const form = multipart ? await parseForm(raw, contentType) : null;
  const logged = form ? describeForm(form) : json ?? (raw.length > 0 ? raw.toString('utf8') : null);
  if (raw.length > 0 && !multipart && json === undefined) {
    const answer = metaError({ code: 100, details: 'The request body is not valid JSON.' });
    record(ctx, req, target, segments, accessToken, logged, answer, null);
    writeAnswer(res, answer);
    return;
  }
  if (!tokenAccepted(ctx, accessToken)) {
    const answer = metaError({ code: 190, title: 'Invalid OAuth access token - Cannot parse access token', details: 'The access token is missing or not valid.' });
    record(ctx, req, target, segments, accessToken, logged, answer, null);
    writeAnswer(res, answer);
    return;
  }

  const fault = ctx.faults.take({ endpoint: target.endpoint, phoneNumberId: target.phoneNumberId, recipient: target.recipient });
  const early = fault ? faultAnswer(fault) : null;
  if (fault && (fault.type === 'hang' || fault.type === 'drop')) {
    record(ctx, req, target, segments, accessToken, logged, null, fault.type);
    if (fault.type === 'drop') {
      req.socket.destroy();
      return;
    }
    held.add(req.socket);
    req.socket.once('close', () => held.delete(req.socket));
    return;
  }
  if (early) {
    record(ctx, req, target, segments, accessToken, logged, early, fault!.type);
    writeAnswer(res, early);
    return;
  }
  if (fault?.type === 'delay') await sleep(fault.ms);

  const request: GraphRequestInfo = {
    method,
    segments,
    versionPrefix,
    query: url.searchParams,
    json,
    form,
    asyncFailure: fault?.type === 'meta-error' && fault.via === 'status-webhook' ? fault : null,
  };
  const answer = target.endpoint === 'unknown' ? unknownObject(method, segments.join('/')) : await answerGraph(ctx, request, target);
  record(ctx, req, target, segments, accessToken, logged, answer, fault?.type ?? null);
  if (!res.destroyed) writeAnswer(res, answer);
}

/** The answer a fault gives at once; null for faults that let the call proceed. */
function faultAnswer(fault: FaultAction): SandboxAnswer | null {
  if (fault.type === 'http') {
    return { status: fault.status, bytes: Buffer.from(fault.body ?? ''), contentType: fault.contentType ?? 'text/html; charset=utf-8' };
  }
  if (fault.type === 'meta-error' && fault.via !== 'status-webhook') return metaError(fault);
  return null;
}

function mediaDownload(ctx: SandboxContext, id: string, accessToken: string | null): SandboxAnswer {
  if (!tokenAccepted(ctx, accessToken)) return metaError({ code: 190, details: 'Downloading media needs the access token.' });
  const media = ctx.media.get(id);
  if (!media) return { status: 404, bytes: Buffer.from('Not Found'), contentType: 'text/plain' };
  return { status: 200, bytes: media.data, contentType: media.mimeType };
}

function tokenAccepted(ctx: SandboxContext, token: string | null): boolean {
  if (!token) return false;
  return ctx.accessTokens.size === 0 || ctx.accessTokens.has(token);
}

function bearerToken(req: IncomingMessage, url: URL): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? url.searchParams.get('access_token');
}

function record(
  ctx: SandboxContext,
  req: IncomingMessage,
  target: RouteTarget,
  segments: string[],
  accessToken: string | null,
  body: unknown,
  answer: SandboxAnswer | null,
  fault: string | null,
): void {
  ctx.log.record({
    at: Date.now(),
    method: req.method ?? 'GET',
    path: `/${segments.join('/')}`,
    endpoint: target.endpoint,
    phoneNumberId: target.phoneNumberId,
    wabaId: target.wabaId,
    accessToken,
    userAgent: req.headers['user-agent'] ?? null,
    body,
    status: answer?.status ?? null,
    answer: answer === null ? null : 'json' in answer ? answer.json : `<${answer.bytes.length} bytes ${answer.contentType}>`,
    fault,
    wamid: answer && 'wamid' in answer ? (answer.wamid ?? null) : null,
  });
}

function writeAnswer(res: ServerResponse, answer: SandboxAnswer): void {
  const bytes = 'json' in answer ? Buffer.from(JSON.stringify(answer.json)) : answer.bytes;
  res.writeHead(answer.status, {
    'content-type': 'json' in answer ? 'application/json; charset=UTF-8' : answer.contentType,
    'content-length': bytes.length,
  });
  res.end(bytes);
}

/** The whole body, or null past `maxBytes` (then the rest is not read). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) over = true;
      else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseForm(raw: Buffer, contentType: string): Promise<FormData | null> {
  return new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData().catch(() => null);
}

function describeForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  form.forEach((value, name) => {
    fields[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size };
  });
  return fields;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

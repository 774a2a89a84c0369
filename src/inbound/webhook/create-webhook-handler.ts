import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { webhookAddressees } from '../../domain/webhook-addressees.js';
import { signingSecrets } from '../../domain/webhook-signature.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { decodeWebhookBody } from './decode-webhook-body.js';
import { WebhookEventWriter, type WebhookEventWriterOptions } from './webhook-event-writer.js';
import { WebhookMetrics } from './webhook-metrics.js';
import { signedByOwner } from './signed-by-owner.js';

/** Meta's documented maximum payload is about 3 MB. */
const WEBHOOK_BODY_LIMIT = '3mb';

/** Request headers kept with each event: enough to audit a delivery, nothing that identifies our users. */
const STORED_HEADERS = ['content-type', 'user-agent', 'x-hub-signature-256'] as const;

export interface WebhookHandlerOptions {
  /** Pass one to read the counters (metrics endpoint); otherwise the handler keeps its own. */
  metrics?: WebhookMetrics;
  /** Tuning of the batched writes (defaults suit one PostgreSQL shared with the rest of the app). */
  writer?: WebhookEventWriterOptions;
}

/** Answers every request it is given; which path leads to it is the caller's choice. */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

type ParsedRequest = IncomingMessage & { body?: unknown; _body?: boolean; ip?: string };

/**
 * Meta's callback as a plain `node:http` handler: the verification handshake (GET) and
 * signed deliveries (POST). It reads the raw bytes itself, because the signature is over
 * those bytes and a re-serialised body does not verify, so no body parser may run before it.
 * The ack path only verifies, stores and enqueues; the processor job does the rest.
 *
 * Hosts mount it through `createWebhookRouter`, or call it before Express sees the request
 * (see the benchmark: Express's own per-request work costs more CPU than the whole ack path).
 */
export function createWebhookHandler(context: PluginContext, options: WebhookHandlerOptions = {}): WebhookHandler {
  const metrics = options.metrics ?? new WebhookMetrics();
  const { logger } = context;
  const writer = new WebhookEventWriter(context.dataSource, context.jobs, options.writer);
  // `type: () => true`: read every body whatever its Content-Type; the signature decides.
  const rawParser = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  const readBody = (req: ParsedRequest, res: ServerResponse) =>
    new Promise<void>((resolve, reject) => rawParser(req as express.Request, res as express.Response, (error?: unknown) => (error ? reject(error) : resolve())));

  const handshake = async (req: ParsedRequest, res: ServerResponse) => {
    const query = new URLSearchParams(req.url?.split('?')[1] ?? '');
    const mode = query.get('hub.mode');
    const token = query.get('hub.verify_token');
    const challenge = query.get('hub.challenge');
    const reject = () => {
      metrics.count('handshakeRejected');
      logger.warn('webhook handshake rejected', { mode, hasToken: !!token, hasChallenge: !!challenge, ip: clientIp(req) });
      answer(res, 403, 'forbidden');
    };
    if (mode !== 'subscribe' || !token || !challenge) return reject();
    let verifyTokens: string[];
    try {
      verifyTokens = await context.accounts.verifyTokens();
    } catch (error) {
      logger.error('webhook handshake: cannot read the verify tokens', { error: String(error) });
      return answer(res, 500, 'cannot check the verify token now');
    }
    if (!matchesAny(token, verifyTokens)) return reject();
    metrics.count('handshakeAccepted');
    logger.info('webhook handshake accepted');
    answer(res, 200, challenge);
  };

  const receive = async (req: ParsedRequest, res: ServerResponse) => {
    if (req._body || req.readableEnded) {
      // Another parser consumed the stream first: the original bytes, hence the signature, are gone.
      metrics.count('misconfigured');
      logger.error('webhook body was parsed before the webhook route: mount it before express.json() and other body parsers');
      return answer(res, 500, 'webhook route misconfigured');
    }
    try {
      await readBody(req, res);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 400;
      metrics.count(status === 413 ? 'tooLarge' : 'badRequest');
      logger.warn('webhook delivery refused while reading the body', { status, type: (error as { type?: string }).type });
      return answer(res, status, status === 413 ? 'payload too large' : 'bad request');
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = header(req, 'x-hub-signature-256');

    let appSecrets: string[];
    let owners: Awaited<ReturnType<typeof context.accounts.owners>>;
    try {
      [appSecrets, owners] = await Promise.all([context.accounts.appSecrets(), context.accounts.owners()]);
    } catch (error) {
      metrics.count('storeFailed');
      logger.error('webhook: cannot read the app secrets', { error: String(error) });
      return answer(res, 500, 'cannot verify now');
    }
    const signers = signingSecrets(rawBody, signature, appSecrets);
    if (signers.length === 0) {
      const reason = signature ? 'signatureInvalid' : 'signatureMissing';
      metrics.count(reason);
      logger.warn('webhook delivery refused: bad signature', {
        reason,
        configuredSecrets: appSecrets.length,
        bytes: rawBody.length,
        ip: clientIp(req),
        userAgent: header(req, 'user-agent'),
      });
      return answer(res, 401, 'invalid signature');
    }

    const { storedText, unparseableReason, json } = decodeWebhookBody(rawBody);
    const addressees = webhookAddressees(json);
    if (!signedByOwner(addressees, owners, signers)) {
      metrics.count('signedByAnotherApp');
      logger.warn('webhook delivery refused: signed by an app that does not own the numbers it names', {
        ...addressees,
        bytes: rawBody.length,
        ip: clientIp(req),
      });
      return answer(res, 401, 'invalid signature');
    }
    try {
      const eventId = await writer.store({
        storedText,
        unparseableReason,
        headers: storedHeaders(req),
        bodySha256: createHash('sha256').update(rawBody).digest('hex'),
      });
      if (unparseableReason) {
        metrics.count('storedUnparseable');
        logger.warn('webhook delivery stored as unparseable', { eventId, reason: unparseableReason });
      } else {
        metrics.count('stored');
      }
    } catch (error) {
      // Never 200 for a body we did not store: Meta retries a 5xx for 7 days.
      metrics.count('storeFailed');
      logger.error('webhook delivery not stored', { error: String(error) });
      return answer(res, 500, 'not stored');
    }
    answer(res, 200, 'OK');
  };

  return async (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') return handshake(req, res);
    if (req.method === 'POST') return receive(req, res);
    res.setHeader('allow', 'GET, HEAD, POST');
    answer(res, 405, 'method not allowed');
  };
}

/**
 * Plain-text answers written in one go: Express's `res.send` would hash the body for an ETag
 * and write headers and body separately. The text may echo the caller's input (the
 * challenge): never let a browser sniff it into HTML.
 */
function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Express's `req.ip` honours the host's `trust proxy` setting; outside Express, the peer. */
function clientIp(req: ParsedRequest): string | undefined {
  return req.ip ?? req.socket.remoteAddress;
}

function storedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = header(req, name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** Compares digests so neither the length nor a common prefix of a configured token leaks through timing. */
function matchesAny(candidate: string, tokens: string[]): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const received = digest(candidate);
  let matched = false;
  for (const token of tokens) if (timingSafeEqual(digest(token), received)) matched = true;
  return matched;
}

import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { verifySignature } from '../domain/webhook-signature.js';
import type { PluginContext } from '../plugin-context.js';
import { decodeWebhookBody } from './decode-webhook-body.js';
import { WebhookEventWriter, type WebhookEventWriterOptions } from './webhook-event-writer.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** Meta's documented maximum payload is about 3 MB. */
const WEBHOOK_BODY_LIMIT = '3mb';

/** Request headers kept with each event: enough to audit a delivery, nothing that identifies our users. */
const STORED_HEADERS = ['content-type', 'user-agent', 'x-hub-signature-256'] as const;

export interface WebhookRouterOptions {
  /** Pass one to read the counters (metrics endpoint); otherwise the router keeps its own. */
  metrics?: WebhookMetrics;
  /** Tuning of the batched writes (defaults suit one PostgreSQL shared with the rest of the app). */
  writer?: WebhookEventWriterOptions;
}

/**
 * Meta's callback: the verification handshake (GET) and signed deliveries (POST).
 *
 * Mount it at `/webhooks/whatsapp` BEFORE any global body parser: it reads the raw bytes
 * itself, because the signature is over those bytes and a re-serialised body does not verify.
 * The ack path only verifies, stores and enqueues; the processor job does the rest.
 */
export function createWebhookRouter(context: PluginContext, options: WebhookRouterOptions = {}): express.Router {
  const metrics = options.metrics ?? new WebhookMetrics();
  const { logger } = context;
  const writer = new WebhookEventWriter(context.dataSource, context.jobs, options.writer);
  const router = express.Router();

  const handshake: RequestHandler = async (req, res) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const mode = query.get('hub.mode');
    const token = query.get('hub.verify_token');
    const challenge = query.get('hub.challenge');
    const reject = () => {
      metrics.count('handshakeRejected');
      logger.warn('webhook handshake rejected', { mode, hasToken: !!token, hasChallenge: !!challenge, ip: req.ip });
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

  const receive: RequestHandler = async (req, res) => {
    if (!Buffer.isBuffer(req.body) && (req as Request & { _body?: boolean })._body) {
      // Another parser consumed the stream first: the original bytes, hence the signature, are gone.
      metrics.count('misconfigured');
      logger.error('webhook body was parsed before the webhook router: mount the router before express.json() and other body parsers');
      answer(res, 500, 'webhook route misconfigured');
      return;
    }
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-hub-signature-256');

    let appSecrets: string[];
    try {
      appSecrets = await context.accounts.appSecrets();
    } catch (error) {
      metrics.count('storeFailed');
      logger.error('webhook: cannot read the app secrets', { error: String(error) });
      answer(res, 500, 'cannot verify now');
      return;
    }
    if (!verifySignature(rawBody, signature, appSecrets)) {
      const reason = signature ? 'signatureInvalid' : 'signatureMissing';
      metrics.count(reason);
      logger.warn('webhook delivery refused: bad signature', {
        reason,
        configuredSecrets: appSecrets.length,
        bytes: rawBody.length,
        ip: req.ip,
        userAgent: req.get('user-agent'),
      });
      answer(res, 401, 'invalid signature');
      return;
    }

    const { storedText, unparseableReason } = decodeWebhookBody(rawBody);
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
      answer(res, 500, 'not stored');
      return;
    }
    answer(res, 200, 'OK');
  };

  const bodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string; message?: string }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    metrics.count(status === 413 ? 'tooLarge' : status < 500 ? 'badRequest' : 'storeFailed');
    logger.warn('webhook delivery refused while reading the body', { status, type: error.type });
    answer(res, status, status === 413 ? 'payload too large' : 'bad request');
  };

  router.get('/', handshake);
  // `type: () => true`: read every body whatever its Content-Type; the signature decides.
  router.post('/', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), receive);
  router.use(bodyErrors);
  return router;
}

/**
 * Plain-text answers written in one go: `res.send` would hash the body for an ETag and write
 * headers and body as two packets, which costs more than the rest of the ack path. The text
 * may echo the caller's input (the challenge): never let a browser sniff it into HTML.
 */
function answer(res: Response, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function storedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = req.get(name);
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

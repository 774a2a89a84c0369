import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { reserveSendSlot } from '../delivery/send-rate-limiter.js';
import { sendError } from './api-errors.js';
import { principalOf } from './api-authentication.js';

/**
 * Per token, in PostgreSQL (so every web process counts together): a token bucket of
 * `requests_per_minute`, with bursts of a tenth of a minute's worth. Past it: 429 and
 * `Retry-After`, the seconds until the next request is allowed.
 */
export function apiRateLimit(dataSource: DataSource): RequestHandler {
  return (req, res, next) => {
    const principal = principalOf(req);
    const perMinute = principal.requestsPerMinute;
    const limit = { key: `api:${principal.tokenId}`, intervalMs: 60_000 / perMinute, burst: Math.max(1, Math.ceil(perMinute / 10)) };
    reserveSendSlot(dataSource, limit, 0).then((slot) => {
      res.setHeader('RateLimit-Policy', `${perMinute};w=60`);
      if (slot.granted) return next();
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(slot.waitMs / 1000))));
      sendError(res, 429, 'rate-limited', 'integrations.api.rateLimited', { perMinute });
    }, next);
  };
}

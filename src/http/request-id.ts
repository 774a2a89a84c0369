import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * Gives every request an id, sent back as `X-Request-Id`: what a user quotes from an error page
 * and what the server's log line of that error carries, so the two meet without the page
 * showing anything of the failure itself.
 */
export const assignRequestId: RequestHandler = (_req, res, next) => {
  requestIdOf(res);
  next();
};

export function requestIdOf(res: Response): string {
  const locals = res.locals as { requestId?: string };
  if (!locals.requestId) {
    locals.requestId = randomBytes(9).toString('base64url');
    if (!res.headersSent) res.set('X-Request-Id', locals.requestId);
  }
  return locals.requestId;
}

import type { Request, RequestHandler } from 'express';
import { visitorLanguage } from '../i18n/server-translator.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that do not come from the app's own origin (CSRF defence
 * on top of SameSite cookies). Browsers send `Origin` on every POST; a missing Origin falls
 * back to Referer, and a request with neither is refused.
 */
export function requireSameOrigin(options: { publicUrl?: string } = {}): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || isSameOrigin(req, options.publicUrl)) return next();
    res.status(403).type('text/plain').send(visitorLanguage(req.headers['accept-language']).t('login.crossOrigin'));
  };
}

/** Whether a request comes from the app's own origin: `Origin`, else the `Referer`'s. */
export function isSameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const expected = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host')}`;
  const origin = req.get('origin') ?? originOf(req.get('referer'));
  return origin === expected;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

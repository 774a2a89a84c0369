import { isApiPath } from './api-path.js';
import type { Request, RequestHandler } from 'express';
import { visitorLanguage } from '../i18n/server-translator.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that do not come from the app's own origin (CSRF defence
 * on top of SameSite cookies). Browsers send `Origin` on every POST; a missing Origin falls
 * back to Referer, and a request with neither is refused.
 *
 * The app's origin is `publicUrl` when given. Without it, never the Host header (any client
 * chooses it: `Host: evil.example` with `Origin: http://evil.example` would pass), but the
 * address and port the request actually arrived on, and `localhost` when that is a loopback
 * address: what a browser on this machine or on the network reaches the server by. Behind a
 * proxy or under a domain name, set `publicUrl`.
 */
export function requireSameOrigin(options: { publicUrl?: string } = {}): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || isApiPath(req.path) || isSameOrigin(req, options.publicUrl)) return next();
    res.status(403).type('text/plain').send(visitorLanguage(req.headers['accept-language']).t('login.crossOrigin'));
  };
}

/** Whether a request comes from the app's own origin (see requireSameOrigin): `Origin`, else the `Referer`'s. */
export function isSameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const origin = req.get('origin') ?? originOf(req.get('referer'));
  return origin !== undefined && (publicUrl ? [new URL(publicUrl).origin] : listeningOrigins(req)).includes(origin);
}

function listeningOrigins(req: Request): string[] {
  const { localAddress, localPort } = req.socket;
  if (!localAddress || !localPort) return [];
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  const address = localAddress.replace(/^::ffff:/, '');
  const hosts = [address.includes(':') ? `[${address}]` : address];
  if (address === '::1' || address.startsWith('127.')) hosts.push('localhost');
  return hosts.map((host) => new URL(`${scheme}://${host}:${localPort}`).origin);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

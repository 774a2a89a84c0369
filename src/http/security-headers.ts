import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { isAdminJsLayout, withScriptNonce } from './adminjs-layout.js';
import { withLocalFonts } from './local-fonts.js';

/**
 * The headers a back office sends on every answer. Scripts run only from the app itself or
 * with this response's nonce (AdminJS's two inline scripts get it, see adminjs-layout.ts);
 * styles may be inline because AdminJS's components (styled-components) write `<style>` tags
 * at run time; fonts come from the back office itself (local-fonts.ts). Nothing may frame
 * the back office, and no other site learns its URLs through Referer.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const securityHeaders: RequestHandler = (req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.set({
    'Content-Security-Policy': contentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  });
  if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000');
  const send = res.send.bind(res);
  res.send = (body?: unknown) => send(typeof body === 'string' && isAdminJsLayout(body) ? withScriptNonce(withLocalFonts(body), nonce) : body);
  next();
};

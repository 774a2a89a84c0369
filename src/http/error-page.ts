import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from '../config/logger.js';
import escapeHtml from 'escape-html';
import { directionOf } from '../i18n/text-direction.js';
import { visitorLanguage } from '../i18n/server-translator.js';
import { requestIdOf } from './request-id.js';

/** formidable (AdminJS's body parser) says a multipart or urlencoded body broke its limits in words only. */
const FORMIDABLE_LIMIT = /^max\w* exceeded/;

/**
 * The last error handler of the app: the visitor gets a clear message in his language and the
 * request's id, never a stack trace, a file path or a driver's message (signed in or not: a 500
 * tells an attacker what runs and where); the log gets everything, under the same id.
 * API calls (AdminJS's `/api/`, JSON clients) get JSON, browsers a small page.
 */
export function errorPage(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // formidable reports one failure to both of its error listeners: answer it once.
    if ((res.locals as { answeredError?: unknown }).answeredError === error) return;
    if (res.headersSent) return next(error);
    (res.locals as { answeredError?: unknown }).answeredError = error;
    const status = statusOf(error);
    const requestId = requestIdOf(res);
    const details = { requestId, status, method: req.method, path: req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    if (status >= 500) logger.error('request failed', details);
    else logger.warn('request refused', { ...details, error: error instanceof Error ? error.message : String(error) });

    const page = visitorLanguage(req.headers['accept-language']);
    const key = status === 413 ? 'httpErrors.tooLarge' : status === 411 ? 'httpErrors.lengthRequired' : status < 500 ? 'httpErrors.badRequest' : 'httpErrors.failed';
    const message = page.t(key);
    const reference = page.t('httpErrors.reference', { id: requestId });
    res.status(status);
    if (wantsJson(req)) return res.json({ error: key, message, requestId });
    res.type('html').send(`<!doctype html>
<html lang="${page.language}" dir="${directionOf(page.language)}"><head><meta charset="utf-8"><title>${escapeHtml(page.t('httpErrors.title'))}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;line-height:1.5">
<h1 style="font-size:1.3rem">${escapeHtml(message)}</h1><p>${escapeHtml(reference)}</p></body></html>`);
  };
}

function statusOf(error: unknown): number {
  const given = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof given === 'number' && given >= 400 && given < 500) return given;
  if (error instanceof Error && FORMIDABLE_LIMIT.test(error.message)) return 413;
  return 500;
}

function wantsJson(req: Request): boolean {
  return req.originalUrl.includes('/api/') || req.accepts(['html', 'json']) === 'json';
}

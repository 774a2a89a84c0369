import type { ErrorRequestHandler, Response } from 'express';
import { Refusal } from '../domain/refusal.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { visitorLanguage } from '../i18n/server-translator.js';

/** The API's one error shape: a stable `code` for programs and a `message` for people (in the request's Accept-Language). */
export interface ApiError {
  error: { code: string; message: string; details?: readonly string[] };
}

export function sendError(res: Response, status: number, code: string, key: string, params: Record<string, unknown> = {}, details?: readonly string[]): void {
  const { t } = visitorLanguage(res.req.get('accept-language'));
  const body: ApiError = { error: { code, message: t(key, params) as string, ...(details?.length ? { details } : {}) } };
  res.status(status).json(body);
}

const NOT_FOUND = new Set(['conversation-not-found', 'not-visible', 'message-not-found', 'template-not-found', 'not-found']);
const FORBIDDEN = new Set(['not-allowed', 'taken-by-another']);

/**
 * Refusals become 404 (what the token may not see is as absent as what does not exist), 403
 * (seen but not allowed) or 422 (understood, and not allowed now: the 24-hour window, a template
 * not approved…). Anything else is a 500 without details; the log has them.
 */
export function apiErrors(log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof Refusal) {
      const status = NOT_FOUND.has(error.reason) ? 404 : FORBIDDEN.has(error.reason) ? 403 : 422;
      const details = error instanceof OutboundRefusal ? [...error.problems, ...error.parameterProblems.map((p) => `${p.slot || 'template'}: ${p.code}`)] : [];
      return sendError(res, status, error.reason, error.key, { ...error.params, problems: details.join('; ') }, details);
    }
    const parseError = error as { type?: string; status?: number };
    if (parseError.type === 'entity.parse.failed') return sendError(res, 400, 'invalid-json', 'integrations.api.invalidJson');
    if (parseError.type === 'entity.too.large') return sendError(res, 413, 'too-large', 'integrations.api.tooLarge');
    log(error);
    sendError(res, 500, 'internal', 'integrations.api.internal');
  };
}

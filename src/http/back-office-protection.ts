import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../config/logger.js';
import { DEFAULT_BODY_LIMITS, formidableOptions, limitBodies, type BodyLimits } from './body-limits.js';
import { errorPage } from './error-page.js';
import { assignRequestId } from './request-id.js';
import { requireSameOrigin } from './same-origin.js';
import { securityHeaders } from './security-headers.js';

export interface BackOfficeProtectionOptions {
  /** The public origin (https://crm.example.com): the only origin allowed to change state. */
  publicUrl?: string;
  /** Request body limits of the admin routes. Default 1 MB and 1,000 fields. */
  bodyLimits?: Partial<BodyLimits>;
}

/**
 * What a back office needs whatever login the host uses. Mount, in this order:
 * `headers` first on the app; `sameOrigin` and `bodyLimits` on the back office's path before its
 * routes (AdminJS's router, the live and media routes, your login); `formidableOptions` as
 * `AdminJSExpress.buildRouter(admin, undefined, formidableOptions)`; `errors` last on the app and
 * last on AdminJS's router (express-formidable reports a refused body twice: the router's own
 * handler answers it and absorbs the repeat, which would otherwise reach Express's default handler).
 */
export interface BackOfficeProtection {
  /** A request id (`X-Request-Id`), the security headers, and a per-response nonce on AdminJS's inline scripts. */
  headers: RequestHandler;
  /** Refuses state-changing requests from any origin but the app's own (403). */
  sameOrigin: RequestHandler;
  /** Refuses bodies over the size or field limits (413) before they are parsed. */
  bodyLimits: RequestHandler;
  /** The same limits for AdminJS's multipart parser. */
  formidableOptions: ReturnType<typeof formidableOptions>;
  /** Answers errors with a clear message and the request id; the details go to the log only. */
  errors: ErrorRequestHandler;
}

export function createBackOfficeProtection(logger: Logger, options: BackOfficeProtectionOptions = {}): BackOfficeProtection {
  if (!options.publicUrl && process.env.NODE_ENV === 'production') {
    logger.warn(
      '*** PUBLIC_URL is not set: state-changing requests are accepted only from the address the server is reached on ' +
        '(localhost, its IP). Behind a proxy or a domain name every form is refused, and session cookies are not marked Secure. ' +
        'Set PUBLIC_URL (publicUrl) to the https origin users type. ***',
    );
  }
  const limits = { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits };
  return {
    headers: (req, res, next) => assignRequestId(req, res, () => securityHeaders(req, res, next)),
    sameOrigin: requireSameOrigin({ publicUrl: options.publicUrl }),
    bodyLimits: limitBodies(limits),
    formidableOptions: formidableOptions(limits),
    errors: errorPage(logger),
  };
}

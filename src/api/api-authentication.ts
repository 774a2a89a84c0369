import type { Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { authenticateApiToken, type ApiPrincipal } from '../integrations/api-tokens.js';
import { sendError } from './api-errors.js';

const PRINCIPAL = Symbol('adminjs-whatsapp.api-principal');

/**
 * Bearer tokens only: a session cookie, whoever it belongs to, opens nothing here (and, with no
 * cookie counted, there is nothing for another site to forge: no CSRF).
 */
export function requireApiToken(dataSource: DataSource): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const refuse = () => {
      res.setHeader('WWW-Authenticate', 'Bearer realm="whatsapp"');
      sendError(res, 401, 'unauthorized', 'integrations.api.unauthorized');
    };
    if (!match) return refuse();
    authenticateApiToken(dataSource, match[1]!).then((principal) => {
      if (!principal) return refuse();
      (req as Request & { [PRINCIPAL]?: ApiPrincipal })[PRINCIPAL] = principal;
      next();
    }, next);
  };
}

export function principalOf(req: Request): ApiPrincipal {
  const principal = (req as Request & { [PRINCIPAL]?: ApiPrincipal })[PRINCIPAL];
  if (!principal) throw new Error('no API principal on this request: requireApiToken must run first');
  return principal;
}

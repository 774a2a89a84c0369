import express, { type Request, type RequestHandler, type Router } from 'express';
import { signedInAgent, type AgentLoader } from '../agents/signed-in-agent.js';
import { API_PATH } from '../http/api-path.js';
import { FONTS_PATH, localFontsRouter } from '../http/local-fonts.js';
import { ATTACHMENT_UPLOADS_PATH } from '../http/body-limits.js';
import { isSameOrigin } from '../http/same-origin.js';
import { visitorLanguage } from '../i18n/server-translator.js';
import { markOriginChecked } from './request-check.js';
import { ASSISTANT_ROUTES_PATH } from './assistant-routes.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AdminRoutesParts {
  agents: AgentLoader;
  /** The public origin(s) the back office is served from (see `publicUrl`). */
  publicUrl?: string;
  /** Resource ids of the plugin: a cross-origin change to them is refused here. */
  resourceIds: readonly string[];
  live: Router;
  media: Router;
  uploads: Router;
  /** The REST API, served at API_PATH before anything reads the session: bearer tokens only. */
  api: Router;
  broadcasts: Router;
  reports: Router;
  /** The AI assistant's JSON API for its screens. */
  assistant: Router;
}

/** The agent this request was loaded for (by the admin routes), if any. */
export function agentOfRequest(req: Request): ReturnType<typeof signedInAgent> {
  return signedInAgent((req.session as { adminUser?: unknown } | undefined)?.adminUser);
}

/**
 * What the host mounts at AdminJS's root path, after its own session and login and before
 * AdminJS's router: it loads the signed-in agent (the host's `req.session.adminUser`, read the way
 * AdminJS reads it), checks the origin of every state change aimed at the plugin, and serves the
 * live updates, media files and attachment uploads the plugin's screens use. The host's own resources and routes are
 * left as they are.
 */
export function createAdminRoutes(parts: AdminRoutesParts): Router {
  const router = express.Router();
  const ownPaths = new RegExp(`^/(whatsapp/|api/resources/(${parts.resourceIds.map(escapeRegExp).join('|')})/)`);
  const loadAgent: RequestHandler = (req, _res, next) => {
    const admin = (req.session as { adminUser?: unknown } | undefined)?.adminUser;
    parts.agents.load(admin, req.get('accept-language')).then(() => next(), next);
  };
  const checkOrigin: RequestHandler = (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (isSameOrigin(req, parts.publicUrl)) {
      markOriginChecked(req);
      return next();
    }
    if (!ownPaths.test(req.path)) return next();
    res.status(403).type('text/plain').send(visitorLanguage(req.get('accept-language')).t('login.crossOrigin'));
  };
  router.use(API_PATH, parts.api);
  router.use(loadAgent, checkOrigin);
  router.use('/whatsapp/live', parts.live);
  router.use('/whatsapp/media', parts.media);
  router.use('/whatsapp/broadcasts', parts.broadcasts);
  router.use(ASSISTANT_ROUTES_PATH, parts.assistant);
  router.use(FONTS_PATH, localFontsRouter());
  router.use(ATTACHMENT_UPLOADS_PATH, parts.uploads);
  router.use('/whatsapp/reports', parts.reports);
  return router;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import AdminJSExpress from '@adminjs/express';
import express, { type Router } from 'express';
import session from 'express-session';

export type BuildAuthenticatedRouter = typeof AdminJSExpress.buildAuthenticatedRouter;

/**
 * `@adminjs/express`'s `buildAuthenticatedRouter`, with the plugin's admin routes inside. That
 * router installs its session middleware on the router it builds, after anything put there
 * before; so the same session middleware (same options, same cookie) goes first here, the admin
 * routes read the session from it, and AdminJS's own finds `req.session` already set and steps
 * aside (express-session does nothing when a session is there). One session, read the way
 * AdminJS reads it.
 */
export function buildAuthenticatedRouterWith(adminRoutes: Router): BuildAuthenticatedRouter {
  return (admin, auth, predefinedRouter, sessionOptions, formidableOptions) => {
    const router = predefinedRouter ?? express.Router();
    router.use(session({ ...sessionOptions, secret: auth.cookiePassword, name: auth.cookieName || 'adminjs' }));
    router.use(adminRoutes);
    return AdminJSExpress.buildAuthenticatedRouter(admin, auth, router, sessionOptions, formidableOptions);
  };
}

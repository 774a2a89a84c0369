import connectPgSimple from 'connect-pg-simple';
import express, { type RequestHandler, type Router } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import pg from 'pg';
import type { ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { ensureFirstAdmin, type FirstAdminResult } from './first-admin.js';
import { AdminUser } from '../entities/admin-user.entity.js';
import { DEFAULT_THROTTLE, LoginThrottle, type LoginAttempt, type ThrottleLimits } from './login-throttle.js';
import { renderLoginPage, renderLogoutPage } from './login-page.js';
import { visitorLanguage } from '../i18n/server-translator.js';
import { verifyAgainstNothing, verifyPassword } from './password-hasher.js';
import { requireSameOrigin } from '../http/same-origin.js';

/**
 * What AdminJS sees as `currentAdmin`: AdminJS's conventional fields, which the plugin reads to
 * know the agent (like any host's user, by its id).
 */
export interface SignedInAdmin {
  id: string;
  email: string;
  title: string;
  role: AdminUser['role'];
}

export interface BackOfficeAuthOptions {
  /** Connection for the session store (the same database). */
  databaseUrl: string;
  sessionSecret: string | string[];
  /** Where the back office lives, e.g. /admin. Login and logout are served under it. */
  rootPath: string;
  /** The public origin (https://crm.example.com): used for the same-origin check and Secure cookies. */
  publicUrl?: string;
  /** Idle time after which a session ends. Default 8 hours. */
  sessionIdleSeconds?: number;
  throttle?: ThrottleLimits;
}

export interface BackOfficeAuth {
  /**
   * Mount once on the app, before the AdminJS router: sessions, same-origin check, login and
   * logout, and the plugin's admin routes (live updates, media).
   */
  router: Router;
  /** Guards the AdminJS router: redirects to the login page whoever is not signed in. */
  requireAdmin: RequestHandler;
  /** The login's users ("Agents and managers": accounts, passwords, roles): add to AdminJS's resources. */
  resources: ResourceWithOptions[];
  /** Creates the first super-admin when there is none. */
  ensureFirstAdmin(given: { email?: string; password?: string }): Promise<FirstAdminResult>;
  loginPath: string;
  logoutPath: string;
  /** Closes the session store's connections. */
  close(): Promise<void>;
}


/**
 * Passport-local login for the back office. Sessions live in PostgreSQL, are regenerated on
 * login (passport 0.7 does it in req.login) and destroyed on logout; cookies are HttpOnly,
 * SameSite=Lax and Secure over HTTPS; an inactive admin is signed out on the next request.
 */
export function createBackOfficeAuth(
  dataSource: DataSource,
  options: BackOfficeAuthOptions,
  resources: ResourceWithOptions[],
  adminRoutes: RequestHandler,
): BackOfficeAuth {
  const loginPath = `${options.rootPath}/login`;
  const logoutPath = `${options.rootPath}/logout`;
  const throttle = new LoginThrottle(dataSource, options.throttle ?? DEFAULT_THROTTLE);
  const users = dataSource.getRepository(AdminUser);
  const authenticator = new passport.Passport();

  authenticator.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      users
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email: email.trim().toLowerCase() })
        .getOne()
        .then(async (user) => {
          const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
          done(null, ok && user?.isActive ? toSignedIn(user) : false);
        }, done);
    }),
  );
  authenticator.serializeUser((user, done) => done(null, (user as SignedInAdmin).id));
  authenticator.deserializeUser((id: string, done) => {
    users
      .findOneBy({ id })
      .then((user) => done(null, user?.isActive ? toSignedIn(user) : false), done);
  });

  const PgStore = connectPgSimple(session);
  const sessionPool = new pg.Pool({ connectionString: options.databaseUrl, max: 3 });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  sessionPool.on('error', () => undefined);
  const secure = options.publicUrl?.startsWith('https://') ?? false;
  const store = new PgStore({ pool: sessionPool, tableName: 'whatsapp_sessions', createTableIfMissing: false });
  const router = express.Router();
  router.use(
    session({
      name: 'awp.sid',
      secret: options.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      proxy: secure ? true : undefined,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: secure ? true : 'auto',
        maxAge: (options.sessionIdleSeconds ?? 8 * 3600) * 1000,
        path: '/',
      },
    }),
  );
  router.use(authenticator.initialize());
  router.use(authenticator.session());
  router.use(options.rootPath, requireSameOrigin({ publicUrl: options.publicUrl }));

  router.get(loginPath, (req, res) => {
    if (req.user) return res.redirect(options.rootPath);
    res.type('html').send(renderLoginPage(visitorLanguage(req.headers['accept-language']), { action: loginPath }));
  });

  router.post(loginPath, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res, next) => {
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const ip = req.ip ?? 'unknown';
    const page = visitorLanguage(req.headers['accept-language']);
    let attempt: LoginAttempt;
    try {
      attempt = await throttle.begin(email, ip);
    } catch (error) {
      return next(error);
    }
    if (!attempt.allowed) {
      res.set('Retry-After', String(attempt.retryAfter));
      return res.status(429).type('html').send(
        renderLoginPage(page, { action: loginPath, email, error: page.t('login.throttled', { count: Math.ceil(attempt.retryAfter / 60) }) }),
      );
    }
    const { settle } = attempt;
    const fail = (error: unknown) => settle('abandoned').then(() => next(error), next);
    authenticator.authenticate('local', (error: unknown, user: SignedInAdmin | false) => {
      if (error) return fail(error);
      if (!user) {
        return settle('failure').then(
          () => res.status(401).type('html').send(renderLoginPage(page, { action: loginPath, email, error: page.t('login.failed') })),
          next,
        );
      }
      req.login(user, (loginError) => {
        if (loginError) return fail(loginError);
        settle('success').then(() => res.redirect(303, options.rootPath), next);
      });
    })(req, res, next);
  });

  // AdminJS's "log out" is a link (GET); signing out changes state, so it only happens on POST.
  router.get(logoutPath, (req, res) => res.type('html').send(renderLogoutPage(visitorLanguage(req.headers['accept-language']), logoutPath)));
  router.post(logoutPath, (req, res, next) => {
    req.logout((error) => {
      if (error) return next(error);
      req.session.destroy((destroyError) => {
        if (destroyError) return next(destroyError);
        res.clearCookie('awp.sid', { path: '/' });
        res.redirect(303, loginPath);
      });
    });
  });

  // @adminjs/express reads the admin from req.session.adminUser. A non-enumerable getter keeps it
  // out of the stored session: the source of truth stays the database row.
  router.use(options.rootPath, (req, _res, next) => {
    if (req.user) Object.defineProperty(req.session, 'adminUser', { get: () => req.user, enumerable: false, configurable: true });
    next();
  });
  // The plugin's own routes and checks, behind the same session.
  router.use(options.rootPath, adminRoutes);

  const requireAdmin: RequestHandler = (req, res, next) => {
    if (req.user) return next();
    if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') return res.redirect(loginPath);
    res.status(401).json({ error: 'unauthenticated' });
  };

  return {
    router,
    requireAdmin,
    resources,
    ensureFirstAdmin: (given) => ensureFirstAdmin(dataSource, given),
    loginPath,
    logoutPath,
    // The store's prune timer first: left running, it queries the ended pool and logs an error.
    close: async () => {
      await store.close();
      await sessionPool.end();
    },
  };
}

function toSignedIn(user: AdminUser): SignedInAdmin {
  return { id: user.id, email: user.email, title: user.name, role: user.role };
}

/** Ends every session of an admin (on deactivation or password change). */
export async function endSessionsOf(dataSource: DataSource, adminId: string): Promise<void> {
  await dataSource.query(`DELETE FROM whatsapp_sessions WHERE sess->'passport'->>'user' = $1`, [adminId]);
}

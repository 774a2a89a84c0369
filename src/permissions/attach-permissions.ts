import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { loadPermissions } from './load-permissions.js';

/**
 * For a host CRM with its own login: put this after your authentication and before the AdminJS
 * router (and the plugin's live and media routes). It reads the admin your login stored in
 * `req.session.adminUser` (`id`, `role`) and adds its WhatsApp permissions, loaded on every
 * request, so a revocation applies at the next click. The copy your session store keeps is only
 * a cache: it is replaced on the next request.
 */
export function attachPermissions(dataSource: DataSource): RequestHandler {
  return (req, _res, next) => {
    const session = req.session as unknown as { adminUser?: { id?: string; role?: string; permissions?: unknown } } | undefined;
    const admin = session?.adminUser;
    if (!session || !admin?.id) return next();
    loadPermissions(dataSource, { id: admin.id, role: admin.role }).then((permissions) => {
      session.adminUser = { ...admin, permissions };
      next();
    }, next);
  };
}

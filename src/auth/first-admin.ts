import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from './password-hasher.js';
import { syncAgent } from '../agents/sync-agent.js';
import { AdminUser } from '../entities/admin-user.entity.js';

export type FirstAdminResult =
  | { created: false }
  | { created: true; email: string; generatedPassword?: string };

/**
 * Creates the first super-admin when there is no admin at all, from the given email and
 * password, or with a generated password the caller shows once. Safe to call on every start
 * and from several processes (the unique email and the emptiness check share a lock).
 */
export async function ensureFirstAdmin(dataSource: DataSource, given: { email?: string; password?: string }): Promise<FirstAdminResult> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('adminjs-whatsapp:first-admin'))`);
    if ((await manager.count(AdminUser)) > 0) return { created: false };
    const email = (given.email ?? 'admin@example.com').trim().toLowerCase();
    const generatedPassword = given.password ? undefined : randomBytes(15).toString('base64url');
    const { identifiers } = await manager.insert(AdminUser, {
      email,
      name: 'Administrator',
      role: 'super_admin',
      isActive: true,
      passwordHash: await hashPassword(given.password ?? generatedPassword!),
    });
    // Ready to grant and be assigned before the first sign-in.
    await syncAgent(manager, { id: String(identifiers[0]!.id), name: 'Administrator', email, role: 'super_admin' });
    return { created: true, email, generatedPassword };
  });
}

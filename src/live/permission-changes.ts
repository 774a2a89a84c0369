import type { EntityManager } from 'typeorm';

/** The channel on which grants and revocations are announced, so open live streams apply them at once. */
export const PERMISSIONS_CHANNEL = 'whatsapp_permissions';

export interface PermissionsChanged {
  adminId: string;
}

/** Announces that an admin's permissions changed; inside a transaction, delivered on commit only. */
export async function notifyPermissionsChanged(manager: Pick<EntityManager, 'query'>, adminId: string): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [PERMISSIONS_CHANNEL, JSON.stringify({ adminId } satisfies PermissionsChanged)]);
}

import type { DataSource, EntityManager } from 'typeorm';
import { notifyPermissionsChanged } from '../db/notify.js';

/**
 * For a user the host removed or disabled: the agent keeps its history (messages sent,
 * assignments in the audit trail) but holds nothing, cannot be assigned, and its open live
 * streams end at once.
 */
export async function deactivateAgent(db: DataSource | EntityManager, agentId: string): Promise<void> {
  const changed: unknown[] = await db.query(
    `UPDATE whatsapp_agents SET is_active = false, updated_at = now() WHERE id = $1 AND is_active RETURNING id`,
    [agentId],
  );
  if (changed.length > 0) await notifyPermissionsChanged(db, agentId);
}

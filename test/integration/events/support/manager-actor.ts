import type { DataSource } from 'typeorm';
import { snapshotOf, type InboxActor } from '../../../../src/permissions/permission-snapshot.js';

/** An agent row with a role and the actor the use cases see for it. */
export async function agentActor(dataSource: DataSource, id: string, role: 'super_admin' | 'manager' | 'agent' = 'manager'): Promise<InboxActor> {
  await dataSource.query(`INSERT INTO whatsapp_agents (id, name, role) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [id, `Agent ${id}`, role]);
  return { id, role, permissions: snapshotOf(role, []) };
}

import type { Queryable } from '../../db/sql.js';
import { canSeeConversation } from '../../permissions/permission-snapshot.js';
import { activeAdmins } from '../active-agents.js';

export interface Mentionable {
  id: string;
  name: string;
}

/** Who a note in this conversation can @mention: the active agents who may see it (the same rule as opening it). */
export async function mentionableAgents(db: Queryable, conversation: { accountId: string; assigneeId: string | null }): Promise<Mentionable[]> {
  const admins = await activeAdmins(db);
  return admins.filter((admin) => canSeeConversation(admin.actor, conversation)).map(({ id, name }) => ({ id, name }));
}

import type { EntityManager } from 'typeorm';
import { isAgentId } from '../domain/agent-role.js';
import { isUuid } from '../domain/uuid.js';
import { queryRows, type Queryable } from '../db/sql.js';
import { holds } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { activeAdmins } from './active-agents.js';
import { WorkflowRefusal } from './workflow-refusal.js';

export interface Assignee {
  id: string;
  name: string;
  email: string;
}

/** Who may be given conversations of these numbers: active admins who may answer on one of them. */
export async function assigneesFor(db: Queryable, accountIds: readonly string[]): Promise<Assignee[]> {
  const admins = await activeAdmins(db);
  return admins
    .filter((admin) => accountIds.some((accountId) => holds(admin.actor, 'inbox.reply', accountId)))
    .map(({ id, name, email }) => ({ id, name, email }));
}

/** Who a conversation may be assigned to: active admins who hold `inbox.reply` for its number. */
export async function eligibleAssignees(context: PluginContext, conversationId: string): Promise<Assignee[]> {
  const rows = isUuid(conversationId)
    ? await queryRows<{ accountId: string }>(context.dataSource, `SELECT account_id AS "accountId" FROM whatsapp_conversations WHERE id = $1`, [
        conversationId,
      ])
    : [];
  return rows.length > 0 ? assigneesFor(context.dataSource, [rows[0]!.accountId]) : [];
}

/** Refuses an assignee who is unknown, inactive, or may not answer on the number. */
export async function requireEligibleAssignee(manager: EntityManager, assigneeId: string, accountId: string): Promise<void> {
  const [assignee] = isAgentId(assigneeId) ? await activeAdmins(manager, [assigneeId]) : [];
  if (!assignee || !holds(assignee.actor, 'inbox.reply', accountId)) throw WorkflowRefusal.of('assignee-not-eligible');
}

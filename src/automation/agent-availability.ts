import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows, type Queryable } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import { isAgentId } from '../domain/agent-role.js';
import { AVAILABILITIES, type Availability } from '../domain/automation-kinds.js';
import { recordAutomationEvent } from './automation-audit.js';
import { queueAssignment } from './auto-assignment.js';

export function isAvailability(value: unknown): value is Availability {
  return typeof value === 'string' && (AVAILABILITIES as readonly string[]).includes(value);
}

/** An agent's availability as others see it: `online` without activity for a while reads `away`. */
export const EFFECTIVE_AVAILABILITY = (agent: string, now: string, minutes: string) =>
  `CASE WHEN ${agent}.availability = 'online' AND (${agent}.last_seen_at IS NULL OR ${agent}.last_seen_at <= ${now}::timestamptz - make_interval(mins => ${minutes}))
        THEN 'away' ELSE ${agent}.availability END`;

export async function effectiveAvailability(context: PluginContext, db: Queryable, agentId: string): Promise<Availability | null> {
  const row = await queryOne<{ availability: Availability }>(
    db,
    `SELECT ${EFFECTIVE_AVAILABILITY('a', '$2', '$3')} AS availability FROM whatsapp_agents a WHERE a.id = $1`,
    [agentId, context.clock.now(), context.options.awayAfterMinutes],
  );
  return row?.availability ?? null;
}

/**
 * An agent says whether they take conversations. Online: the numbers that assign automatically
 * get a round at once. Offline: on the numbers that ask for it, the agent's open conversations go
 * back to the queue (audited) and are handed out again.
 */
export async function setAvailability(context: PluginContext, agentId: string, availability: Availability): Promise<{ givenBack: number }> {
  if (!isAgentId(agentId) || !isAvailability(availability)) return { givenBack: 0 };
  return inTransaction(context.dataSource, async (tx) => {
    await queryRows(
      tx.manager,
      `UPDATE whatsapp_agents SET availability = $2::text, availability_changed_at = now(), last_seen_at = CASE WHEN $2::text = 'online' THEN now() ELSE last_seen_at END
        WHERE id = $1`,
      [agentId, availability],
    );
    const assigning = await queryRows<{ accountId: string; giveBack: boolean }>(
      tx.manager,
      `SELECT account_id AS "accountId", give_back_when_offline AS "giveBack" FROM whatsapp_automation_settings WHERE assignment_mode <> 'off'`,
    );
    let givenBack = 0;
    if (availability === 'offline') {
      const numbers = assigning.filter((s) => s.giveBack).map((s) => s.accountId);
      const released = await queryRows<{ id: string; accountId: string }>(
        tx.manager,
        `UPDATE whatsapp_conversations SET assignee_id = NULL, updated_at = now()
          WHERE assignee_id = $1 AND status <> 'resolved' AND account_id = ANY($2::uuid[])
          RETURNING id, account_id AS "accountId"`,
        [agentId, numbers],
      );
      for (const conversation of released) {
        await recordAutomationEvent(tx.manager, conversation, 'unassigned', { previousAssigneeId: agentId, reason: 'agent-offline' });
      }
      givenBack = released.length;
      await queueAssignment(context, released.map((c) => c.accountId), tx.jobDb);
    } else if (availability === 'online') {
      await queueAssignment(context, assigning.map((s) => s.accountId), tx.jobDb);
    }
    return { givenBack };
  });
}

import type PgBoss from 'pg-boss';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { queryOne, queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { AssignmentMode } from '../domain/automation-kinds.js';
import { holds, snapshotOf } from '../permissions/permission-snapshot.js';
import { recordAutomationEvent } from './automation-audit.js';

/** The automation queue's job that hands out one number's waiting conversations. */
export interface AssignJobData {
  task: 'assign';
  accountId: string;
}

/** Queues a round of automatic assignment for each number (one waits per number, however many are asked for). */
export async function queueAssignment(context: Pick<PluginContext, 'jobs'>, accountIds: Iterable<string>, db?: PgBoss.Db): Promise<void> {
  for (const accountId of new Set(accountIds)) {
    await context.jobs.send(QUEUES.automation, { task: 'assign', accountId } satisfies AssignJobData, { singletonKey: `assign:${accountId}`, ...(db ? { db } : {}) });
  }
}

interface Candidate {
  id: string;
  role: string;
  grants: { permission: string; accountId: string | null }[];
  open: number;
  capacity: number;
}

/**
 * Gives one number's waiting conversations (open, nobody's, the customer wrote), oldest wait
 * first, to the agents who are online, active, hold `inbox.reply` on the number and are below
 * their capacity — in turn (round robin) or to whoever holds the fewest open conversations.
 *
 * One transaction that locks the number's settings row first: two workers assigning for one
 * number run one after the other, and each conversation is also updated only while still
 * unassigned, so none is ever assigned twice. Returns what was assigned.
 */
export async function assignWaitingConversations(context: PluginContext, accountId: string, now: Date = context.clock.now()): Promise<{ conversationId: string; agentId: string }[]> {
  return inTransaction(context.dataSource, async ({ manager }) => {
    const settings = await queryOne<{ mode: AssignmentMode; capacity: number; last: string | null }>(
      manager,
      `SELECT assignment_mode AS mode, assignment_capacity AS capacity, last_assigned_agent_id AS last
         FROM whatsapp_automation_settings WHERE account_id = $1 FOR UPDATE`,
      [accountId],
    );
    if (!settings || settings.mode === 'off') return [];
    const candidates = (
      await queryRows<Candidate>(
        manager,
        `SELECT a.id, a.role, coalesce(a.max_open_conversations, $1) AS capacity,
                (SELECT count(*) FROM whatsapp_conversations c WHERE c.assignee_id = a.id AND c.status <> 'resolved')::int AS open,
                COALESCE((SELECT json_agg(json_build_object('permission', g.permission, 'accountId', g.account_id))
                            FROM whatsapp_permission_grants g WHERE g.agent_id = a.id), '[]'::json) AS grants
           FROM whatsapp_agents a
          WHERE a.is_active AND a.availability = 'online' AND a.last_seen_at > $2::timestamptz - make_interval(mins => $3)
          ORDER BY a.id`,
        [settings.capacity, now, context.options.awayAfterMinutes],
      )
    ).filter((agent) => holds({ id: agent.id, role: agent.role, permissions: snapshotOf(agent.role, agent.grants) }, 'inbox.reply', accountId));
    if (candidates.length === 0) return [];
    const waiting = await queryRows<{ id: string }>(
      manager,
      `SELECT c.id FROM whatsapp_conversations c LEFT JOIN whatsapp_report_conversations f ON f.conversation_id = c.id
        WHERE c.account_id = $1 AND c.status = 'open' AND c.assignee_id IS NULL AND c.last_inbound_at IS NOT NULL
        ORDER BY coalesce(f.waiting_since, c.last_inbound_at), c.id
        LIMIT 200 FOR UPDATE OF c SKIP LOCKED`,
      [accountId],
    );
    const assigned: { conversationId: string; agentId: string }[] = [];
    let last = settings.last;
    for (const conversation of waiting) {
      const agent = pick(settings.mode, candidates, last);
      if (!agent) break;
      const updated = await queryRows<{ id: string }>(
        manager,
        `UPDATE whatsapp_conversations SET assignee_id = $2, updated_at = now() WHERE id = $1 AND assignee_id IS NULL RETURNING id`,
        [conversation.id, agent.id],
      );
      if (updated.length === 0) continue;
      await recordAutomationEvent(manager, { id: conversation.id, accountId }, 'assigned', { assigneeId: agent.id, previousAssigneeId: null, mode: settings.mode });
      agent.open += 1;
      last = agent.id;
      assigned.push({ conversationId: conversation.id, agentId: agent.id });
    }
    if (last !== settings.last) await queryRows(manager, `UPDATE whatsapp_automation_settings SET last_assigned_agent_id = $2 WHERE account_id = $1`, [accountId, last]);
    return assigned;
  });
}

/** The next agent below capacity: after the last one given a conversation (round robin), or the least busy (ties in turn). */
function pick(mode: AssignmentMode, candidates: Candidate[], last: string | null): Candidate | undefined {
  const start = last === null ? 0 : candidates.findIndex((c) => c.id > last);
  const inTurn = [...candidates.slice(start < 0 ? 0 : start), ...candidates.slice(0, start < 0 ? 0 : start)].filter((c) => c.open < c.capacity);
  if (mode === 'round_robin') return inTurn[0];
  return inTurn.reduce<Candidate | undefined>((best, c) => (best === undefined || c.open < best.open ? c : best), undefined);
}

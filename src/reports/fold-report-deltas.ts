import { inTransaction } from '../db/transaction.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { Queryable } from '../db/sql.js';
import type { DataSource } from 'typeorm';

/**
 * Walks the new messages into the conversation rollup (waiting state, first response) and the
 * agents' hours, then moves the traffic and cost deltas the triggers appended into
 * whatsapp_report_hours and whatsapp_report_costs, summed per hour,
 * number, assignee and label, and drops the rows that end at zero (a conversation moved away).
 * One folder at a time (an advisory lock), so two workers never add the same deltas twice;
 * readers add the deltas not folded yet, so a report is exact before and after.
 */
export async function foldReportDeltas(dataSource: DataSource): Promise<number> {
  return inTransaction(dataSource, async ({ manager }) => {
    const locked = await queryOne<{ locked: boolean }>(manager, `SELECT pg_try_advisory_xact_lock(hashtextextended('whatsapp:report-fold', 0)) AS locked`);
    if (!locked?.locked) return 0;
    await queryRows(manager, `SELECT whatsapp_report_fold_messages()`);
    return (await foldIn(manager)) + (await foldCosts(manager));
  });
}

/** The same for the cost deltas (whatsapp_report_cost_deltas → whatsapp_report_costs). */
async function foldCosts(db: Queryable): Promise<number> {
  const row = await queryOne<{ folded: number }>(
    db,
    `WITH moved AS (
       DELETE FROM whatsapp_report_cost_deltas RETURNING account_id, hour, category, currency, messages, charged, cost_micros
     ), summed AS (
       SELECT account_id, hour, category, currency, sum(messages)::int AS messages, sum(charged)::int AS charged, sum(cost_micros)::bigint AS cost_micros,
              count(*)::int AS deltas
         FROM moved GROUP BY 1, 2, 3, 4
     ), upserted AS (
       INSERT INTO whatsapp_report_costs AS r (account_id, hour, category, currency, messages, charged, cost_micros)
       SELECT account_id, hour, category, currency, messages, charged, cost_micros FROM summed
       ON CONFLICT (hour, account_id, category, currency) DO UPDATE
          SET messages = r.messages + EXCLUDED.messages, charged = r.charged + EXCLUDED.charged, cost_micros = r.cost_micros + EXCLUDED.cost_micros
       RETURNING r.hour, r.account_id, r.category, r.currency, (r.messages, r.charged, r.cost_micros) = (0, 0, 0) AS empty
     ), emptied AS (
       DELETE FROM whatsapp_report_costs c USING upserted u
        WHERE u.empty AND c.hour = u.hour AND c.account_id = u.account_id AND c.category = u.category AND c.currency = u.currency
     )
     SELECT coalesce(sum(deltas), 0)::int AS folded FROM summed`,
  );
  return row?.folded ?? 0;
}

async function foldIn(db: Queryable): Promise<number> {
  const row = await queryOne<{ folded: number }>(
    db,
    `WITH moved AS (
       DELETE FROM whatsapp_report_hour_deltas RETURNING account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies
     ), summed AS (
       SELECT account_id, hour, assignee_id, label, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
              sum(human_replies)::int AS human_replies, sum(automatic_replies)::int AS automatic_replies, count(*)::int AS deltas
         FROM moved GROUP BY 1, 2, 3, 4
     ), upserted AS (
       INSERT INTO whatsapp_report_hours AS r (account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies)
       SELECT account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies FROM summed
       ON CONFLICT (hour, account_id, assignee_id, label) DO UPDATE
          SET opened = r.opened + EXCLUDED.opened, resolved = r.resolved + EXCLUDED.resolved, inbound = r.inbound + EXCLUDED.inbound,
              human_replies = r.human_replies + EXCLUDED.human_replies, automatic_replies = r.automatic_replies + EXCLUDED.automatic_replies
       RETURNING r.hour, r.account_id, r.assignee_id, r.label, (r.opened, r.resolved, r.inbound, r.human_replies, r.automatic_replies) = (0, 0, 0, 0, 0) AS empty
     ), emptied AS (
       DELETE FROM whatsapp_report_hours h USING upserted u
        WHERE u.empty AND h.hour = u.hour AND h.account_id = u.account_id AND h.assignee_id = u.assignee_id AND h.label = u.label
     )
     SELECT coalesce(sum(deltas), 0)::int AS folded FROM summed`,
  );
  return row?.folded ?? 0;
}

import { inTransaction } from '../db/transaction.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { Queryable } from '../db/sql.js';
import type { DataSource } from 'typeorm';

/**
 * Walks the new messages into the conversation rollup (waiting state, first response) and the
 * agents' hours, then moves the traffic and cost deltas the triggers appended into
 * whatsapp_report_hours (per hour, number, assignee and label), whatsapp_report_number_hours
 * (the same, every assignee together) and whatsapp_report_costs, and drops the rows that end at
 * zero (a conversation moved away).
 * One folder at a time (an advisory lock), so two workers never add the same deltas twice;
 * readers add the deltas not folded yet, so a report is exact before and after.
 */
export async function foldReportDeltas(dataSource: DataSource): Promise<number> {
  return inTransaction(dataSource, async ({ manager }) => {
    if (!(await lockReportFolder(manager))) return 0;
    await queryRows(manager, `SELECT whatsapp_report_fold_messages()`);
    return (await foldIn(manager)) + (await foldCosts(manager));
  });
}

/** Whether this transaction is the one report folder at work (every fold takes this lock, released at its end). */
export async function lockReportFolder(db: Queryable): Promise<boolean> {
  const row = await queryOne<{ locked: boolean }>(db, `SELECT pg_try_advisory_xact_lock(hashtextextended('whatsapp:report-fold', 0)) AS locked`);
  return row?.locked === true;
}

/** The same for the cost deltas (whatsapp_report_cost_deltas → whatsapp_report_costs). */
async function foldCosts(db: Queryable): Promise<number> {
  const row = await queryOne<{ folded: number; emptied: unknown[] }>(
    db,
    `WITH moved AS (
       DELETE FROM whatsapp_report_cost_deltas RETURNING account_id, hour, category, currency, messages, charged, cost_micros
     ), summed AS (
       SELECT account_id, hour, category, currency, sum(messages)::int AS messages, sum(charged)::int AS charged, sum(cost_micros)::bigint AS cost_micros,
              count(*)::int AS deltas
         FROM moved GROUP BY 1, 2, 3, 4
     ), upserted AS (
       INSERT INTO whatsapp_report_costs AS r (account_id, hour, category, currency, messages, charged, cost_micros)
       SELECT account_id, hour, category, currency, messages, charged, cost_micros FROM summed WHERE (messages, charged, cost_micros) <> (0, 0, 0)
       ON CONFLICT (hour, account_id, category, currency) DO UPDATE
          SET messages = r.messages + EXCLUDED.messages, charged = r.charged + EXCLUDED.charged, cost_micros = r.cost_micros + EXCLUDED.cost_micros
       RETURNING r.hour, r.account_id, r.category, r.currency, (r.messages, r.charged, r.cost_micros) = (0, 0, 0) AS empty
     )
     SELECT (SELECT coalesce(sum(deltas), 0)::int FROM summed) AS folded,
            (SELECT coalesce(json_agg(json_build_object('hour', hour, 'account_id', account_id, 'category', category, 'currency', currency)), '[]') FROM upserted WHERE empty) AS emptied`,
  );
  await dropEmptied(db, 'whatsapp_report_costs', 'hour timestamptz, account_id uuid, category text, currency text', 'messages, charged, cost_micros', row?.emptied ?? []);
  return row?.folded ?? 0;
}

async function foldIn(db: Queryable): Promise<number> {
  const row = await queryOne<{ folded: number; emptiedHours: unknown[]; emptiedNumbers: unknown[] }>(
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
        WHERE (opened, resolved, inbound, human_replies, automatic_replies) <> (0, 0, 0, 0, 0)
       ON CONFLICT (hour, account_id, assignee_id, label) DO UPDATE
          SET opened = r.opened + EXCLUDED.opened, resolved = r.resolved + EXCLUDED.resolved, inbound = r.inbound + EXCLUDED.inbound,
              human_replies = r.human_replies + EXCLUDED.human_replies, automatic_replies = r.automatic_replies + EXCLUDED.automatic_replies
       RETURNING r.hour, r.account_id, r.assignee_id, r.label, (r.opened, r.resolved, r.inbound, r.human_replies, r.automatic_replies) = (0, 0, 0, 0, 0) AS empty
     ), numbers AS (
       INSERT INTO whatsapp_report_number_hours AS r (account_id, hour, label, opened, resolved, inbound, human_replies, automatic_replies)
       SELECT account_id, hour, label, sum(opened), sum(resolved), sum(inbound), sum(human_replies), sum(automatic_replies) FROM summed GROUP BY 1, 2, 3
       HAVING (sum(opened), sum(resolved), sum(inbound), sum(human_replies), sum(automatic_replies)) <> (0, 0, 0, 0, 0)
       ON CONFLICT (label, hour, account_id) DO UPDATE
          SET opened = r.opened + EXCLUDED.opened, resolved = r.resolved + EXCLUDED.resolved, inbound = r.inbound + EXCLUDED.inbound,
              human_replies = r.human_replies + EXCLUDED.human_replies, automatic_replies = r.automatic_replies + EXCLUDED.automatic_replies
       RETURNING r.hour, r.account_id, r.label, (r.opened, r.resolved, r.inbound, r.human_replies, r.automatic_replies) = (0, 0, 0, 0, 0) AS empty
     )
     SELECT (SELECT coalesce(sum(deltas), 0)::int FROM summed) AS folded,
            (SELECT coalesce(json_agg(json_build_object('hour', hour, 'account_id', account_id, 'assignee_id', assignee_id, 'label', label)), '[]') FROM upserted WHERE empty) AS "emptiedHours",
            (SELECT coalesce(json_agg(json_build_object('hour', hour, 'account_id', account_id, 'label', label)), '[]') FROM numbers WHERE empty) AS "emptiedNumbers"`,
  );
  const figures = 'opened, resolved, inbound, human_replies, automatic_replies';
  await dropEmptied(db, 'whatsapp_report_hours', 'hour timestamptz, account_id uuid, assignee_id text, label text', figures, row?.emptiedHours ?? []);
  await dropEmptied(db, 'whatsapp_report_number_hours', 'hour timestamptz, account_id uuid, label text', figures, row?.emptiedNumbers ?? []);
  return row?.folded ?? 0;
}

/**
 * Deletes the rows of a rollup the fold brought to zero (a conversation moved to another assignee
 * or label; a price corrected), given by the keys the fold's upsert returned (`keys`: their
 * columns and types, as json_to_recordset reads them). Not in the fold's statement: its parts
 * all see the tables as they were, and a DELETE of a row another part updated is skipped.
 */
async function dropEmptied(db: Queryable, table: string, keys: string, figures: string, emptied: readonly unknown[]): Promise<void> {
  if (emptied.length === 0) return;
  const matches = keys.split(', ').map((key) => `r.${key.split(' ')[0]} = k.${key.split(' ')[0]}`);
  const zero = figures.split(', ').map(() => '0');
  await queryRows(
    db,
    `DELETE FROM ${table} r USING json_to_recordset($1::json) AS k(${keys})
      WHERE ${matches.join(' AND ')} AND (${figures.split(', ').map((figure) => `r.${figure}`).join(', ')}) = (${zero.join(', ')})`,
    [JSON.stringify(emptied)],
  );
}

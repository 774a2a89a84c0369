import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversation rollup (one row per conversation) summed by UTC day, number, assignee and
 * first responder, with each group's response seconds packed (int4send, in no order), so that
 * exact medians over a long period read a few thousand day rows instead of every conversation:
 * a 90-day report of every number read 49,000 conversations twice (27 ms on the seed:large
 * install) before.
 *
 * - whatsapp_report_opened_days: by the day conversations opened — how many, how many still wait
 *   for a first human reply, SLA targets met and breached, first-response seconds;
 * - whatsapp_report_resolved_days: by the day they were resolved — how many, resolution seconds.
 *
 * A day is current unless whatsapp_report_stale_days names it: every statement that writes the
 * conversation rollup appends the days it touched (no row is locked, so the processor and the
 * agents never wait on each other), and the folder recomputes those days from the conversations
 * in one snapshot (fold-conversation-days.ts). Readers take the days that are current from here
 * and the rest (stale days, and the hours of a report's first and last day that are not a whole
 * UTC day) from the conversations, so a report is exact at any moment.
 */
export class ReportConversationDays1763700001810 implements MigrationInterface {
  name = 'ReportConversationDays1763700001810';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of SCHEMA) await q.query(statement);
    // Every day there is, computed now: written under a lock, so that no change slips between.
    await q.query(`LOCK TABLE whatsapp_report_conversations IN SHARE MODE`);
    await q.query(`SELECT whatsapp_report_refresh_days(array_agg(DISTINCT day)) FROM ${daysOf('whatsapp_report_conversations')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of ['inserted', 'updated', 'deleted']) {
      await q.query(`DROP TRIGGER "whatsapp_report_conversation_days_${trigger}" ON "whatsapp_report_conversations"`);
    }
    await q.query(`DROP FUNCTION whatsapp_report_on_conversation_days_changed()`);
    await q.query(`DROP FUNCTION whatsapp_report_refresh_days(timestamptz[])`);
    for (const table of ['whatsapp_report_stale_days', 'whatsapp_report_resolved_days', 'whatsapp_report_opened_days']) await q.query(`DROP TABLE "${table}"`);
  }
}

/** The UTC days (column `day`) where the conversations of `rows` opened or were resolved. */
const daysOf = (rows: string) =>
  `${rows} f CROSS JOIN LATERAL (VALUES (date_trunc('day', f.opened_at, 'UTC')), (date_trunc('day', f.resolved_at, 'UTC'))) AS d(day) WHERE d.day IS NOT NULL`;

const SCHEMA = [
  // '' for no assignee and no responder: keys cannot be null.
  `CREATE TABLE "whatsapp_report_opened_days" (
    "day" TIMESTAMP WITH TIME ZONE NOT NULL,
    "account_id" uuid NOT NULL,
    "assignee_id" character varying(200) NOT NULL,
    "responder_id" character varying(200) NOT NULL,
    "conversations" integer NOT NULL,
    "waiting" integer NOT NULL,
    "sla_met" integer NOT NULL,
    "sla_breached" integer NOT NULL,
    "first_response_seconds" bytea NOT NULL,
    CONSTRAINT "pk_whatsapp_report_opened_days" PRIMARY KEY ("day", "account_id", "assignee_id", "responder_id")
  )`,
  `CREATE TABLE "whatsapp_report_resolved_days" (
    "day" TIMESTAMP WITH TIME ZONE NOT NULL,
    "account_id" uuid NOT NULL,
    "assignee_id" character varying(200) NOT NULL,
    "conversations" integer NOT NULL,
    "resolution_seconds" bytea NOT NULL,
    CONSTRAINT "pk_whatsapp_report_resolved_days" PRIMARY KEY ("day", "account_id", "assignee_id")
  )`,
  `CREATE TABLE "whatsapp_report_stale_days" (
    "id" bigserial NOT NULL,
    "day" TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT "pk_whatsapp_report_stale_days" PRIMARY KEY ("id")
  )`,
  `CREATE INDEX "ix_whatsapp_report_stale_days_day" ON "whatsapp_report_stale_days" ("day")`,

  // The days given, recomputed from the conversation rollup as this statement sees it.
  `CREATE FUNCTION whatsapp_report_refresh_days(days timestamptz[]) RETURNS void LANGUAGE sql AS $$
     DELETE FROM whatsapp_report_opened_days WHERE day = ANY(days);
     DELETE FROM whatsapp_report_resolved_days WHERE day = ANY(days);
     INSERT INTO whatsapp_report_opened_days
     SELECT d.day, f.account_id, coalesce(f.assignee_id, ''), coalesce(f.first_responder_id, ''), count(*),
            count(*) FILTER (WHERE f.first_inbound_at IS NOT NULL AND f.first_response_at IS NULL), sum(f.sla_met), sum(f.sla_breached),
            coalesce(string_agg(int4send(f.first_response_seconds), ''::bytea), ''::bytea)
       FROM unnest(days) AS d(day)
       JOIN whatsapp_report_conversations f ON f.opened_at >= d.day AND f.opened_at < d.day + interval '1 day'
      GROUP BY 1, 2, 3, 4;
     INSERT INTO whatsapp_report_resolved_days
     SELECT d.day, f.account_id, coalesce(f.assignee_id, ''), count(*), coalesce(string_agg(int4send(f.resolution_seconds), ''::bytea), ''::bytea)
       FROM unnest(days) AS d(day)
       JOIN whatsapp_report_conversations f ON f.resolved_at >= d.day AND f.resolved_at < d.day + interval '1 day'
      GROUP BY 1, 2, 3;
   $$`,

  // The days a statement touched, before and after: where a conversation opened or was resolved.
  `CREATE FUNCTION whatsapp_report_on_conversation_days_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP IN ('UPDATE', 'DELETE') THEN
       INSERT INTO whatsapp_report_stale_days (day) SELECT DISTINCT day FROM ${daysOf('old_rows')};
     END IF;
     IF TG_OP IN ('UPDATE', 'INSERT') THEN
       INSERT INTO whatsapp_report_stale_days (day) SELECT DISTINCT day FROM ${daysOf('new_rows')};
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_conversation_days_inserted" AFTER INSERT ON "whatsapp_report_conversations"
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_conversation_days_changed()`,
  `CREATE TRIGGER "whatsapp_report_conversation_days_updated" AFTER UPDATE ON "whatsapp_report_conversations"
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_conversation_days_changed()`,
  `CREATE TRIGGER "whatsapp_report_conversation_days_deleted" AFTER DELETE ON "whatsapp_report_conversations"
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_conversation_days_changed()`,
];

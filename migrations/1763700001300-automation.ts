import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automation and service levels (issue #16): each number's business hours, automatic messages,
 * assignment and satisfaction settings; keyword auto-reply rules; SLA policies and their timers;
 * satisfaction surveys; agents' availability and capacity; automatic messages marked as such.
 */
export class Automation1763700001300 implements MigrationInterface {
  name = 'Automation1763700001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_automation_settings" (
        "account_id" uuid NOT NULL,
        "business_hours_enabled" boolean NOT NULL DEFAULT false,
        "time_zone" character varying(64) NOT NULL DEFAULT 'UTC',
        "weekly_hours" jsonb NOT NULL DEFAULT '[]',
        "holidays" jsonb NOT NULL DEFAULT '[]',
        "hours_exceptions" jsonb NOT NULL DEFAULT '[]',
        "default_language" character varying(10) NOT NULL DEFAULT 'en',
        "greeting_enabled" boolean NOT NULL DEFAULT false,
        "greeting_texts" jsonb NOT NULL DEFAULT '{}',
        "away_enabled" boolean NOT NULL DEFAULT false,
        "away_texts" jsonb NOT NULL DEFAULT '{}',
        "automatic_message_hours" integer NOT NULL DEFAULT 24,
        "automatic_replies_per_hour" integer NOT NULL DEFAULT 5,
        "assignment_mode" character varying(20) NOT NULL DEFAULT 'off',
        "assignment_capacity" integer NOT NULL DEFAULT 10,
        "give_back_when_offline" boolean NOT NULL DEFAULT false,
        "last_assigned_agent_id" character varying(200),
        "survey_enabled" boolean NOT NULL DEFAULT false,
        "survey_template_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_automation_settings" PRIMARY KEY ("account_id"),
        CONSTRAINT "ck_whatsapp_automation_settings_assignment_mode" CHECK ("assignment_mode" IN ('off', 'round_robin', 'least_open')),
        CONSTRAINT "ck_whatsapp_automation_settings_period" CHECK ("automatic_message_hours" BETWEEN 1 AND 720),
        CONSTRAINT "ck_whatsapp_automation_settings_cap" CHECK ("automatic_replies_per_hour" BETWEEN 1 AND 100),
        CONSTRAINT "ck_whatsapp_automation_settings_capacity" CHECK ("assignment_capacity" BETWEEN 1 AND 1000),
        CONSTRAINT "fk_whatsapp_automation_settings_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_automation_settings_last_assigned" FOREIGN KEY ("last_assigned_agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_automation_settings_survey_template" FOREIGN KEY ("survey_template_id") REFERENCES "whatsapp_templates"("id") ON DELETE SET NULL
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_auto_reply_rules" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid,
        "name" character varying(200) NOT NULL,
        "position" integer NOT NULL DEFAULT 0,
        "enabled" boolean NOT NULL DEFAULT true,
        "keywords" text array NOT NULL DEFAULT '{}',
        "pattern" character varying(500),
        "language" character varying(10),
        "reply_text" text,
        "template_id" uuid,
        "stop_after" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_auto_reply_rules" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_auto_reply_rules_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_auto_reply_rules_template" FOREIGN KEY ("template_id") REFERENCES "whatsapp_templates"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_auto_reply_rules_position" ON "whatsapp_auto_reply_rules" ("position")`);

    await q.query(`
      CREATE TABLE "whatsapp_sla_policies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "account_id" uuid,
        "label" character varying(100),
        "position" integer NOT NULL DEFAULT 0,
        "enabled" boolean NOT NULL DEFAULT true,
        "first_response_minutes" integer,
        "next_response_minutes" integer,
        "resolution_minutes" integer,
        "warning_percent" integer NOT NULL DEFAULT 80,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_sla_policies" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_sla_policies_warning" CHECK ("warning_percent" BETWEEN 1 AND 99),
        CONSTRAINT "fk_whatsapp_sla_policies_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);

    // Internal state (no entity): read and written by src/automation only.
    await q.query(`
      CREATE TABLE "whatsapp_sla_timers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "policy_id" uuid,
        "kind" character varying(20) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "warn_at" TIMESTAMP WITH TIME ZONE,
        "due_at" TIMESTAMP WITH TIME ZONE,
        "warned_at" TIMESTAMP WITH TIME ZONE,
        "breached_at" TIMESTAMP WITH TIME ZONE,
        "breached_assignee_id" character varying(200),
        "stopped_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_whatsapp_sla_timers" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_sla_timers_kind" CHECK ("kind" IN ('first_response', 'next_response', 'resolution')),
        CONSTRAINT "fk_whatsapp_sla_timers_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_sla_timers_policy" FOREIGN KEY ("policy_id") REFERENCES "whatsapp_sla_policies"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_sla_timers_running" ON "whatsapp_sla_timers" ("conversation_id", "kind") WHERE "stopped_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_whatsapp_sla_timers_due" ON "whatsapp_sla_timers" ("due_at") WHERE "stopped_at" IS NULL AND "breached_at" IS NULL`);

    await q.query(`
      CREATE TABLE "whatsapp_satisfaction_surveys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "agent_id" character varying(200),
        "message_id" uuid,
        "channel" character varying(12) NOT NULL,
        "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "rating" smallint,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "comment" text,
        "comment_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_whatsapp_satisfaction_surveys" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_satisfaction_surveys_rating" CHECK ("rating" BETWEEN 1 AND 5),
        CONSTRAINT "ck_whatsapp_satisfaction_surveys_channel" CHECK ("channel" IN ('interactive', 'template')),
        CONSTRAINT "fk_whatsapp_satisfaction_surveys_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_satisfaction_surveys_agent" FOREIGN KEY ("agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_satisfaction_surveys_message" FOREIGN KEY ("message_id") REFERENCES "whatsapp_messages"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_satisfaction_surveys_conversation" ON "whatsapp_satisfaction_surveys" ("conversation_id", "asked_at")`);

    await q.query(`ALTER TABLE "whatsapp_agents" ADD "availability" character varying(10) NOT NULL DEFAULT 'offline'`);
    await q.query(`ALTER TABLE "whatsapp_agents" ADD "availability_changed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_agents" ADD "max_open_conversations" integer`);
    await q.query(`ALTER TABLE "whatsapp_agents" ADD CONSTRAINT "ck_whatsapp_agents_availability" CHECK ("availability" IN ('online', 'away', 'offline'))`);

    await q.query(`ALTER TABLE "whatsapp_messages" ADD "automation" character varying(20)`);
    await q.query(
      `ALTER TABLE "whatsapp_messages" ADD CONSTRAINT "ck_whatsapp_messages_automation" CHECK ("automation" IN ('greeting', 'away', 'auto_reply', 'survey'))`,
    );
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "language" character varying(10)`);

    for (const statement of SLA_STOPS) await q.query(statement);
    for (const statement of REPORT_SCHEMA) await q.query(statement);
    // Installs with history: the rollups start from a full count of what is there.
    for (const statement of BACKFILL) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const trigger of [
      ['whatsapp_sla_stop_on_reply', 'whatsapp_messages'],
      ['whatsapp_sla_stop_on_resolve', 'whatsapp_conversations'],
      ['whatsapp_report_conversations_inserted', 'whatsapp_conversations'],
      ['whatsapp_report_conversation_changed', 'whatsapp_conversations'],
      ['whatsapp_report_messages_inserted', 'whatsapp_messages'],
      ['whatsapp_report_message_failed', 'whatsapp_messages'],
      ['whatsapp_report_survey_answered', 'whatsapp_satisfaction_surveys'],
      ['whatsapp_report_timer_ended', 'whatsapp_sla_timers'],
    ]) {
      await q.query(`DROP TRIGGER "${trigger[0]}" ON "${trigger[1]}"`);
    }
    await q.query(`DROP FUNCTION "whatsapp_sla_on_reply"`);
    await q.query(`DROP FUNCTION "whatsapp_sla_on_resolve"`);
    for (const fn of [
      'on_conversations_inserted', 'on_conversation_changed', 'on_messages_inserted', 'on_message_failed', 'on_survey_answered', 'on_timer_ended',
      'waiting_since', 'fold_messages', 'expected_conversations', 'expected_hours', 'expected_agent_hours', 'expected_failures', 'responses', 'traffic_of', 'hour',
    ]) {
      await q.query(`DROP FUNCTION "whatsapp_report_${fn}"`);
    }
    for (const table of ['whatsapp_report_message_deltas', 'whatsapp_report_failures', 'whatsapp_report_agent_hours', 'whatsapp_report_hour_deltas', 'whatsapp_report_hours', 'whatsapp_report_conversations']) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "language"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP CONSTRAINT "ck_whatsapp_messages_automation"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "automation"`);
    await q.query(`ALTER TABLE "whatsapp_agents" DROP CONSTRAINT "ck_whatsapp_agents_availability"`);
    for (const column of ['max_open_conversations', 'availability_changed_at', 'availability']) await q.query(`ALTER TABLE "whatsapp_agents" DROP COLUMN "${column}"`);
    for (const table of ['whatsapp_satisfaction_surveys', 'whatsapp_sla_timers', 'whatsapp_sla_policies', 'whatsapp_auto_reply_rules', 'whatsapp_automation_settings']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

/**
 * SLA timers stop where the event happens, whatever wrote it: a human reply (automatic messages
 * answer nobody) meets the response targets, a resolution the resolution target.
 */
const SLA_STOPS = [
  // The conversations' rows are locked first, as every writer of a conversation does (the
  // processor, a reply's last_message_at): timer rows are never taken in the other order.
  `CREATE FUNCTION whatsapp_sla_on_reply() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT EXISTS (SELECT 1 FROM whatsapp_sla_timers t JOIN inserted m ON m.conversation_id = t.conversation_id
                     WHERE t.stopped_at IS NULL AND m.direction = 'outbound' AND m.automation IS NULL) THEN
       RETURN NULL;
     END IF;
     PERFORM 1 FROM whatsapp_conversations c WHERE c.id IN (SELECT conversation_id FROM inserted) ORDER BY c.id FOR NO KEY UPDATE;
     UPDATE whatsapp_sla_timers t SET stopped_at = r.at
       FROM (SELECT conversation_id, min(created_at) AS at FROM inserted WHERE direction = 'outbound' AND automation IS NULL AND origin IS DISTINCT FROM 'history' GROUP BY 1) r
      WHERE t.conversation_id = r.conversation_id AND t.kind IN ('first_response', 'next_response') AND t.stopped_at IS NULL;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_sla_stop_on_reply" AFTER INSERT ON "whatsapp_messages"
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_sla_on_reply()`,
  `CREATE FUNCTION whatsapp_sla_on_resolve() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE whatsapp_sla_timers SET stopped_at = coalesce(NEW.resolved_at, now())
      WHERE conversation_id = NEW.id AND kind = 'resolution' AND stopped_at IS NULL;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_sla_stop_on_resolve" AFTER UPDATE OF "status" ON "whatsapp_conversations"
     FOR EACH ROW WHEN (NEW.status = 'resolved' AND OLD.status <> 'resolved') EXECUTE FUNCTION whatsapp_sla_on_resolve()`,
];

/**
 * The reports' rollups, kept up to date by triggers in the transactions that change what they
 * count (so no write path can forget them, and a rolled-back change never counted):
 *
 * - whatsapp_report_conversations: one row per conversation — opened, first customer message,
 *   first human response and its agent, waiting since, resolved, satisfaction, SLA outcomes —
 *   with its current assignee and labels (the reports' filters).
 * - whatsapp_report_hours: per number, UTC hour, current assignee ('' none) and label ('' every
 *   conversation): conversations opened and resolved, customer messages, human and automatic
 *   replies. Written through whatsapp_report_hour_deltas, an append-only table (no row lock
 *   shared by concurrent processor transactions); a job folds the deltas in, and readers add
 *   the few not folded yet. Reassigning or relabelling a conversation moves its whole history.
 * - whatsapp_report_agent_hours: per number, UTC hour and agent: replies, responses to a waiting
 *   customer and their total seconds.
 * - whatsapp_report_failures: per number, UTC hour and Meta error: messages failed now.
 *
 * A response is a human message (automation IS NULL: an agent's, or the business's from its phone
 * in coexistence) that follows a customer message; it answers the customer from the first of their
 * messages since the previous human reply ("waiting since"). Automatic messages never answer
 * anyone; imported history (origin 'history') counts nowhere. Times are created_at (when a message reached the inbox
 * or was written). The whatsapp_report_expected_* functions count the same from scratch, with
 * their own formulation: the migration backfills from them, and a test compares.
 */
const HOUR = `CREATE FUNCTION whatsapp_report_hour(at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
  $$ SELECT date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$`;

const TRAFFIC_COLUMNS = `
    "account_id" uuid NOT NULL,
    "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
    "assignee_id" character varying(200) NOT NULL,
    "label" text NOT NULL,
    "opened" integer NOT NULL DEFAULT 0,
    "resolved" integer NOT NULL DEFAULT 0,
    "inbound" integer NOT NULL DEFAULT 0,
    "human_replies" integer NOT NULL DEFAULT 0,
    "automatic_replies" integer NOT NULL DEFAULT 0`;

const REPORT_SCHEMA = [
  `CREATE TABLE "whatsapp_report_conversations" (
    "conversation_id" uuid NOT NULL,
    "account_id" uuid NOT NULL,
    "assignee_id" character varying(200),
    "labels" text array NOT NULL DEFAULT '{}',
    "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
    "first_inbound_at" TIMESTAMP WITH TIME ZONE,
    "waiting_since" TIMESTAMP WITH TIME ZONE,
    "first_response_at" TIMESTAMP WITH TIME ZONE,
    "first_response_seconds" integer,
    "first_responder_id" character varying(200),
    "resolved_at" TIMESTAMP WITH TIME ZONE,
    "resolution_seconds" integer,
    "csat_rating" smallint,
    "csat_agent_id" character varying(200),
    "csat_at" TIMESTAMP WITH TIME ZONE,
    "sla_met" integer NOT NULL DEFAULT 0,
    "sla_breached" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_whatsapp_report_conversations" PRIMARY KEY ("conversation_id"),
    CONSTRAINT "fk_whatsapp_report_conversations_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE
  )`,
  // The reports read a period of conversations from these alone (index-only scans): by opening
  // (first responses, SLA), by resolution, by satisfaction answer, with the filters' columns.
  `CREATE INDEX "ix_whatsapp_report_conversations_opened" ON "whatsapp_report_conversations" ("opened_at")
     INCLUDE ("account_id", "assignee_id", "labels", "first_inbound_at", "first_response_at", "first_response_seconds", "first_responder_id", "sla_met", "sla_breached")`,
  `CREATE INDEX "ix_whatsapp_report_conversations_resolved" ON "whatsapp_report_conversations" ("resolved_at")
     INCLUDE ("account_id", "assignee_id", "labels", "resolution_seconds") WHERE "resolved_at" IS NOT NULL`,
  `CREATE INDEX "ix_whatsapp_report_conversations_csat" ON "whatsapp_report_conversations" ("csat_at")
     INCLUDE ("account_id", "assignee_id", "labels", "csat_rating", "csat_agent_id") WHERE "csat_at" IS NOT NULL`,
  `CREATE TABLE "whatsapp_report_hours" (${TRAFFIC_COLUMNS},
    CONSTRAINT "pk_whatsapp_report_hours" PRIMARY KEY ("hour", "account_id", "assignee_id", "label"))`,
  `CREATE TABLE "whatsapp_report_hour_deltas" ("id" bigserial NOT NULL, ${TRAFFIC_COLUMNS},
    CONSTRAINT "pk_whatsapp_report_hour_deltas" PRIMARY KEY ("id"))`,
  `CREATE TABLE "whatsapp_report_message_deltas" (
    "id" bigserial NOT NULL,
    "conversation_id" uuid NOT NULL,
    "at" TIMESTAMP WITH TIME ZONE NOT NULL,
    "tiebreak" text NOT NULL,
    "kind" character varying(5) NOT NULL,
    "agent" character varying(200),
    CONSTRAINT "pk_whatsapp_report_message_deltas" PRIMARY KEY ("id")
  )`,
  `CREATE TABLE "whatsapp_report_agent_hours" (
    "account_id" uuid NOT NULL,
    "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
    "agent_id" character varying(200) NOT NULL,
    "replies" integer NOT NULL DEFAULT 0,
    "responses" integer NOT NULL DEFAULT 0,
    "response_seconds" bigint NOT NULL DEFAULT 0,
    CONSTRAINT "pk_whatsapp_report_agent_hours" PRIMARY KEY ("hour", "account_id", "agent_id")
  )`,
  `CREATE TABLE "whatsapp_report_failures" (
    "account_id" uuid NOT NULL,
    "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
    "error_code" integer NOT NULL,
    "explanation_key" character varying(100) NOT NULL,
    "error_title" text,
    "failures" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_whatsapp_report_failures" PRIMARY KEY ("hour", "account_id", "error_code", "explanation_key")
  )`,
  HOUR,

  // What one conversation contributes to whatsapp_report_hours, signed: its opening, its
  // resolution (while resolved) and, when `with_messages`, its messages; exploded over '' and
  // its labels. The conversation's dimensions are passed in, old or new.
  `CREATE FUNCTION whatsapp_report_traffic_of(conversation uuid, account uuid, assignee text, labels text[], opened_at timestamptz,
                                              status text, resolved_at timestamptz, sign integer, with_messages boolean DEFAULT true)
   RETURNS TABLE (account_id uuid, hour timestamptz, assignee_id text, label text, opened integer, resolved integer, inbound integer,
                  human_replies integer, automatic_replies integer)
   LANGUAGE sql STABLE AS $$
     SELECT account, t.hour, coalesce(assignee, ''), l.label, sign * sum(t.opened)::int, sign * sum(t.resolved)::int, sign * sum(t.inbound)::int,
            sign * sum(t.human)::int, sign * sum(t.automatic)::int
       FROM (
         SELECT whatsapp_report_hour(opened_at) AS hour, 1 AS opened, 0 AS resolved, 0 AS inbound, 0 AS human, 0 AS automatic
         UNION ALL
         SELECT whatsapp_report_hour(resolved_at), 0, 1, 0, 0, 0 WHERE status = 'resolved' AND resolved_at IS NOT NULL
         UNION ALL
         SELECT whatsapp_report_hour(m.created_at), 0, 0, (m.direction = 'inbound')::int,
                (m.direction = 'outbound' AND m.automation IS NULL)::int, (m.direction = 'outbound' AND m.automation IS NOT NULL)::int
           FROM whatsapp_messages m WHERE with_messages AND m.conversation_id = conversation AND m.origin IS DISTINCT FROM 'history'
       ) t
      CROSS JOIN LATERAL (SELECT '' AS label UNION SELECT x FROM unnest(labels) AS x WHERE x <> '') l
      GROUP BY t.hour, l.label
   $$`,

  `CREATE FUNCTION whatsapp_report_on_conversations_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO whatsapp_report_conversations (conversation_id, account_id, assignee_id, labels, opened_at, resolved_at, resolution_seconds)
     SELECT c.id, c.account_id, c.assignee_id, c.labels, c.created_at,
            CASE WHEN c.status = 'resolved' THEN c.resolved_at END,
            CASE WHEN c.status = 'resolved' THEN greatest(0, extract(epoch FROM c.resolved_at - c.created_at))::int END
       FROM inserted c;
     INSERT INTO whatsapp_report_hour_deltas (account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies)
     SELECT t.* FROM inserted c
      CROSS JOIN LATERAL whatsapp_report_traffic_of(c.id, c.account_id, c.assignee_id, c.labels, c.created_at, c.status, c.resolved_at, 1, false) t;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_conversations_inserted" AFTER INSERT ON "whatsapp_conversations"
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_conversations_inserted()`,

  // Reassigned or relabelled: the conversation's whole history moves to its new dimensions.
  // Resolved or reopened only: its resolution moves in or out.
  `CREATE FUNCTION whatsapp_report_on_conversation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     moved boolean := OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.labels IS DISTINCT FROM NEW.labels;
   BEGIN
     UPDATE whatsapp_report_conversations
        SET assignee_id = NEW.assignee_id, labels = NEW.labels,
            resolved_at = CASE WHEN NEW.status = 'resolved' THEN NEW.resolved_at END,
            resolution_seconds = CASE WHEN NEW.status = 'resolved' THEN greatest(0, extract(epoch FROM NEW.resolved_at - NEW.created_at))::int END
      WHERE conversation_id = NEW.id;
     INSERT INTO whatsapp_report_hour_deltas (account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies)
     SELECT * FROM whatsapp_report_traffic_of(OLD.id, OLD.account_id, OLD.assignee_id, OLD.labels, OLD.created_at, OLD.status, OLD.resolved_at, -1, moved)
     UNION ALL
     SELECT * FROM whatsapp_report_traffic_of(NEW.id, NEW.account_id, NEW.assignee_id, NEW.labels, NEW.created_at, NEW.status, NEW.resolved_at, 1, moved);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_conversation_changed" AFTER UPDATE OF "assignee_id", "labels", "status", "resolved_at" ON "whatsapp_conversations"
     FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.labels IS DISTINCT FROM NEW.labels
                        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at)
     EXECUTE FUNCTION whatsapp_report_on_conversation_changed()`,

  // New messages: their counts (deltas), failures, and what the folder needs to follow each
  // conversation's waiting state and responses (deltas too: no row is locked here).
  `CREATE FUNCTION whatsapp_report_on_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO whatsapp_report_hour_deltas (account_id, hour, assignee_id, label, inbound, human_replies, automatic_replies)
     SELECT c.account_id, whatsapp_report_hour(m.created_at), coalesce(c.assignee_id, ''), l.label,
            count(*) FILTER (WHERE m.direction = 'inbound'),
            count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NULL),
            count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NOT NULL)
       FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      CROSS JOIN LATERAL (SELECT '' AS label UNION SELECT x FROM unnest(c.labels) AS x WHERE x <> '') l
      WHERE m.origin IS DISTINCT FROM 'history'
      GROUP BY 1, 2, 3, 4;

     INSERT INTO whatsapp_report_failures AS r (account_id, hour, error_code, explanation_key, error_title, failures)
     SELECT c.account_id, whatsapp_report_hour(coalesce(m.failed_at, m.created_at)), coalesce(m.error_code, 0), coalesce(m.error_explanation_key, ''),
            max(m.error_title), count(*)
       FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.status = 'failed'
      GROUP BY 1, 2, 3, 4
     ON CONFLICT (hour, account_id, error_code, explanation_key)
     DO UPDATE SET failures = r.failures + EXCLUDED.failures, error_title = coalesce(EXCLUDED.error_title, r.error_title);

     INSERT INTO whatsapp_report_message_deltas (conversation_id, at, tiebreak, kind, agent)
     SELECT m.conversation_id, m.created_at, m.id::text, CASE WHEN m.direction = 'inbound' THEN 'in' ELSE 'human' END, m.sent_by_id
       FROM inserted m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND m.origin IS DISTINCT FROM 'history';
     RETURN NULL;
   END $$`,
  // The folder's half of the messages: each conversation's waiting state, first response and the
  // agents' responses, walked in order from the state it was in (many messages of one conversation
  // may wait: the processor's batches, the seed). Only the folder runs it, one at a time, so these
  // rows are never locked by the transactions that write messages (a reply and the processor
  // storing the customer's next message would otherwise wait on each other).
  `CREATE FUNCTION whatsapp_report_fold_messages() RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     WITH moved AS (
       DELETE FROM whatsapp_report_message_deltas RETURNING conversation_id, at, tiebreak, kind, agent
     ), rows AS (
       SELECT conversation_id, at, tiebreak, 1 AS ord, kind::text AS kind, agent FROM moved
     ), seq AS (
       SELECT f.conversation_id, f.waiting_since AS at, '' AS tiebreak, 0 AS ord, 'in' AS kind, NULL::varchar AS agent
         FROM whatsapp_report_conversations f
        WHERE f.waiting_since IS NOT NULL AND f.conversation_id IN (SELECT conversation_id FROM rows)
       UNION ALL SELECT * FROM rows
     ), turns AS (
       SELECT seq.*, count(*) FILTER (WHERE kind = 'human') OVER (PARTITION BY conversation_id ORDER BY ord, at, tiebreak ROWS UNBOUNDED PRECEDING) AS turn
         FROM seq
     ), waits AS (
       SELECT conversation_id, turn, min(at) AS since FROM turns WHERE kind = 'in' GROUP BY 1, 2
     ), responses AS (
       SELECT t.conversation_id, t.at, t.agent, w.since, row_number() OVER (PARTITION BY t.conversation_id ORDER BY t.ord, t.at, t.tiebreak) AS n
         FROM turns t JOIN waits w ON w.conversation_id = t.conversation_id AND w.turn = t.turn - 1
        WHERE t.kind = 'human'
     ), last_turns AS (
       SELECT conversation_id, max(turn) AS turn, min(at) FILTER (WHERE kind = 'in' AND ord = 1) AS first_inbound FROM turns GROUP BY 1
     ), summary AS (
       SELECT l.conversation_id, w.since AS waiting_since, l.first_inbound
         FROM last_turns l LEFT JOIN waits w ON w.conversation_id = l.conversation_id AND w.turn = l.turn
     ), agents AS (
       INSERT INTO whatsapp_report_agent_hours AS r (account_id, hour, agent_id, replies, responses, response_seconds)
       SELECT c.account_id, x.hour, x.agent, sum(x.replies)::int, sum(x.responses)::int, sum(x.seconds)::bigint
         FROM (
           SELECT conversation_id, whatsapp_report_hour(at) AS hour, coalesce(agent, '') AS agent, 1 AS replies, 0 AS responses, 0 AS seconds
             FROM rows WHERE kind = 'human'
           UNION ALL
           SELECT conversation_id, whatsapp_report_hour(at), coalesce(agent, ''), 0, 1, greatest(0, round(extract(epoch FROM at - since)))::bigint
             FROM responses
         ) x JOIN whatsapp_conversations c ON c.id = x.conversation_id
        GROUP BY 1, 2, 3
       ON CONFLICT (hour, account_id, agent_id) DO UPDATE
          SET replies = r.replies + EXCLUDED.replies, responses = r.responses + EXCLUDED.responses, response_seconds = r.response_seconds + EXCLUDED.response_seconds
     )
     UPDATE whatsapp_report_conversations f
        SET waiting_since = s.waiting_since,
            first_inbound_at = least(f.first_inbound_at, s.first_inbound),
            first_response_at = coalesce(f.first_response_at, r.at),
            first_responder_id = CASE WHEN f.first_response_at IS NULL THEN r.agent ELSE f.first_responder_id END,
            first_response_seconds = CASE WHEN f.first_response_at IS NULL AND r.at IS NOT NULL
                                          THEN greatest(0, round(extract(epoch FROM r.at - least(f.first_inbound_at, s.first_inbound))))::int
                                          ELSE f.first_response_seconds END
       FROM summary s LEFT JOIN responses r ON r.conversation_id = s.conversation_id AND r.n = 1
      WHERE f.conversation_id = s.conversation_id;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_messages_inserted" AFTER INSERT ON "whatsapp_messages"
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_messages_inserted()`,
  // Since when a customer has waited for a human, exact before the folder walked the last messages
  // in (the inbox list reads it): a pending human reply ends the wait, the customer's first message
  // after it starts the next; without one, the first pending message starts a wait not started yet.
  `CREATE INDEX "ix_whatsapp_report_message_deltas_conversation" ON "whatsapp_report_message_deltas" ("conversation_id")`,
  `CREATE FUNCTION whatsapp_report_waiting_since(conversation uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$
     WITH pending AS (
       SELECT max(at) FILTER (WHERE kind = 'human') AS replied, min(at) FILTER (WHERE kind = 'in') AS first_in
         FROM whatsapp_report_message_deltas WHERE conversation_id = conversation
     )
     SELECT CASE WHEN p.replied IS NULL THEN coalesce(f.waiting_since, p.first_in)
                 ELSE (SELECT min(d.at) FROM whatsapp_report_message_deltas d
                        WHERE d.conversation_id = conversation AND d.kind = 'in' AND d.at > p.replied) END
       FROM pending p LEFT JOIN whatsapp_report_conversations f ON f.conversation_id = conversation
   $$`,

  // A message that fails (or, retried, stops being failed) moves in or out of its error's count.
  `CREATE FUNCTION whatsapp_report_on_message_failed() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     account uuid := (SELECT account_id FROM whatsapp_conversations WHERE id = NEW.conversation_id);
   BEGIN
     IF OLD.status = 'failed' THEN
       UPDATE whatsapp_report_failures SET failures = failures - 1
        WHERE hour = whatsapp_report_hour(coalesce(OLD.failed_at, OLD.created_at)) AND account_id = account
          AND error_code = coalesce(OLD.error_code, 0) AND explanation_key = coalesce(OLD.error_explanation_key, '');
     END IF;
     IF NEW.status = 'failed' THEN
       INSERT INTO whatsapp_report_failures AS r (account_id, hour, error_code, explanation_key, error_title, failures)
       VALUES (account, whatsapp_report_hour(coalesce(NEW.failed_at, NEW.created_at)), coalesce(NEW.error_code, 0), coalesce(NEW.error_explanation_key, ''), NEW.error_title, 1)
       ON CONFLICT (hour, account_id, error_code, explanation_key)
       DO UPDATE SET failures = r.failures + 1, error_title = coalesce(EXCLUDED.error_title, r.error_title);
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_message_failed" AFTER UPDATE OF "status", "failed_at", "error_code", "error_explanation_key" ON "whatsapp_messages"
     FOR EACH ROW WHEN ((OLD.status = 'failed' OR NEW.status = 'failed')
                        AND (OLD.status, OLD.failed_at, OLD.error_code, OLD.error_explanation_key) IS DISTINCT FROM (NEW.status, NEW.failed_at, NEW.error_code, NEW.error_explanation_key))
     EXECUTE FUNCTION whatsapp_report_on_message_failed()`,

  `CREATE FUNCTION whatsapp_report_on_survey_answered() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE whatsapp_report_conversations SET csat_rating = NEW.rating, csat_agent_id = NEW.agent_id, csat_at = NEW.answered_at
      WHERE conversation_id = NEW.conversation_id AND (csat_at IS NULL OR csat_at <= NEW.answered_at);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_survey_answered" AFTER INSERT OR UPDATE OF "rating", "answered_at" ON "whatsapp_satisfaction_surveys"
     FOR EACH ROW WHEN (NEW.rating IS NOT NULL) EXECUTE FUNCTION whatsapp_report_on_survey_answered()`,

  // A timer counts once: breached when it breaches, met when it stops before.
  `CREATE FUNCTION whatsapp_report_on_timer_ended() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF OLD.breached_at IS NULL AND NEW.breached_at IS NOT NULL THEN
       UPDATE whatsapp_report_conversations SET sla_breached = sla_breached + 1 WHERE conversation_id = NEW.conversation_id;
     ELSIF OLD.stopped_at IS NULL AND NEW.stopped_at IS NOT NULL AND NEW.breached_at IS NULL THEN
       UPDATE whatsapp_report_conversations SET sla_met = sla_met + 1 WHERE conversation_id = NEW.conversation_id;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_timer_ended" AFTER UPDATE OF "breached_at", "stopped_at" ON "whatsapp_sla_timers"
     FOR EACH ROW EXECUTE FUNCTION whatsapp_report_on_timer_ended()`,

  // From scratch, in another formulation: a human message is a response when the message before
  // it (customer or human, in time order) is the customer's; the customer has waited since the
  // last customer message that followed a human one (or opened the conversation).
  `CREATE FUNCTION whatsapp_report_responses() RETURNS TABLE (conversation_id uuid, at timestamptz, agent text, since timestamptz, first boolean)
   LANGUAGE sql STABLE AS $$
     WITH seq AS (
       SELECT m.conversation_id, m.created_at AS at, m.id, m.direction, m.sent_by_id,
              lag(m.direction) OVER w AS previous
         FROM whatsapp_messages m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND m.origin IS DISTINCT FROM 'history'
       WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id::text)
     ), starts AS (
       SELECT *, max(CASE WHEN direction = 'inbound' AND previous IS DISTINCT FROM 'inbound' THEN at END)
                   OVER (PARTITION BY conversation_id ORDER BY at, id::text ROWS UNBOUNDED PRECEDING) AS waiting
         FROM seq
     )
     SELECT conversation_id, at, sent_by_id, waiting, row_number() OVER (PARTITION BY conversation_id ORDER BY at, id::text) = 1
       FROM starts WHERE direction = 'outbound' AND previous = 'inbound'
   $$`,
  `CREATE FUNCTION whatsapp_report_expected_conversations()
   RETURNS TABLE (conversation_id uuid, account_id uuid, assignee_id varchar, labels text[], opened_at timestamptz, first_inbound_at timestamptz,
                  waiting_since timestamptz, first_response_at timestamptz, first_response_seconds integer, first_responder_id varchar,
                  resolved_at timestamptz, resolution_seconds integer, csat_rating smallint, csat_agent_id varchar, csat_at timestamptz,
                  sla_met integer, sla_breached integer)
   LANGUAGE sql STABLE AS $$
     WITH responses AS (SELECT * FROM whatsapp_report_responses()),
     last_message AS (
       SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.direction, m.created_at
         FROM whatsapp_messages m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND m.origin IS DISTINCT FROM 'history'
        ORDER BY m.conversation_id, m.created_at DESC, m.id::text DESC
     ), waiting AS (
       -- Customer messages at the end of the conversation: the first of them.
       SELECT m.conversation_id, min(m.created_at) AS since
         FROM whatsapp_messages m
         JOIN last_message l ON l.conversation_id = m.conversation_id AND l.direction = 'inbound'
        WHERE m.direction = 'inbound' AND m.origin IS DISTINCT FROM 'history'
          AND m.created_at >= coalesce((SELECT max(h.created_at) FROM whatsapp_messages h
                                         WHERE h.conversation_id = m.conversation_id AND h.direction = 'outbound' AND h.automation IS NULL
                                           AND h.origin IS DISTINCT FROM 'history'), '-infinity')
        GROUP BY m.conversation_id
     ), survey AS (
       SELECT DISTINCT ON (s.conversation_id) s.conversation_id, s.rating, s.agent_id, s.answered_at
         FROM whatsapp_satisfaction_surveys s WHERE s.rating IS NOT NULL
        ORDER BY s.conversation_id, s.answered_at DESC
     )
     SELECT c.id, c.account_id, c.assignee_id, c.labels, c.created_at,
            (SELECT min(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.origin IS DISTINCT FROM 'history'),
            w.since, r.at,
            CASE WHEN r.at IS NOT NULL THEN greatest(0, round(extract(epoch FROM r.at -
              (SELECT min(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.origin IS DISTINCT FROM 'history'))))::int END,
            r.agent,
            CASE WHEN c.status = 'resolved' THEN c.resolved_at END,
            CASE WHEN c.status = 'resolved' THEN greatest(0, extract(epoch FROM c.resolved_at - c.created_at))::int END,
            s.rating, s.agent_id, s.answered_at,
            (SELECT count(*) FROM whatsapp_sla_timers t WHERE t.conversation_id = c.id AND t.stopped_at IS NOT NULL AND t.breached_at IS NULL)::int,
            (SELECT count(*) FROM whatsapp_sla_timers t WHERE t.conversation_id = c.id AND t.breached_at IS NOT NULL)::int
       FROM whatsapp_conversations c
       LEFT JOIN waiting w ON w.conversation_id = c.id
       LEFT JOIN responses r ON r.conversation_id = c.id AND r.first
       LEFT JOIN survey s ON s.conversation_id = c.id
   $$`,
  `CREATE FUNCTION whatsapp_report_expected_hours()
   RETURNS TABLE (account_id uuid, hour timestamptz, assignee_id text, label text, opened integer, resolved integer, inbound integer,
                  human_replies integer, automatic_replies integer)
   LANGUAGE sql STABLE AS $$
     SELECT t.account_id, t.hour, t.assignee_id, t.label, sum(t.opened)::int, sum(t.resolved)::int, sum(t.inbound)::int,
            sum(t.human_replies)::int, sum(t.automatic_replies)::int
       FROM whatsapp_conversations c
      CROSS JOIN LATERAL whatsapp_report_traffic_of(c.id, c.account_id, c.assignee_id, c.labels, c.created_at, c.status, c.resolved_at, 1) t
      GROUP BY 1, 2, 3, 4
   $$`,
  `CREATE FUNCTION whatsapp_report_expected_agent_hours()
   RETURNS TABLE (account_id uuid, hour timestamptz, agent_id text, replies integer, responses integer, response_seconds bigint)
   LANGUAGE sql STABLE AS $$
     SELECT c.account_id, x.hour, x.agent, sum(x.replies)::int, sum(x.responses)::int, sum(x.seconds)::bigint
       FROM (
         SELECT m.conversation_id, whatsapp_report_hour(m.created_at) AS hour, coalesce(m.sent_by_id, '') AS agent, 1 AS replies, 0 AS responses, 0::bigint AS seconds
           FROM whatsapp_messages m WHERE m.direction = 'outbound' AND m.automation IS NULL AND m.origin IS DISTINCT FROM 'history'
         UNION ALL
         SELECT r.conversation_id, whatsapp_report_hour(r.at), coalesce(r.agent, ''), 0, 1, greatest(0, round(extract(epoch FROM r.at - r.since)))::bigint
           FROM whatsapp_report_responses() r
       ) x JOIN whatsapp_conversations c ON c.id = x.conversation_id
      GROUP BY 1, 2, 3
   $$`,
  `CREATE FUNCTION whatsapp_report_expected_failures()
   RETURNS TABLE (account_id uuid, hour timestamptz, error_code integer, explanation_key varchar, error_title text, failures integer)
   LANGUAGE sql STABLE AS $$
     SELECT c.account_id, whatsapp_report_hour(coalesce(m.failed_at, m.created_at)), coalesce(m.error_code, 0), coalesce(m.error_explanation_key, ''),
            max(m.error_title), count(*)::int
       FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.status = 'failed'
      GROUP BY 1, 2, 3, 4
   $$`,
];

const BACKFILL = [
  `INSERT INTO whatsapp_report_conversations SELECT * FROM whatsapp_report_expected_conversations()`,
  `INSERT INTO whatsapp_report_hours SELECT * FROM whatsapp_report_expected_hours()
     WHERE (opened, resolved, inbound, human_replies, automatic_replies) <> (0, 0, 0, 0, 0)`,
  `INSERT INTO whatsapp_report_agent_hours SELECT * FROM whatsapp_report_expected_agent_hours()`,
  `INSERT INTO whatsapp_report_failures SELECT * FROM whatsapp_report_expected_failures()`,
];

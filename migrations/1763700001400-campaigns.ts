import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (issue #17): broadcasts of one approved template to an audience, with one row per
 * recipient (the message it got, or why it was skipped); sequences of steps that contacts are
 * enrolled in, with each enrollment's timeline; what the send pipeline needs for them (a send
 * cap shared by a broadcast's messages, the Marketing Messages API), and the contact's own time
 * zone and attributes (audiences, parameters, branches).
 */
export class Campaigns1763700001400 implements MigrationInterface {
  name = 'Campaigns1763700001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "time_zone" character varying(64)`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "attributes" jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "marketing_messages_api" boolean NOT NULL DEFAULT false`);

    await q.query(`ALTER TABLE "whatsapp_messages" ADD "send_cap_key" character varying(100)`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "send_cap_per_second" double precision`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "marketing_api" boolean NOT NULL DEFAULT false`);
    // A broadcast keeps only a few seconds of messages queued ahead of its cap: it counts them here.
    await q.query(
      `CREATE INDEX "ix_whatsapp_messages_send_cap_in_flight" ON "whatsapp_messages" ("send_cap_key") WHERE "send_cap_key" IS NOT NULL AND "status" IN ('queued', 'sending')`,
    );

    await q.query(`
      CREATE TABLE "whatsapp_broadcasts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "template_id" uuid,
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "audience" jsonb NOT NULL DEFAULT '{}',
        "parameters" jsonb NOT NULL DEFAULT '{}',
        "messages_per_second" double precision,
        "use_marketing_api" boolean NOT NULL DEFAULT false,
        "scheduled_at" TIMESTAMP WITH TIME ZONE,
        "started_at" TIMESTAMP WITH TIME ZONE,
        "paused_at" TIMESTAMP WITH TIME ZONE,
        "paused_reason" character varying(100),
        "fed_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "recipients_total" integer NOT NULL DEFAULT 0,
        "created_by_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_broadcasts" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_broadcasts_status" CHECK ("status" IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')),
        CONSTRAINT "ck_whatsapp_broadcasts_rate" CHECK ("messages_per_second" IS NULL OR "messages_per_second" > 0),
        CONSTRAINT "fk_whatsapp_broadcasts_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_broadcasts_template" FOREIGN KEY ("template_id") REFERENCES "whatsapp_templates"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_broadcasts_created_by" FOREIGN KEY ("created_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_broadcasts_due" ON "whatsapp_broadcasts" ("scheduled_at") WHERE "status" = 'scheduled'`);

    await q.query(`
      CREATE TABLE "whatsapp_broadcast_recipients" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "broadcast_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "phone_input" character varying(100),
        "wa_id" character varying(32),
        "contact_id" uuid,
        "crm_record_label" character varying(300),
        "values" jsonb NOT NULL DEFAULT '{}',
        "state" character varying(20) NOT NULL DEFAULT 'pending',
        "skip_reason" character varying(40),
        "message_id" uuid,
        "replied_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_broadcast_recipients" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_broadcast_recipients_position" UNIQUE ("broadcast_id", "position"),
        CONSTRAINT "uq_whatsapp_broadcast_recipients_message" UNIQUE ("message_id"),
        CONSTRAINT "ck_whatsapp_broadcast_recipients_state" CHECK ("state" IN ('pending', 'queued', 'skipped')),
        CONSTRAINT "fk_whatsapp_broadcast_recipients_broadcast" FOREIGN KEY ("broadcast_id") REFERENCES "whatsapp_broadcasts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_broadcast_recipients_contact" FOREIGN KEY ("contact_id") REFERENCES "whatsapp_contacts"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_broadcast_recipients_message" FOREIGN KEY ("message_id") REFERENCES "whatsapp_messages"("id") ON DELETE SET NULL
      )`);
    // One message per phone per broadcast, whatever the feeders do: the database refuses a second live row.
    await q.query(
      `CREATE UNIQUE INDEX "uq_whatsapp_broadcast_recipients_phone" ON "whatsapp_broadcast_recipients" ("broadcast_id", "wa_id") WHERE "state" <> 'skipped'`,
    );
    await q.query(
      `CREATE INDEX "ix_whatsapp_broadcast_recipients_pending" ON "whatsapp_broadcast_recipients" ("broadcast_id", "position") WHERE "state" = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "ix_whatsapp_broadcast_recipients_awaiting_reply" ON "whatsapp_broadcast_recipients" ("contact_id") WHERE "state" = 'queued' AND "replied_at" IS NULL`,
    );

    await q.query(`
      CREATE TABLE "whatsapp_sequences" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'active',
        "steps" jsonb NOT NULL DEFAULT '[]',
        "triggers" jsonb NOT NULL DEFAULT '[]',
        "exit_on_reply" boolean NOT NULL DEFAULT true,
        "exit_on_resolve" boolean NOT NULL DEFAULT false,
        "created_by_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_sequences" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_sequences_status" CHECK ("status" IN ('active', 'paused')),
        CONSTRAINT "fk_whatsapp_sequences_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_sequences_created_by" FOREIGN KEY ("created_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_sequence_enrollments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "sequence_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'active',
        "exit_reason" character varying(30),
        "source" character varying(20) NOT NULL,
        "current_step_id" character varying(40),
        "next_run_at" TIMESTAMP WITH TIME ZONE,
        "last_sent_at" TIMESTAMP WITH TIME ZONE,
        "enrolled_by_id" character varying(200),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_sequence_enrollments" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_sequence_enrollments_status" CHECK ("status" IN ('active', 'completed', 'exited')),
        CONSTRAINT "fk_whatsapp_sequence_enrollments_sequence" FOREIGN KEY ("sequence_id") REFERENCES "whatsapp_sequences"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_sequence_enrollments_contact" FOREIGN KEY ("contact_id") REFERENCES "whatsapp_contacts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_sequence_enrollments_enrolled_by" FOREIGN KEY ("enrolled_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    // One active enrollment per contact and sequence: two enrolments racing collide here.
    await q.query(
      `CREATE UNIQUE INDEX "uq_whatsapp_sequence_enrollments_active" ON "whatsapp_sequence_enrollments" ("sequence_id", "contact_id") WHERE "status" = 'active'`,
    );
    await q.query(`CREATE INDEX "ix_whatsapp_sequence_enrollments_due" ON "whatsapp_sequence_enrollments" ("next_run_at") WHERE "status" = 'active'`);
    await q.query(`CREATE INDEX "ix_whatsapp_sequence_enrollments_contact" ON "whatsapp_sequence_enrollments" ("contact_id") WHERE "status" = 'active'`);

    await q.query(`
      CREATE TABLE "whatsapp_sequence_enrollment_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enrollment_id" uuid NOT NULL,
        "kind" character varying(30) NOT NULL,
        "step_id" character varying(40),
        "message_id" uuid,
        "details" jsonb NOT NULL DEFAULT '{}',
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_whatsapp_sequence_enrollment_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_sequence_enrollment_events_enrollment" FOREIGN KEY ("enrollment_id") REFERENCES "whatsapp_sequence_enrollments"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_sequence_enrollment_events_message" FOREIGN KEY ("message_id") REFERENCES "whatsapp_messages"("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_sequence_enrollment_events_timeline" ON "whatsapp_sequence_enrollment_events" ("enrollment_id", "at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_sequence_enrollment_events"`);
    await q.query(`DROP TABLE "whatsapp_sequence_enrollments"`);
    await q.query(`DROP TABLE "whatsapp_sequences"`);
    await q.query(`DROP TABLE "whatsapp_broadcast_recipients"`);
    await q.query(`DROP TABLE "whatsapp_broadcasts"`);
    await q.query(`DROP INDEX "ix_whatsapp_messages_send_cap_in_flight"`);
    for (const column of ['marketing_api', 'send_cap_per_second', 'send_cap_key']) await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "${column}"`);
    await q.query(`ALTER TABLE "whatsapp_accounts" DROP COLUMN "marketing_messages_api"`);
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "attributes"`);
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "time_zone"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full composer (#14): private notes and @mentions, canned replies, scheduled messages,
 * snoozed conversations, "replying assigns" per number, and the CRM record's fields that canned
 * replies fill in.
 */
export class Composer1763700001150 implements MigrationInterface {
  name = 'Composer1763700001150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "assign_on_reply" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "crm_record_fields" jsonb`);

    await q.query(`ALTER TABLE "whatsapp_conversations" ADD "snoozed_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_conversations" DROP CONSTRAINT "ck_whatsapp_conversations_status"`);
    await q.query(
      `ALTER TABLE "whatsapp_conversations" ADD CONSTRAINT "ck_whatsapp_conversations_status" CHECK ("status" IN ('open', 'pending', 'snoozed', 'resolved'))`,
    );

    await q.query(`
      CREATE TABLE "whatsapp_conversation_notes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "author_id" character varying(200),
        "body" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_conversation_notes" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_conversation_notes_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversation_notes_author" FOREIGN KEY ("author_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversation_notes_conversation_created" ON "whatsapp_conversation_notes" ("conversation_id", "created_at")`);

    await q.query(`
      CREATE TABLE "whatsapp_mentions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "note_id" uuid NOT NULL,
        "conversation_id" uuid NOT NULL,
        "agent_id" character varying(200) NOT NULL,
        "seen_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_mentions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_mentions_note_agent" UNIQUE ("note_id", "agent_id"),
        CONSTRAINT "fk_whatsapp_mentions_note" FOREIGN KEY ("note_id") REFERENCES "whatsapp_conversation_notes"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_mentions_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_mentions_agent" FOREIGN KEY ("agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_mentions_agent_unseen" ON "whatsapp_mentions" ("agent_id", "created_at") WHERE "seen_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_whatsapp_mentions_conversation" ON "whatsapp_mentions" ("conversation_id")`);

    await q.query(`
      CREATE TABLE "whatsapp_canned_replies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "shortcut" character varying(40) NOT NULL,
        "title" character varying(100) NOT NULL,
        "body" text NOT NULL,
        "language" character varying(10),
        "owner_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_whatsapp_canned_replies_shortcut" CHECK ("shortcut" ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
        CONSTRAINT "pk_whatsapp_canned_replies" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_canned_replies_owner" FOREIGN KEY ("owner_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_whatsapp_canned_replies_shared" ON "whatsapp_canned_replies" ("shortcut", (COALESCE("language", ''))) WHERE "owner_id" IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_whatsapp_canned_replies_personal" ON "whatsapp_canned_replies" ("owner_id", "shortcut", (COALESCE("language", ''))) WHERE "owner_id" IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE "whatsapp_scheduled_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "author_id" character varying(200) NOT NULL,
        "send_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "content" jsonb NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'scheduled',
        "message_id" uuid,
        "failure_key" character varying(100),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_whatsapp_scheduled_messages_status" CHECK ("status" IN ('scheduled', 'sent', 'canceled', 'failed')),
        CONSTRAINT "pk_whatsapp_scheduled_messages" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_scheduled_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_scheduled_messages_author" FOREIGN KEY ("author_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_scheduled_messages_message" FOREIGN KEY ("message_id") REFERENCES "whatsapp_messages"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_scheduled_messages_conversation" ON "whatsapp_scheduled_messages" ("conversation_id", "send_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_scheduled_messages"`);
    await q.query(`DROP TABLE "whatsapp_canned_replies"`);
    await q.query(`DROP TABLE "whatsapp_mentions"`);
    await q.query(`DROP TABLE "whatsapp_conversation_notes"`);
    await q.query(`UPDATE "whatsapp_conversations" SET "status" = 'open' WHERE "status" = 'snoozed'`);
    await q.query(`ALTER TABLE "whatsapp_conversations" DROP CONSTRAINT "ck_whatsapp_conversations_status"`);
    await q.query(
      `ALTER TABLE "whatsapp_conversations" ADD CONSTRAINT "ck_whatsapp_conversations_status" CHECK ("status" IN ('open', 'pending', 'resolved'))`,
    );
    await q.query(`ALTER TABLE "whatsapp_conversations" DROP COLUMN "snoozed_until"`);
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "crm_record_fields"`);
    await q.query(`ALTER TABLE "whatsapp_accounts" DROP COLUMN "assign_on_reply"`);
  }
}

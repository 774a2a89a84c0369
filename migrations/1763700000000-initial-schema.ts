import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. Hand-written SQL, kept identical to the entities by
 * test/integration/migrations.test.ts (which fails on any drift).
 */
export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_agents" (
        "id" character varying(200) NOT NULL,
        "name" character varying(200) NOT NULL,
        "email" character varying(320),
        "role" character varying(20) NOT NULL DEFAULT 'agent',
        "language" character varying(10),
        "is_active" boolean NOT NULL DEFAULT true,
        "last_seen_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_agents" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_agents_role" CHECK ("role" IN ('super_admin', 'manager', 'agent'))
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "phone_number_id" character varying(64) NOT NULL,
        "waba_id" character varying(64) NOT NULL,
        "display_phone_number" character varying(32),
        "name" character varying(200) NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'active',
        "default_region" character varying(2) NOT NULL DEFAULT 'DZ',
        "access_token_encrypted" text,
        "app_secret_encrypted" text,
        "verify_token_encrypted" text,
        "last_interaction_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_accounts_phone_number_id" UNIQUE ("phone_number_id"),
        CONSTRAINT "ck_whatsapp_accounts_status" CHECK ("status" IN ('active', 'inactive'))
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_leads" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_name" character varying(300) NOT NULL,
        "contact_name" character varying(200),
        "phone_e164" character varying(20),
        "email" character varying(320),
        "source" character varying(30) NOT NULL DEFAULT 'manual',
        "status" character varying(20) NOT NULL DEFAULT 'new',
        "notes" text,
        "assignee_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_leads" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_leads_status" CHECK ("status" IN ('new', 'contacted', 'qualified', 'won', 'lost')),
        CONSTRAINT "fk_whatsapp_leads_assignee" FOREIGN KEY ("assignee_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_leads_phone_e164" ON "whatsapp_leads" ("phone_e164")`);

    await q.query(`
      CREATE TABLE "whatsapp_contacts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "wa_id" character varying(32),
        "user_id" character varying(128),
        "phone_e164" character varying(20),
        "profile_name" character varying(200),
        "display_name" character varying(200),
        "crm_record_type" character varying(100),
        "crm_record_id" character varying(100),
        "crm_record_label" character varying(300),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_contacts" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_contacts_account_wa_id" UNIQUE ("account_id", "wa_id"),
        CONSTRAINT "ck_whatsapp_contacts_identity" CHECK ("wa_id" IS NOT NULL OR "user_id" IS NOT NULL),
        CONSTRAINT "fk_whatsapp_contacts_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_contacts_account_user_id" ON "whatsapp_contacts" ("account_id", "user_id")`);
    await q.query(`CREATE INDEX "ix_whatsapp_contacts_phone_e164" ON "whatsapp_contacts" ("phone_e164")`);

    await q.query(`
      CREATE TABLE "whatsapp_conversations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'open',
        "assignee_id" character varying(200),
        "intent" character varying(50),
        "labels" text array NOT NULL DEFAULT '{}',
        "lead_id" uuid,
        "unread_count" integer NOT NULL DEFAULT 0,
        "last_message_at" TIMESTAMP WITH TIME ZONE,
        "last_inbound_at" TIMESTAMP WITH TIME ZONE,
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_conversations" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_conversations_status" CHECK ("status" IN ('open', 'pending', 'resolved')),
        CONSTRAINT "ck_whatsapp_conversations_unread" CHECK ("unread_count" >= 0),
        CONSTRAINT "fk_whatsapp_conversations_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversations_contact" FOREIGN KEY ("contact_id") REFERENCES "whatsapp_contacts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversations_assignee" FOREIGN KEY ("assignee_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_conversations_lead" FOREIGN KEY ("lead_id") REFERENCES "whatsapp_leads"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_conversations_live_per_contact" ON "whatsapp_conversations" ("account_id", "contact_id") WHERE "status" <> 'resolved'`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_status_last_message" ON "whatsapp_conversations" ("status", "last_message_at")`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_assignee_status" ON "whatsapp_conversations" ("assignee_id", "status")`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_account" ON "whatsapp_conversations" ("account_id")`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_contact" ON "whatsapp_conversations" ("contact_id")`);

    await q.query(`
      CREATE TABLE "whatsapp_templates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "name" character varying(512) NOT NULL,
        "language" character varying(15) NOT NULL,
        "category" character varying(20),
        "status" character varying(30) NOT NULL DEFAULT 'PENDING',
        "quality" character varying(10),
        "parameter_format" character varying(12) NOT NULL DEFAULT 'POSITIONAL',
        "components" jsonb NOT NULL DEFAULT '[]',
        "rejection_reason" text,
        "meta_id" character varying(64),
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_templates" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_templates_account_name_language" UNIQUE ("account_id", "name", "language"),
        CONSTRAINT "fk_whatsapp_templates_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "wamid" character varying(255),
        "direction" character varying(10) NOT NULL,
        "type" character varying(30) NOT NULL,
        "body" text,
        "payload" jsonb,
        "status" character varying(10) NOT NULL,
        "queued_at" TIMESTAMP WITH TIME ZONE,
        "sending_at" TIMESTAMP WITH TIME ZONE,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "read_at" TIMESTAMP WITH TIME ZONE,
        "failed_at" TIMESTAMP WITH TIME ZONE,
        "received_at" TIMESTAMP WITH TIME ZONE,
        "error_code" integer,
        "error_title" text,
        "error_details" text,
        "reply_to_wamid" character varying(255),
        "reactions" jsonb NOT NULL DEFAULT '[]',
        "media_id" character varying(128),
        "media_mime_type" character varying(128),
        "media_sha256" character varying(128),
        "media_file_name" character varying(512),
        "media_size" bigint,
        "media_storage_path" text,
        "sent_by_id" character varying(200),
        "template_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_messages" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_messages_direction" CHECK ("direction" IN ('inbound', 'outbound')),
        CONSTRAINT "ck_whatsapp_messages_status" CHECK ("status" IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received')),
        CONSTRAINT "fk_whatsapp_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_messages_sent_by" FOREIGN KEY ("sent_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_messages_template" FOREIGN KEY ("template_id") REFERENCES "whatsapp_templates"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_messages_wamid" ON "whatsapp_messages" ("wamid")`);
    await q.query(`CREATE INDEX "ix_whatsapp_messages_conversation_created" ON "whatsapp_messages" ("conversation_id", "created_at")`);

    await q.query(`
      CREATE TABLE "whatsapp_webhook_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "raw_body" text NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}',
        "body_sha256" character(64) NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "status" character varying(20) NOT NULL DEFAULT 'received',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text,
        "processed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_whatsapp_webhook_events" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_webhook_events_status" CHECK ("status" IN ('received', 'processed', 'failed', 'unroutable', 'ignored', 'unparseable'))
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_webhook_events_status_received" ON "whatsapp_webhook_events" ("status", "received_at")`);
    await q.query(`CREATE INDEX "ix_whatsapp_webhook_events_received" ON "whatsapp_webhook_events" ("received_at")`);

    await q.query(`
      CREATE TABLE "whatsapp_conversation_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "conversation_id" uuid NOT NULL,
        "kind" character varying(40) NOT NULL,
        "actor_id" character varying(200),
        "details" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_conversation_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_conversation_events_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversation_events_actor" FOREIGN KEY ("actor_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversation_events_conversation_created" ON "whatsapp_conversation_events" ("conversation_id", "created_at")`);

    await q.query(`
      CREATE TABLE "whatsapp_permission_grants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agent_id" character varying(200) NOT NULL,
        "permission" character varying(50) NOT NULL,
        "account_id" uuid,
        "granted_by_id" character varying(200),
        "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_permission_grants" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_permission_grants_agent" FOREIGN KEY ("agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_permission_grants_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_permission_grants_granted_by" FOREIGN KEY ("granted_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_permission_grants_agent" ON "whatsapp_permission_grants" ("agent_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_permission_grants_all_numbers" ON "whatsapp_permission_grants" ("agent_id", "permission") WHERE "account_id" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_permission_grants_one_number" ON "whatsapp_permission_grants" ("agent_id", "permission", "account_id") WHERE "account_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'whatsapp_permission_grants', 'whatsapp_conversation_events',
      'whatsapp_webhook_events', 'whatsapp_messages', 'whatsapp_templates', 'whatsapp_conversations',
      'whatsapp_contacts', 'whatsapp_leads', 'whatsapp_accounts', 'whatsapp_agents',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

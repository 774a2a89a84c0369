import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Meta sends in 2026 (issue #13): username customers (BSUID identity), marketing consent,
 * coexistence echoes and history, edits and deletions, per-message pricing and its cost, ad
 * attribution, number health notices, template notices, and the rate cards managers upload.
 */
export class EveryPayload1763700001000 implements MigrationInterface {
  name = 'EveryPayload1763700001000';

  async up(q: QueryRunner): Promise<void> {
    // An empty wa_id merged every username customer into one contact: it is "no phone".
    await q.query(`UPDATE "whatsapp_contacts" SET "wa_id" = NULL WHERE "wa_id" = '' AND "user_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD CONSTRAINT "ck_whatsapp_contacts_wa_id_not_blank" CHECK ("wa_id" <> '')`);
    // One BSUID is one person on a number: keep the oldest contact's claim when rows share one.
    await q.query(`
      UPDATE "whatsapp_contacts" c SET "user_id" = NULL
       WHERE c."wa_id" IS NOT NULL AND EXISTS (
         SELECT 1 FROM "whatsapp_contacts" o
          WHERE o."account_id" = c."account_id" AND o."user_id" = c."user_id" AND (o."created_at", o."id") < (c."created_at", c."id"))`);
    await q.query(`DROP INDEX "ix_whatsapp_contacts_account_user_id"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_whatsapp_contacts_account_user_id" ON "whatsapp_contacts" ("account_id", "user_id") WHERE "user_id" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "username" character varying(100)`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "app_contact_synced_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "marketing_opted_out_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "marketing_consent_source" character varying(40)`);
    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "marketing_consent_changed_at" TIMESTAMP WITH TIME ZONE`);

    for (const [column, type] of [
      ['pricing_model', 'character varying(10)'],
      ['pricing_category', 'character varying(40)'],
      ['pricing_type', 'character varying(40)'],
      ['billable', 'boolean'],
      ['cost_micros', 'bigint'],
      ['cost_currency', 'character(3)'],
      ['recipient_country', 'character varying(2)'],
      ['origin', 'character varying(20)'],
      ['edited_at', 'TIMESTAMP WITH TIME ZONE'],
      ['edit_history', 'jsonb'],
      ['deleted_at', 'TIMESTAMP WITH TIME ZONE'],
    ]) {
      await q.query(`ALTER TABLE "whatsapp_messages" ADD "${column}" ${type}`);
    }
    await q.query(
      `ALTER TABLE "whatsapp_messages" ADD CONSTRAINT "ck_whatsapp_messages_origin" CHECK ("origin" IN ('business_app', 'history'))`,
    );

    // Edits and deletions by wamid of the message they change, applied when it is stored (as reactions are).
    await q.query(`
      CREATE TABLE "whatsapp_message_revisions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "contact_id" uuid NOT NULL,
        "direction" character varying(10) NOT NULL,
        "revision_wamid" character varying(255) NOT NULL,
        "target_wamid" character varying(255) NOT NULL,
        "kind" character varying(10) NOT NULL,
        "body" text,
        "payload" jsonb NOT NULL,
        "revised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_message_revisions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_message_revisions_revision_wamid" UNIQUE ("revision_wamid"),
        CONSTRAINT "ck_whatsapp_message_revisions_kind" CHECK ("kind" IN ('edit', 'revoke')),
        CONSTRAINT "ck_whatsapp_message_revisions_direction" CHECK ("direction" IN ('inbound', 'outbound')),
        CONSTRAINT "fk_whatsapp_message_revisions_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_message_revisions_contact" FOREIGN KEY ("contact_id") REFERENCES "whatsapp_contacts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_message_revisions_target" ON "whatsapp_message_revisions" ("target_wamid")`);

    await q.query(`ALTER TABLE "whatsapp_conversations" ADD "referral" jsonb`);
    await q.query(`ALTER TABLE "whatsapp_conversations" ADD "referral_source_id" character varying(100)`);
    await q.query(`ALTER TABLE "whatsapp_conversations" ADD "referral_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_conversations_referral_source" ON "whatsapp_conversations" ("referral_source_id") WHERE "referral_source_id" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "whatsapp_leads" ADD "attribution" jsonb`);

    for (const [column, type] of [
      ['blocked_at', 'TIMESTAMP WITH TIME ZONE'],
      ['blocked_reason_key', 'character varying(100)'],
      ['blocked_details', 'text'],
      ['messaging_limit', 'character varying(30)'],
      ['throughput_level', 'character varying(30)'],
      ['verified_name', 'character varying(200)'],
      ['name_status', 'character varying(20)'],
      ['review_status', 'character varying(20)'],
    ]) {
      await q.query(`ALTER TABLE "whatsapp_accounts" ADD "${column}" ${type}`);
    }
    await q.query(`
      CREATE TABLE "whatsapp_account_notices" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "field" character varying(60) NOT NULL,
        "topic" character varying(80) NOT NULL,
        "event" character varying(80) NOT NULL,
        "severity" character varying(15) NOT NULL,
        "summary_key" character varying(100) NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_account_notices" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_account_notices_occurrence" UNIQUE ("account_id", "topic", "event", "occurred_at"),
        CONSTRAINT "ck_whatsapp_account_notices_severity" CHECK ("severity" IN ('info', 'warning', 'critical')),
        CONSTRAINT "fk_whatsapp_account_notices_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_account_notices_account_occurred" ON "whatsapp_account_notices" ("account_id", "occurred_at")`);

    await q.query(`ALTER TABLE "whatsapp_templates" ADD "pending_category" character varying(20)`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "category_change_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "disable_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "components_updated_at" TIMESTAMP WITH TIME ZONE`);

    // Meta's rate card, one row per country and category (a "Rest of …" market expanded to its
    // countries; ZZ is "Other"), so that a message's cost is a join on its recipient's country.
    await q.query(`
      CREATE TABLE "whatsapp_rate_cards" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "effective_from" date NOT NULL,
        "market" character varying(60) NOT NULL,
        "country" character varying(2) NOT NULL,
        "category" character varying(40) NOT NULL,
        "currency" character(3) NOT NULL,
        "price_micros" bigint NOT NULL,
        "uploaded_by_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_rate_cards" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_rate_cards_rate" UNIQUE ("effective_from", "country", "category"),
        CONSTRAINT "ck_whatsapp_rate_cards_price" CHECK ("price_micros" >= 0),
        CONSTRAINT "fk_whatsapp_rate_cards_uploaded_by" FOREIGN KEY ("uploaded_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_rate_cards"`);
    for (const column of ['components_updated_at', 'disable_at', 'category_change_at', 'pending_category']) {
      await q.query(`ALTER TABLE "whatsapp_templates" DROP COLUMN "${column}"`);
    }
    await q.query(`DROP TABLE "whatsapp_account_notices"`);
    for (const column of ['review_status', 'name_status', 'verified_name', 'throughput_level', 'messaging_limit', 'blocked_details', 'blocked_reason_key', 'blocked_at']) {
      await q.query(`ALTER TABLE "whatsapp_accounts" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "whatsapp_leads" DROP COLUMN "attribution"`);
    await q.query(`DROP INDEX "ix_whatsapp_conversations_referral_source"`);
    for (const column of ['referral_at', 'referral_source_id', 'referral']) {
      await q.query(`ALTER TABLE "whatsapp_conversations" DROP COLUMN "${column}"`);
    }
    await q.query(`DROP TABLE "whatsapp_message_revisions"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP CONSTRAINT "ck_whatsapp_messages_origin"`);
    for (const column of [
      'deleted_at', 'edit_history', 'edited_at', 'origin', 'recipient_country', 'cost_currency', 'cost_micros', 'billable', 'pricing_type',
      'pricing_category', 'pricing_model',
    ]) {
      await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "${column}"`);
    }
    for (const column of ['marketing_consent_changed_at', 'marketing_consent_source', 'marketing_opted_out_at', 'app_contact_synced_at', 'username']) {
      await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "${column}"`);
    }
    await q.query(`DROP INDEX "uq_whatsapp_contacts_account_user_id"`);
    await q.query(`CREATE INDEX "ix_whatsapp_contacts_account_user_id" ON "whatsapp_contacts" ("account_id", "user_id")`);
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP CONSTRAINT "ck_whatsapp_contacts_wa_id_not_blank"`);
  }
}

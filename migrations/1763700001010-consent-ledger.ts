import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ledger of marketing stops and resumes per contact, from which the contact's consent columns
 * are computed: order-independent, so the processor converges however deliveries arrive. The
 * consent already recorded becomes the ledger's first entry.
 */
export class ConsentLedger1763700001010 implements MigrationInterface {
  name = 'ConsentLedger1763700001010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_consent_changes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contact_id" uuid NOT NULL,
        "opted_out" boolean NOT NULL,
        "source" character varying(40) NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_consent_changes" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_consent_changes_contact_at_value" UNIQUE ("contact_id", "at", "opted_out"),
        CONSTRAINT "fk_whatsapp_consent_changes_contact" FOREIGN KEY ("contact_id") REFERENCES "whatsapp_contacts"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      INSERT INTO "whatsapp_consent_changes" ("contact_id", "opted_out", "source", "at")
      SELECT "id", "marketing_opted_out_at" IS NOT NULL, COALESCE("marketing_consent_source", 'user_preferences'), "marketing_consent_changed_at"
        FROM "whatsapp_contacts" WHERE "marketing_consent_changed_at" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_consent_changes"`);
  }
}

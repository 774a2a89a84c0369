import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the webhook processor needs besides the foundation schema: statuses that arrived
 * before their message (parked until the wamid appears) and the customers' reactions
 * (a ledger, so that reactions and their removals give the same result in any order).
 */
export class InboundProcessing1763700000100 implements MigrationInterface {
  name = 'InboundProcessing1763700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_pending_statuses" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "wamid" character varying(255) NOT NULL,
        "status" character varying(10) NOT NULL,
        "status_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recipient_id" character varying(128),
        "biz_opaque_callback_data" character varying(512),
        "payload" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_pending_statuses" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_pending_statuses_wamid_status" UNIQUE ("wamid", "status"),
        CONSTRAINT "fk_whatsapp_pending_statuses_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_pending_statuses_callback_data" ON "whatsapp_pending_statuses" ("biz_opaque_callback_data")`,
    );

    await q.query(`
      CREATE TABLE "whatsapp_message_reactions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "reaction_wamid" character varying(255) NOT NULL,
        "target_wamid" character varying(255) NOT NULL,
        "reactor" character varying(128) NOT NULL,
        "emoji" character varying(64),
        "reacted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_message_reactions" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_message_reactions_reaction_wamid" UNIQUE ("reaction_wamid"),
        CONSTRAINT "fk_whatsapp_message_reactions_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_message_reactions_target" ON "whatsapp_message_reactions" ("target_wamid")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_message_reactions"`);
    await q.query(`DROP TABLE "whatsapp_pending_statuses"`);
  }
}

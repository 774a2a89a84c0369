import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox: the audit of permission grants and revocations, and indexes that serve the agents'
 * first page (open conversations of an assignee or of a number, newest activity first) without a
 * sort over the whole table.
 */
export class InboxPermissions1763700000400 implements MigrationInterface {
  name = 'InboxPermissions1763700000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_permission_changes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agent_id" character varying(200) NOT NULL,
        "permission" character varying(50) NOT NULL,
        "account_id" uuid,
        "change" character varying(10) NOT NULL,
        "actor_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_whatsapp_permission_changes_change" CHECK ("change" IN ('granted', 'revoked')),
        CONSTRAINT "pk_whatsapp_permission_changes" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_permission_changes_agent" FOREIGN KEY ("agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_permission_changes_actor" FOREIGN KEY ("actor_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_permission_changes_agent_created" ON "whatsapp_permission_changes" ("agent_id", "created_at")`);

    await q.query(`DROP INDEX "ix_whatsapp_conversations_assignee_status"`);
    await q.query(`DROP INDEX "ix_whatsapp_conversations_account"`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_conversations_assignee_status_last" ON "whatsapp_conversations" ("assignee_id", "status", "last_message_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_whatsapp_conversations_account_status_last" ON "whatsapp_conversations" ("account_id", "status", "last_message_at")`,
    );
    // The live unread count of each agent: only conversations still waiting for someone.
    await q.query(
      `CREATE INDEX "ix_whatsapp_conversations_unread_waiting" ON "whatsapp_conversations" ("assignee_id", "account_id") WHERE "unread_count" > 0 AND "status" <> 'resolved'`,
    );

    // The dashboard's 30-day aggregates read these instead of scanning every message (bench:inbox:
    // messages per day 1,070 → 157 ms, failures by reason 237 → 9.5 ms on 2,000,000 messages).
    await q.query(`CREATE INDEX "ix_whatsapp_messages_created" ON "whatsapp_messages" ("created_at") INCLUDE ("direction", "conversation_id")`);
    await q.query(`CREATE INDEX "ix_whatsapp_messages_failed" ON "whatsapp_messages" ("failed_at") WHERE "status" = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_whatsapp_messages_failed"`);
    await q.query(`DROP INDEX "ix_whatsapp_messages_created"`);
    await q.query(`DROP INDEX "ix_whatsapp_conversations_unread_waiting"`);
    await q.query(`DROP INDEX "ix_whatsapp_conversations_account_status_last"`);
    await q.query(`DROP INDEX "ix_whatsapp_conversations_assignee_status_last"`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_account" ON "whatsapp_conversations" ("account_id")`);
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_assignee_status" ON "whatsapp_conversations" ("assignee_id", "status")`);
    await q.query(`DROP TABLE "whatsapp_permission_changes"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the sending side needs: per-number send settings, the "why nothing goes out" flags an
 * admin must see on a number or a template, the attempts and explanation of each outbound
 * message, and the rate-limit state every worker process shares (in PostgreSQL, never in a
 * process's memory).
 */
export class OutboundSending1763700000300 implements MigrationInterface {
  name = 'OutboundSending1763700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "messages_per_second" integer NOT NULL DEFAULT 80`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "mark_read_on_open" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "problem_code" integer`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "problem_message" text`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "problem_explanation_key" character varying(100)`);
    await q.query(`ALTER TABLE "whatsapp_accounts" ADD "problem_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "whatsapp_accounts" ADD CONSTRAINT "ck_whatsapp_accounts_messages_per_second" CHECK ("messages_per_second" BETWEEN 1 AND 10000)`,
    );

    await q.query(`ALTER TABLE "whatsapp_templates" ADD "problem_code" integer`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "problem_message" text`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "problem_explanation_key" character varying(100)`);
    await q.query(`ALTER TABLE "whatsapp_templates" ADD "problem_at" TIMESTAMP WITH TIME ZONE`);

    await q.query(`ALTER TABLE "whatsapp_messages" ADD "send_attempts" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "unknown_outcomes" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "error_explanation_key" character varying(100)`);
    // The reconciliation sweep looks only at these few rows, among millions of settled ones.
    await q.query(
      `CREATE INDEX "ix_whatsapp_messages_unsettled" ON "whatsapp_messages" ("status", "sending_at") WHERE "status" IN ('queued', 'sending', 'unknown')`,
    );

    // Not an entity: internal state of the rate limiter (GCRA), read and written by one statement per send.
    await q.query(`
      CREATE TABLE "whatsapp_send_rate_limits" (
        "key" character varying(200) NOT NULL,
        "theoretical_arrival_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "slowed_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_whatsapp_send_rate_limits" PRIMARY KEY ("key")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_send_rate_limits"`);
    await q.query(`DROP INDEX "ix_whatsapp_messages_unsettled"`);
    for (const column of ['error_explanation_key', 'next_attempt_at', 'unknown_outcomes', 'send_attempts']) {
      await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "${column}"`);
    }
    for (const column of ['problem_at', 'problem_explanation_key', 'problem_message', 'problem_code']) {
      await q.query(`ALTER TABLE "whatsapp_templates" DROP COLUMN "${column}"`);
    }
    await q.query(`ALTER TABLE "whatsapp_accounts" DROP CONSTRAINT "ck_whatsapp_accounts_messages_per_second"`);
    for (const column of ['problem_at', 'problem_explanation_key', 'problem_message', 'problem_code', 'mark_read_on_open', 'messages_per_second']) {
      await q.query(`ALTER TABLE "whatsapp_accounts" DROP COLUMN "${column}"`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which leads an agent may see is decided by the conversations they are linked to: the lead
 * lists and searches look conversations up by lead, once per lead.
 */
export class ConversationsByLead1763700000610 implements MigrationInterface {
  name = 'ConversationsByLead1763700000610';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_lead" ON "whatsapp_conversations" ("lead_id") WHERE "lead_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_whatsapp_conversations_lead"`);
  }
}

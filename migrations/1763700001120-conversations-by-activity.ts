import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Inbox page lists conversations of every status newest activity first (the *All* tab with
 * *any status*, 100,000 conversations) and search reads the newest conversations of a common name
 * first: both walk this index in order instead of sorting the table.
 */
export class ConversationsByActivity1763700001120 implements MigrationInterface {
  name = 'ConversationsByActivity1763700001120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_whatsapp_conversations_last_message" ON "whatsapp_conversations" ("last_message_at" DESC NULLS LAST, "id" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_whatsapp_conversations_last_message"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a message's media file could not be downloaded, so agents and admins see it instead of a silent gap. */
export class MediaDownloadError1763700000200 implements MigrationInterface {
  name = 'MediaDownloadError1763700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "media_error" character varying(40)`);
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "media_error_detail" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "media_error_detail"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "media_error"`);
  }
}

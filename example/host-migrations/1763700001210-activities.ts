import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sample CRM's own activity timeline: what happened with each of its records, WhatsApp
 * included (written from the plugin's events, one row per event id).
 */
export class Activities1763700001210 implements MigrationInterface {
  name = 'Activities1763700001210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "activities" (
        "id" serial PRIMARY KEY,
        "record_type" character varying(30) NOT NULL,
        "record_id" character varying(50) NOT NULL,
        "source_event_id" uuid UNIQUE,
        "kind" character varying(50) NOT NULL,
        "summary" text,
        "occurred_at" timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX "ix_activities_record" ON "activities" ("record_type", "record_id", "occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "activities"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runnable back office stands for a customer's CRM. These are "its own" tables (the
 * plugin never owns them), used to show how a CRM plugs its records into contact matching.
 */
export class SampleCrmTables1763700000500 implements MigrationInterface {
  name = 'SampleCrmTables1763700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "crm_organisations" (
        "id" serial PRIMARY KEY,
        "name" character varying(300) NOT NULL,
        "phone_e164" character varying(20)
      )`);
    await q.query(`CREATE INDEX "ix_crm_organisations_phone" ON "crm_organisations" ("phone_e164")`);
    await q.query(`
      CREATE TABLE "crm_enrollments" (
        "id" serial PRIMARY KEY,
        "student_name" character varying(200) NOT NULL,
        "guardian_phone_e164" character varying(20),
        "programme" character varying(200)
      )`);
    await q.query(`CREATE INDEX "ix_crm_enrollments_phone" ON "crm_enrollments" ("guardian_phone_e164")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "crm_enrollments"`);
    await q.query(`DROP TABLE "crm_organisations"`);
  }
}

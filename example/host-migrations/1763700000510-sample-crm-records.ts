import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A few records of the sample CRM, so that a simulated customer (`npm run simulate`, default
 * sender +213555123456) is recognised as a known organisation the first time they write.
 */
export class SampleCrmRecords1763700000510 implements MigrationInterface {
  name = 'SampleCrmRecords1763700000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO "crm_organisations" ("name", "phone_e164") VALUES
        ('Lycée Ibn Khaldoun, Alger', '+213555123456'),
        ('École primaire El Amel, Oran', '+213661987654')`);
    await q.query(`
      INSERT INTO "crm_enrollments" ("student_name", "guardian_phone_e164", "programme") VALUES
        ('Yasmine Benali', '+213770445566', 'Anglais B1'),
        ('Karim Haddad', '+213550112233', 'Préparation BAC maths')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "crm_enrollments" WHERE "guardian_phone_e164" IN ('+213770445566', '+213550112233')`);
    await q.query(`DELETE FROM "crm_organisations" WHERE "phone_e164" IN ('+213555123456', '+213661987654')`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts are counted when they start, not when their password check ends: `in_flight`
 * holds the attempts being checked, so parallel attempts cannot all pass the limit before any
 * of them is counted.
 */
export class LoginAttemptsInFlight1763700000600 implements MigrationInterface {
  name = 'LoginAttemptsInFlight1763700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "admin_login_attempts" ADD COLUMN "in_flight" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "admin_login_attempts" DROP COLUMN "in_flight"`);
  }
}

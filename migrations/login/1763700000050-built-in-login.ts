import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The built-in login's tables, created only when a host uses `createBackOfficeAuth` (a CRM
 * with a login of its own never gets them). Its users are agents like any host's users: the
 * agent row (whatsapp_agents) is keyed by the user's id and kept in step on every request.
 */
export class BuiltInLogin1763700000050 implements MigrationInterface {
  name = 'BuiltInLogin1763700000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_admin_users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(320) NOT NULL,
        "name" character varying(200) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "role" character varying(20) NOT NULL DEFAULT 'agent',
        "is_active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_admin_users" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_admin_users_email" UNIQUE ("email"),
        CONSTRAINT "ck_whatsapp_admin_users_role" CHECK ("role" IN ('super_admin', 'manager', 'agent'))
      )`);
    // Not entities: connect-pg-simple and the login limiter own them. Login attempts are counted
    // when they start (`in_flight`), so parallel attempts cannot all pass the limit before any is counted.
    await q.query(`
      CREATE TABLE "whatsapp_sessions" (
        "sid" character varying NOT NULL,
        "sess" json NOT NULL,
        "expire" TIMESTAMP(6) NOT NULL,
        CONSTRAINT "pk_whatsapp_sessions" PRIMARY KEY ("sid")
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_sessions_expire" ON "whatsapp_sessions" ("expire")`);
    await q.query(`
      CREATE TABLE "whatsapp_login_attempts" (
        "key" character varying(400) NOT NULL,
        "failures" integer NOT NULL DEFAULT 0,
        "in_flight" integer NOT NULL DEFAULT 0,
        "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_login_attempts" PRIMARY KEY ("key")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['whatsapp_login_attempts', 'whatsapp_sessions', 'whatsapp_admin_users']) await q.query(`DROP TABLE "${table}"`);
  }
}

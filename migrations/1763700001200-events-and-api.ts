import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM's side: the outbox of domain events (written with the change they tell of), the
 * outgoing webhook endpoints and their delivery log, and the REST API's tokens and
 * idempotency keys.
 */
export class EventsAndApi1763700001200 implements MigrationInterface {
  name = 'EventsAndApi1763700001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_outbox_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "sequence" bigserial NOT NULL,
        "kind" character varying(50) NOT NULL,
        "ordering_key" character varying(100) NOT NULL,
        "account_id" uuid,
        "conversation_id" uuid,
        "data" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "handler_status" character varying(10) NOT NULL DEFAULT 'pending',
        "handler_attempts" integer NOT NULL DEFAULT 0,
        "handler_next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "handler_error" text,
        "handled_at" TIMESTAMP WITH TIME ZONE,
        "fanned_out_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_whatsapp_outbox_events" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_outbox_events_sequence" UNIQUE ("sequence"),
        CONSTRAINT "ck_whatsapp_outbox_events_handler_status" CHECK ("handler_status" IN ('pending', 'handled', 'failed'))
      )`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_outbox_events_pending" ON "whatsapp_outbox_events" ("ordering_key", "sequence") WHERE "handler_status" = 'pending'`,
    );
    await q.query(`CREATE INDEX "ix_whatsapp_outbox_events_unfanned" ON "whatsapp_outbox_events" ("sequence") WHERE "fanned_out_at" IS NULL`);
    await q.query(`CREATE INDEX "ix_whatsapp_outbox_events_occurred" ON "whatsapp_outbox_events" ("occurred_at")`);

    await q.query(`
      CREATE TABLE "whatsapp_webhook_endpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "url" character varying(2000) NOT NULL,
        "event_kinds" text array NOT NULL DEFAULT '{}',
        "account_id" uuid,
        "enabled" boolean NOT NULL DEFAULT true,
        "disabled_reason" character varying(20),
        "secret_encrypted" text NOT NULL,
        "failing_since" TIMESTAMP WITH TIME ZONE,
        "last_success_at" TIMESTAMP WITH TIME ZONE,
        "created_by_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_webhook_endpoints" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_webhook_endpoints_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_webhook_endpoints_created_by" FOREIGN KEY ("created_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);

    await q.query(`
      CREATE TABLE "whatsapp_webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "endpoint_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "event_kind" character varying(50) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE DEFAULT now(),
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "response_status" integer,
        "response_body" text,
        "error" text,
        "duration_ms" integer,
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_webhook_deliveries_endpoint_event" UNIQUE ("endpoint_id", "event_id"),
        CONSTRAINT "ck_whatsapp_webhook_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_whatsapp_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "whatsapp_webhook_endpoints"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_webhook_deliveries_event" FOREIGN KEY ("event_id") REFERENCES "whatsapp_outbox_events"("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_whatsapp_webhook_deliveries_due" ON "whatsapp_webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await q.query(`CREATE INDEX "ix_whatsapp_webhook_deliveries_endpoint_created" ON "whatsapp_webhook_deliveries" ("endpoint_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_whatsapp_webhook_deliveries_event" ON "whatsapp_webhook_deliveries" ("event_id")`);

    await q.query(`
      CREATE TABLE "whatsapp_api_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(200) NOT NULL,
        "token_prefix" character varying(20) NOT NULL,
        "token_hash" character varying(64) NOT NULL,
        "permissions" text array NOT NULL,
        "account_ids" uuid array,
        "requests_per_minute" integer NOT NULL DEFAULT 120,
        "created_by_id" character varying(200) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_api_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_api_tokens_hash" UNIQUE ("token_hash"),
        CONSTRAINT "fk_whatsapp_api_tokens_created_by" FOREIGN KEY ("created_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE
      )`);

    // No entity: written and read by the API alone. The request's answer is kept with its key.
    await q.query(`
      CREATE TABLE "whatsapp_api_idempotency_keys" (
        "token_id" uuid NOT NULL REFERENCES "whatsapp_api_tokens"("id") ON DELETE CASCADE,
        "key" character varying(255) NOT NULL,
        "request_hash" character varying(64) NOT NULL,
        "status_code" integer NOT NULL,
        "response" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        PRIMARY KEY ("token_id", "key")
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_api_idempotency_keys_created" ON "whatsapp_api_idempotency_keys" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "whatsapp_api_idempotency_keys"`);
    await q.query(`DROP TABLE "whatsapp_api_tokens"`);
    await q.query(`DROP TABLE "whatsapp_webhook_deliveries"`);
    await q.query(`DROP TABLE "whatsapp_webhook_endpoints"`);
    await q.query(`DROP TABLE "whatsapp_outbox_events"`);
  }
}

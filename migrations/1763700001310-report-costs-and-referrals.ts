import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index the reports read the traffic rollup by, and two more report rollups, on what issue #13 records (migration 1000): the cost of messages per
 * number, pricing category and currency, by the hour they were sent (Meta's pricing and the rate
 * card's price), and the conversations each click-to-WhatsApp ad brought (the referral).
 *
 * Costs change in the processor's hot path (statuses carry the pricing), all of a number's in
 * one hour and category: written through an append-only delta table like the traffic, folded by
 * the same job. Referrals change once per conversation: counted in place.
 */
export class ReportCostsAndReferrals1763700001310 implements MigrationInterface {
  name = 'ReportCostsAndReferrals1763700001310';

  async up(q: QueryRunner): Promise<void> {
    // The reports read the traffic of one label ('' for every conversation), and the agents'
    // hours, over a range of hours: from these indexes alone, without the tables.
    await q.query(
      `CREATE INDEX "ix_whatsapp_report_hours_label_hour" ON "whatsapp_report_hours" ("label", "hour")
         INCLUDE ("account_id", "assignee_id", "opened", "resolved", "inbound", "human_replies", "automatic_replies")`,
    );
    await q.query(
      `CREATE INDEX "ix_whatsapp_report_agent_hours_hour" ON "whatsapp_report_agent_hours" ("hour") INCLUDE ("account_id", "agent_id", "replies", "responses", "response_seconds")`,
    );
    for (const statement of SCHEMA) await q.query(statement);
    await q.query(`INSERT INTO whatsapp_report_costs SELECT * FROM whatsapp_report_expected_costs()`);
    await q.query(`INSERT INTO whatsapp_report_referrals SELECT * FROM whatsapp_report_expected_referrals()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "whatsapp_report_message_priced" ON "whatsapp_messages"`);
    await q.query(`DROP TRIGGER "whatsapp_report_priced_messages_inserted" ON "whatsapp_messages"`);
    await q.query(`DROP TRIGGER "whatsapp_report_referral_changed" ON "whatsapp_conversations"`);
    for (const fn of ['on_message_priced', 'on_priced_messages_inserted', 'on_referral_changed', 'expected_costs', 'expected_referrals', 'cost_of', 'referral_of']) {
      await q.query(`DROP FUNCTION "whatsapp_report_${fn}"`);
    }
    for (const table of ['whatsapp_report_referrals', 'whatsapp_report_cost_deltas', 'whatsapp_report_costs']) await q.query(`DROP TABLE "${table}"`);
    await q.query(`DROP INDEX "ix_whatsapp_report_hours_label_hour"`);
    await q.query(`DROP INDEX "ix_whatsapp_report_agent_hours_hour"`);
  }
}

const COST_COLUMNS = `
    "account_id" uuid NOT NULL,
    "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
    "category" character varying(40) NOT NULL,
    "currency" character varying(3) NOT NULL,
    "messages" integer NOT NULL DEFAULT 0,
    "charged" integer NOT NULL DEFAULT 0,
    "cost_micros" bigint NOT NULL DEFAULT 0`;

const SCHEMA = [
  `CREATE TABLE "whatsapp_report_costs" (${COST_COLUMNS},
    CONSTRAINT "pk_whatsapp_report_costs" PRIMARY KEY ("hour", "account_id", "category", "currency"))`,
  `CREATE TABLE "whatsapp_report_cost_deltas" ("id" bigserial NOT NULL, ${COST_COLUMNS},
    CONSTRAINT "pk_whatsapp_report_cost_deltas" PRIMARY KEY ("id"))`,
  `CREATE TABLE "whatsapp_report_referrals" (
    "account_id" uuid NOT NULL,
    "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
    "source_id" character varying(100) NOT NULL,
    "conversations" integer NOT NULL DEFAULT 0,
    CONSTRAINT "pk_whatsapp_report_referrals" PRIMARY KEY ("hour", "account_id", "source_id"))`,

  // One priced message's contribution, signed; currency '' for a message no rate card priced.
  `CREATE FUNCTION whatsapp_report_cost_of(m whatsapp_messages, sign integer)
   RETURNS TABLE (account_id uuid, hour timestamptz, category varchar, currency varchar, messages integer, charged integer, cost_micros bigint)
   LANGUAGE sql STABLE AS $$
     SELECT c.account_id, whatsapp_report_hour(coalesce(m.sent_at, m.created_at)), m.pricing_category, coalesce(m.cost_currency, '')::varchar,
            sign, sign * (m.pricing_type = 'regular' OR (m.pricing_type IS NULL AND coalesce(m.billable, false)))::int, sign * coalesce(m.cost_micros, 0)
       FROM whatsapp_conversations c WHERE c.id = m.conversation_id AND m.pricing_category IS NOT NULL
   $$`,
  `CREATE FUNCTION whatsapp_report_on_message_priced() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO whatsapp_report_cost_deltas (account_id, hour, category, currency, messages, charged, cost_micros)
     SELECT * FROM whatsapp_report_cost_of(OLD, -1) UNION ALL SELECT * FROM whatsapp_report_cost_of(NEW, 1);
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_message_priced"
     AFTER UPDATE OF "pricing_category", "pricing_type", "billable", "cost_micros", "cost_currency", "sent_at" ON "whatsapp_messages"
     FOR EACH ROW WHEN ((OLD.pricing_category IS NOT NULL OR NEW.pricing_category IS NOT NULL)
                        AND (OLD.pricing_category, OLD.pricing_type, OLD.billable, OLD.cost_micros, OLD.cost_currency, OLD.sent_at)
                            IS DISTINCT FROM (NEW.pricing_category, NEW.pricing_type, NEW.billable, NEW.cost_micros, NEW.cost_currency, NEW.sent_at))
     EXECUTE FUNCTION whatsapp_report_on_message_priced()`,

  // Messages written already priced (an import): counted as they go in.
  `CREATE FUNCTION whatsapp_report_on_priced_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO whatsapp_report_cost_deltas (account_id, hour, category, currency, messages, charged, cost_micros)
     SELECT x.* FROM inserted m CROSS JOIN LATERAL whatsapp_report_cost_of(m::whatsapp_messages, 1) x WHERE m.pricing_category IS NOT NULL;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_priced_messages_inserted" AFTER INSERT ON "whatsapp_messages"
     REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_report_on_priced_messages_inserted()`,

  `CREATE FUNCTION whatsapp_report_referral_of(c whatsapp_conversations, sign integer)
   RETURNS TABLE (account_id uuid, hour timestamptz, source_id varchar, conversations integer)
   LANGUAGE sql IMMUTABLE AS $$
     SELECT c.account_id, whatsapp_report_hour(c.referral_at), c.referral_source_id, sign
      WHERE c.referral_source_id IS NOT NULL AND c.referral_at IS NOT NULL
   $$`,
  `CREATE FUNCTION whatsapp_report_on_referral_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO whatsapp_report_referrals AS r (account_id, hour, source_id, conversations)
     SELECT account_id, hour, source_id, sum(conversations)::int FROM (
       SELECT * FROM whatsapp_report_referral_of(OLD, -1) UNION ALL SELECT * FROM whatsapp_report_referral_of(NEW, 1)) x
      GROUP BY 1, 2, 3
     ON CONFLICT (hour, account_id, source_id) DO UPDATE SET conversations = r.conversations + EXCLUDED.conversations;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "whatsapp_report_referral_changed" AFTER UPDATE OF "referral_source_id", "referral_at" ON "whatsapp_conversations"
     FOR EACH ROW WHEN ((OLD.referral_source_id, OLD.referral_at) IS DISTINCT FROM (NEW.referral_source_id, NEW.referral_at))
     EXECUTE FUNCTION whatsapp_report_on_referral_changed()`,

  `CREATE FUNCTION whatsapp_report_expected_costs()
   RETURNS TABLE (account_id uuid, hour timestamptz, category varchar, currency varchar, messages integer, charged integer, cost_micros bigint)
   LANGUAGE sql STABLE AS $$
     SELECT c.account_id, whatsapp_report_hour(coalesce(m.sent_at, m.created_at)), m.pricing_category, coalesce(m.cost_currency, ''),
            count(*)::int, count(*) FILTER (WHERE m.pricing_type = 'regular' OR (m.pricing_type IS NULL AND coalesce(m.billable, false)))::int,
            coalesce(sum(m.cost_micros), 0)::bigint
       FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.pricing_category IS NOT NULL
      GROUP BY 1, 2, 3, 4
   $$`,
  `CREATE FUNCTION whatsapp_report_expected_referrals() RETURNS TABLE (account_id uuid, hour timestamptz, source_id varchar, conversations integer)
   LANGUAGE sql STABLE AS $$
     SELECT account_id, whatsapp_report_hour(referral_at), referral_source_id, count(*)::int
       FROM whatsapp_conversations WHERE referral_source_id IS NOT NULL AND referral_at IS NOT NULL
      GROUP BY 1, 2, 3
   $$`,
];

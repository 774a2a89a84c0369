import type { EntityManager } from 'typeorm';
import { prepared, queryRows } from '../db/sql.js';

/**
 * A message's cost from the rate card in force on the day it was sent, for its recipient's
 * country (else the card's "Other" row) and its pricing category (marketing_lite is priced as
 * marketing): the price when Meta charges it (per-message pricing, `regular`), 0 when it is
 * free (customer-service window, free entry point). Per-conversation pricing (before July
 * 2025) is not priced per message: it stays null, as does a message no card covers.
 * `m` is the message row; the expression is (cost_micros, cost_currency).
 */
const RATE = `(SELECT r FROM whatsapp_rate_cards r
   WHERE r.category = CASE m.pricing_category WHEN 'marketing_lite' THEN 'marketing' ELSE m.pricing_category END
     AND r.country IN (COALESCE(m.recipient_country, 'ZZ'), 'ZZ')
     AND r.effective_from <= COALESCE(m.sent_at, m.created_at)::date
   ORDER BY r.effective_from DESC, (r.country = 'ZZ') LIMIT 1)`;

const COST_SET = `
  cost_micros = CASE WHEN m.pricing_model <> 'PMP' THEN NULL
                     WHEN m.pricing_type IN ('free_customer_service', 'free_entry_point') OR m.billable IS FALSE THEN 0
                     ELSE (${RATE}).price_micros END,
  cost_currency = CASE WHEN m.pricing_model <> 'PMP' THEN NULL ELSE (${RATE}).currency END`;

export interface PricingReport {
  wamid: string;
  model: string | null;
  category: string | null;
  type: string | null;
  billable: boolean | null;
  country: string | null;
}

/**
 * Records the pricing Meta reported for messages (the first report wins: `sent` and
 * `delivered` repeat it) and prices them. Returns how many were priced.
 */
export async function recordMessagePricing(manager: EntityManager, reports: readonly PricingReport[]): Promise<number> {
  if (reports.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    manager,
    prepared(`UPDATE whatsapp_messages m SET pricing_model = v.model, pricing_category = v.category, pricing_type = v.type, billable = v.billable,
        recipient_country = COALESCE(v.country, m.recipient_country), updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(wamid text, model text, category text, type text, billable boolean, country text)
      WHERE m.wamid = v.wamid AND m.pricing_model IS NULL
      RETURNING m.id`),
    [JSON.stringify(reports)],
  );
  if (rows.length === 0) return 0;
  await queryRows(manager, prepared(`UPDATE whatsapp_messages m SET ${COST_SET} WHERE m.id = ANY($1::uuid[])`), [rows.map((row) => row.id)]);
  return rows.length;
}

/** Prices again every priced message sent from `from` on (a rate card was uploaded or replaced). Returns how many. */
export async function repriceMessagesFrom(manager: EntityManager, from: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `UPDATE whatsapp_messages m SET ${COST_SET}
      WHERE m.pricing_model IS NOT NULL AND COALESCE(m.sent_at, m.created_at) >= $1::date
      RETURNING m.id`,
    [from],
  );
  return rows.length;
}

import type { DataSource } from 'typeorm';
import { Refusal, refusalKey } from '../domain/refusal.js';
import { parseRateCard } from '../domain/rate-card.js';
import { inTransaction } from '../db/transaction.js';
import { queryRows } from '../db/sql.js';
import { repriceMessagesFrom } from './message-cost.js';

export class RateCardRefusal extends Refusal {
  override readonly name = 'RateCardRefusal';
  constructor(
    reason: 'invalid-file' | 'invalid-date',
    /** Each line of the file that could not be read, in the file's own terms. */
    readonly problems: readonly string[] = [],
  ) {
    super(reason, refusalKey('rateCards', reason), { problems: problems.join('; ') });
  }
}

export interface RateCardUpload {
  /** The CSV as Meta publishes it. */
  csv: string;
  /** YYYY-MM-DD: the card applies to messages sent from this day until the next card's. */
  effectiveFrom: string;
  /** When the file has no Currency column. */
  currency?: string;
  uploadedById: string | null;
}

export interface UploadedRateCard {
  currency: string;
  markets: number;
  rates: number;
  /** Messages already priced whose cost was computed again with it. */
  repriced: number;
}

/**
 * A manager's upload of Meta's rate card: it replaces the card of the same effective date, in
 * one transaction, and the messages sent since then are priced again (a card uploaded late
 * still prices what was sent before it). Refused, with every problem listed, when the file
 * cannot be read whole.
 */
export async function uploadRateCard(dataSource: DataSource, upload: RateCardUpload): Promise<UploadedRateCard> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(upload.effectiveFrom) || Number.isNaN(Date.parse(upload.effectiveFrom))) throw new RateCardRefusal('invalid-date');
  const parsed = parseRateCard(upload.csv, upload.currency);
  if (!parsed.ok) throw new RateCardRefusal('invalid-file', parsed.problems.slice(0, 20));
  return inTransaction(dataSource, async (tx) => {
    await queryRows(tx.manager, `DELETE FROM whatsapp_rate_cards WHERE effective_from = $1::date`, [upload.effectiveFrom]);
    await queryRows(
      tx.manager,
      `INSERT INTO whatsapp_rate_cards (effective_from, market, country, category, currency, price_micros, uploaded_by_id)
       SELECT $1::date, r.market, r.country, r.category, $2, r.price_micros, $3
         FROM jsonb_to_recordset($4::jsonb) AS r(market text, country text, category text, price_micros bigint)`,
      [
        upload.effectiveFrom,
        parsed.currency,
        upload.uploadedById,
        JSON.stringify(parsed.rows.map((row) => ({ market: row.market, country: row.country, category: row.category, price_micros: row.priceMicros }))),
      ],
    );
    const repriced = await repriceMessagesFrom(tx.manager, upload.effectiveFrom);
    return { currency: parsed.currency, markets: parsed.markets, rates: parsed.rows.length, repriced };
  });
}

import { queryRows, type Queryable } from '../../db/sql.js';

/** What one number spent on one pricing category on one day, in one currency. */
export interface DailyCost {
  accountId: string;
  /** YYYY-MM-DD in the report's time zone. */
  day: string;
  /** marketing, utility, authentication, authentication_international, service, marketing_lite… */
  category: string;
  /** Null for messages no rate card priced (their count is still given). */
  currency: string | null;
  /** Messages Meta reported pricing for. */
  messages: number;
  /** Of those, the ones Meta charges (`regular`). */
  charged: number;
  /** Sum of their costs, in millionths of `currency`. */
  costMicros: number;
}

export interface CostQuery {
  /** Inclusive start and exclusive end of the period (instants). */
  from: Date;
  to: Date;
  /** IANA time zone the days are cut in. */
  timeZone: string;
  /** Only these numbers; all when absent (callers restrict to what the reader may see). */
  accountIds?: readonly string[];
}

/**
 * Cost per number, pricing category and day: the read model the reports use. A message counts
 * on the day it was sent (its `sent` time, else when it was written), in the given time zone.
 */
export async function loadDailyCosts(manager: Queryable, query: CostQuery): Promise<DailyCost[]> {
  const rows = await queryRows<{ accountId: string; day: string; category: string; currency: string | null; messages: number; charged: number; costMicros: string }>(
    manager,
    `SELECT v.account_id AS "accountId", to_char(COALESCE(m.sent_at, m.created_at) AT TIME ZONE $3, 'YYYY-MM-DD') AS day,
            m.pricing_category AS category, m.cost_currency AS currency, count(*)::int AS messages,
            count(*) FILTER (WHERE m.pricing_type = 'regular' OR (m.pricing_type IS NULL AND m.billable))::int AS charged,
            COALESCE(sum(m.cost_micros), 0)::text AS "costMicros"
       FROM whatsapp_messages m JOIN whatsapp_conversations v ON v.id = m.conversation_id
      WHERE m.pricing_category IS NOT NULL AND m.created_at >= $1::timestamptz - interval '1 day' AND COALESCE(m.sent_at, m.created_at) >= $1
        AND COALESCE(m.sent_at, m.created_at) < $2 AND ($4::uuid[] IS NULL OR v.account_id = ANY($4::uuid[]))
      GROUP BY 1, 2, 3, 4 ORDER BY 2, 1, 3, 4`,
    [query.from, query.to, query.timeZone, query.accountIds ?? null],
  );
  return rows.map((row) => ({ ...row, costMicros: Number(row.costMicros) }));
}

/** What one conversation's messages cost, per currency (the side panel). */
export interface ConversationCost {
  currency: string | null;
  charged: number;
  costMicros: number;
}

export async function loadConversationCost(manager: Queryable, conversationId: string): Promise<ConversationCost[]> {
  const rows = await queryRows<{ currency: string | null; charged: number; costMicros: string }>(
    manager,
    `SELECT cost_currency AS currency, count(*) FILTER (WHERE pricing_type = 'regular' OR (pricing_type IS NULL AND billable))::int AS charged,
            COALESCE(sum(cost_micros), 0)::text AS "costMicros"
       FROM whatsapp_messages WHERE conversation_id = $1 AND pricing_category IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
    [conversationId],
  );
  return rows.map((row) => ({ ...row, costMicros: Number(row.costMicros) }));
}

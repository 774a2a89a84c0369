import { prepared, queryOne, queryRows, type Queryable } from '../../db/sql.js';
import type { BroadcastAudience, BroadcastStatus, ParameterMapping } from '../../domain/campaign-kinds.js';

/** A broadcast as its editor shows it again. */
export interface BroadcastDraftView {
  accountId: string;
  name: string;
  status: BroadcastStatus;
  templateId: string | null;
  audience: BroadcastAudience;
  parameters: Record<string, ParameterMapping>;
  messagesPerSecond: number | null;
  useMarketingApi: boolean;
  scheduledAt: string | null;
  /** The uploaded file's rows, for a CSV audience: how many, and how many skipped by reason. */
  csvRows: { total: number; accepted: number; skipped: { reason: string; count: number }[] } | null;
}

export async function loadBroadcastDraft(db: Queryable, broadcastId: string): Promise<BroadcastDraftView | undefined> {
  const row = await queryOne<Omit<BroadcastDraftView, 'csvRows' | 'scheduledAt'> & { scheduledAt: Date | null }>(
    db,
    prepared(`SELECT account_id AS "accountId", name, status, template_id AS "templateId", audience, parameters,
            messages_per_second AS "messagesPerSecond", use_marketing_api AS "useMarketingApi", scheduled_at AS "scheduledAt"
       FROM whatsapp_broadcasts WHERE id::text = $1`),
    [broadcastId],
  );
  if (!row) return undefined;
  let csvRows: BroadcastDraftView['csvRows'] = null;
  if (row.audience.kind === 'csv') {
    const counts = await queryRows<{ reason: string | null; count: number }>(
      db,
      prepared(`SELECT skip_reason AS reason, count(*)::int AS count FROM whatsapp_broadcast_recipients WHERE broadcast_id::text = $1 GROUP BY 1 ORDER BY 2 DESC`),
      [broadcastId],
    );
    csvRows = {
      total: counts.reduce((sum, c) => sum + c.count, 0),
      accepted: counts.find((c) => c.reason === null)?.count ?? 0,
      skipped: counts.filter((c): c is { reason: string; count: number } => c.reason !== null),
    };
  }
  return { ...row, scheduledAt: row.scheduledAt?.toISOString() ?? null, csvRows };
}

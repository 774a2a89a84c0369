import { prepared, queryOne, queryRows, type Queryable } from '../../db/sql.js';
import type { BroadcastStatus } from '../../domain/campaign-kinds.js';

/** Where a broadcast stands: what the progress bar and the counts show. Every figure counts recipients. */
export interface BroadcastProgress {
  id: string;
  name: string;
  status: BroadcastStatus;
  /** i18n key of why it paused by itself, if it did. */
  pausedReason: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  scheduledAt: Date | null;
  total: number;
  /** Not queued yet. */
  pending: number;
  /** Queued in the send pipeline (or being sent, or being reconciled). */
  queued: number;
  /** Accepted by Meta (delivered and read ones included). */
  sent: number;
  /** Delivered to the phone (read ones included). */
  delivered: number;
  read: number;
  /** Wrote back after it reached them. */
  replied: number;
  failed: number;
  skipped: number;
  /** Failures by Meta's explanation (i18n key), most frequent first. */
  failedByReason: { reason: string; code: number | null; count: number }[];
  /** Skipped rows by reason. */
  skippedByReason: { reason: string; count: number }[];
}

/** One broadcast's progress, counted from its recipients and their messages' statuses (one pass over its rows). */
export async function loadBroadcastProgress(db: Queryable, broadcastId: string): Promise<BroadcastProgress | undefined> {
  const row = await queryOne<Omit<BroadcastProgress, 'failedByReason' | 'skippedByReason'>>(
    db,
    prepared(`SELECT b.id, b.name, b.status, b.paused_reason AS "pausedReason", b.started_at AS "startedAt", b.finished_at AS "finishedAt",
            b.scheduled_at AS "scheduledAt",
            count(r.id)::int AS total,
            count(*) FILTER (WHERE r.state = 'pending')::int AS pending,
            count(*) FILTER (WHERE m.status IN ('queued', 'sending', 'unknown'))::int AS queued,
            count(*) FILTER (WHERE m.status IN ('sent', 'delivered', 'read'))::int AS sent,
            count(*) FILTER (WHERE m.status IN ('delivered', 'read'))::int AS delivered,
            count(*) FILTER (WHERE m.status = 'read')::int AS read,
            count(*) FILTER (WHERE r.replied_at IS NOT NULL)::int AS replied,
            count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE r.state = 'skipped')::int AS skipped
       FROM whatsapp_broadcasts b
       LEFT JOIN whatsapp_broadcast_recipients r ON r.broadcast_id = b.id
       LEFT JOIN whatsapp_messages m ON m.id = r.message_id
      WHERE b.id::text = $1
      GROUP BY b.id`),
    [broadcastId],
  );
  if (!row) return undefined;
  const failedByReason = await queryRows<{ reason: string; code: number | null; count: number }>(
    db,
    prepared(`SELECT COALESCE(m.error_explanation_key, 'metaError.unknown') AS reason, min(m.error_code) AS code, count(*)::int AS count
       FROM whatsapp_broadcast_recipients r JOIN whatsapp_messages m ON m.id = r.message_id
      WHERE r.broadcast_id = $1 AND r.state = 'queued' AND m.status = 'failed'
      GROUP BY 1 ORDER BY 3 DESC, 1`),
    [row.id],
  );
  const skippedByReason = await queryRows<{ reason: string; count: number }>(
    db,
    prepared(`SELECT skip_reason AS reason, count(*)::int AS count FROM whatsapp_broadcast_recipients
      WHERE broadcast_id = $1 AND state = 'skipped' GROUP BY 1 ORDER BY 2 DESC, 1`),
    [row.id],
  );
  return { ...row, failedByReason, skippedByReason };
}

import type { DataSource } from 'typeorm';
import { queryOne } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import { lockReportFolder } from './fold-report-deltas.js';

/**
 * Recomputes the days of the conversation rollup's day tables that changed since the last time
 * (migration 1810: whatsapp_report_stale_days), and returns how many. In one REPEATABLE READ
 * transaction, so the days are recomputed from the conversations as they were when their stale
 * marks were taken: a change that commits meanwhile leaves its own mark for the next run, and
 * readers go on reading that day from the conversations until then. One folder at a time (the
 * report folder's advisory lock).
 */
export async function foldConversationDays(dataSource: DataSource): Promise<number> {
  return inTransaction(
    dataSource,
    async ({ manager }) => {
      if (!(await lockReportFolder(manager))) return 0;
      const row = await queryOne<{ days: number }>(
        manager,
        `WITH marked AS (DELETE FROM whatsapp_report_stale_days RETURNING day), days AS (SELECT array_agg(DISTINCT day) AS days FROM marked)
         SELECT coalesce(cardinality(days), 0) AS days, whatsapp_report_refresh_days(days) FROM days`,
      );
      return row?.days ?? 0;
    },
    'REPEATABLE READ',
  );
}

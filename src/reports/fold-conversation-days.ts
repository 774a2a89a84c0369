import type { DataSource } from 'typeorm';
import { queryOne } from '../db/sql.js';

/**
 * Recomputes the days of the conversation rollup's day tables that changed since the last time
 * (migration 1810: whatsapp_report_stale_days), and returns how many. In one REPEATABLE READ
 * transaction, so the days are recomputed from the conversations as they were when their stale
 * marks were taken: a change that commits meanwhile leaves its own mark for the next run, and
 * readers go on reading that day from the conversations until then. One folder at a time (the
 * report folder's advisory lock).
 */
export async function foldConversationDays(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ`);
    try {
      const locked = await queryOne<{ locked: boolean }>(runner.manager, `SELECT pg_try_advisory_xact_lock(hashtextextended('whatsapp:report-fold', 0)) AS locked`);
      const row = locked?.locked
        ? await queryOne<{ days: number }>(
            runner.manager,
            `WITH marked AS (DELETE FROM whatsapp_report_stale_days RETURNING day), days AS (SELECT array_agg(DISTINCT day) AS days FROM marked)
             SELECT coalesce(cardinality(days), 0) AS days, whatsapp_report_refresh_days(days) FROM days`,
          )
        : undefined;
      await runner.query(`COMMIT`);
      return row?.days ?? 0;
    } catch (error) {
      await runner.query(`ROLLBACK`);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

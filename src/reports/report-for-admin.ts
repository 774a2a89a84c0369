import type { DataSource } from 'typeorm';
import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { loadReport, type Report } from './load-report.js';
import { reportScope } from './report-filters.js';
import { foldReportDeltas } from './fold-report-deltas.js';

/**
 * The reports an admin asked for (the page and the CSV export call this one function): the
 * filters read from the request, bounded to the numbers where they hold reports.view. Null when
 * they hold it nowhere.
 */
export async function reportForAdmin(dataSource: DataSource, admin: InboxActor | null | undefined, query: unknown, today = new Date()): Promise<Report | null> {
  const accounts = await queryRows<{ id: string }>(dataSource, `SELECT id FROM whatsapp_accounts ORDER BY name, id`);
  const scope = reportScope(admin, query, accounts.map((a) => a.id), today);
  if (!scope) return null;
  // What the last minute wrote is walked in first (skipped when the folder is already at it).
  await foldReportDeltas(dataSource);
  return loadReport(dataSource, scope);
}

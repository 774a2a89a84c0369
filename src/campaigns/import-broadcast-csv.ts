import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { lockBroadcast } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';
import { emptyReport, recipientRow, ROWS_PER_BATCH, storeRecipientRows, type RecipientRow, type RecipientRowsReport } from './store-recipient-rows.js';

export interface CsvImportReport extends RecipientRowsReport {
  /** The file's columns besides the phone: parameters may map to them. */
  columns: string[];
}

/** Headers recognised as the phone column, compared without case or accents; else the first column. */
const PHONE_HEADERS = ['phone', 'phone number', 'mobile', 'whatsapp', 'telephone', 'tel', 'numero', 'number', 'portable', 'هاتف', 'الهاتف', 'رقم', 'الرقم', 'جوال'];
/** A file past this many rows is refused whole rather than half imported. */
export const MAX_CSV_ROWS = 1_000_000;

/**
 * Reads an uploaded CSV (comma, semicolon or tab; a header row; UTF-8 with or without BOM) into a
 * draft broadcast's recipients, replacing the previous upload: one row per line, streamed in
 * batches (the file is never held in memory). A phone that cannot be read, or one already seen
 * in the file, is kept as a skipped row with the reason — reported, never silently dropped.
 * Every other column becomes the row's values. All or nothing: a file that cannot be read
 * leaves the previous audience as it was.
 */
export async function importBroadcastCsv(
  context: PluginContext,
  actor: InboxActor | null,
  broadcastId: string,
  file: Readable,
  fileName: string,
): Promise<CsvImportReport> {
  return inTransaction(context.dataSource, async ({ manager }) => {
    const broadcast = await lockBroadcast(manager, broadcastId, actor);
    if (broadcast.status !== 'draft' && broadcast.status !== 'scheduled') throw CampaignRefusal.of('not-a-draft');
    const region = (await queryOne<{ region: string | null }>(manager, `SELECT default_region AS region FROM whatsapp_accounts WHERE id = $1`, [broadcast.accountId]))
      ?.region ?? context.options.defaultRegion;
    await queryRows(manager, `DELETE FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1`, [broadcast.id]);

    const report: CsvImportReport = { ...emptyReport(), columns: [] };
    const parser = file.pipe(
      parse({ bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true, info: true }),
    );
    let header: string[] | null = null;
    let phoneColumn = 0;
    let batch: RecipientRow[] = [];
    let line = 1;
    let read = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!header) {
          header = record.map((name, index) => name || `column ${index + 1}`);
          phoneColumn = Math.max(0, header.findIndex((name) => PHONE_HEADERS.includes(folded(name))));
          report.columns = header.filter((_, index) => index !== phoneColumn);
          continue;
        }
        line = info.lines;
        if (++read > MAX_CSV_ROWS) throw CampaignRefusal.of('csv-too-large', { max: MAX_CSV_ROWS });
        batch.push(rowOf(record, header, phoneColumn, region, line));
        if (batch.length === ROWS_PER_BATCH) {
          await storeRecipientRows(manager, broadcast.id, batch, report);
          batch = [];
        }
      }
    } catch (error) {
      if (error instanceof CampaignRefusal) throw error;
      throw CampaignRefusal.of('csv-not-readable', { line: line + 1 });
    }
    if (!header) throw CampaignRefusal.of('csv-no-phone-column');
    await storeRecipientRows(manager, broadcast.id, batch, report);
    await queryRows(
      manager,
      `UPDATE whatsapp_broadcasts SET audience = $2, recipients_total = $3, status = 'draft', updated_at = now() WHERE id = $1`,
      [broadcast.id, { kind: 'csv', fileName: fileName.slice(0, 200), columns: report.columns }, report.rows],
    );
    return report;
  });
}

function rowOf(record: string[], header: string[], phoneColumn: number, region: string, line: number): RecipientRow {
  const values: Record<string, string> = {};
  header.forEach((name, index) => {
    if (index !== phoneColumn && record[index] !== undefined) values[name] = record[index]!;
  });
  return recipientRow(line, record[phoneColumn] ?? '', region, values);
}

function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

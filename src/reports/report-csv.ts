import { stringify } from 'csv-stringify/sync';
import type { Report, ReportTable } from './load-report.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The columns of each exported table: the row's field and the header's key (reports.json). */
const COLUMNS: Record<ReportTable, string[]> = {
  perDay: ['day', 'opened', 'resolved', 'inbound', 'humanReplies', 'automaticReplies'],
  hourOfWeek: ['weekday', 'hour', 'inbound'],
  agents: [
    'name', 'handled', 'replies', 'responses', 'averageResponseSeconds', 'firstResponses', 'firstResponseMedianSeconds', 'satisfactionAverage',
    'satisfactionAnswers',
  ],
  satisfaction: ['rating', 'answers'],
  sla: ['target', 'met', 'breached'],
  costs: ['number', 'category', 'currency', 'messages', 'charged', 'cost'],
  referrals: ['sourceId', 'sourceType', 'headline', 'sourceUrl', 'conversations'],
  assistant: ['number', 'kind', 'outcome', 'reason', 'runs', 'inputTokens', 'outputTokens', 'currency', 'cost'],
};

/**
 * One table of the report as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read Arabic
 * and accents), headers in the admin's language. A cell that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe: names are people's input.
 */
export function reportCsv(report: Report, table: ReportTable, t: Translate): string {
  const columns = COLUMNS[table];
  const rows = (report[table] as unknown as Record<string, unknown>[]).map((row) =>
    columns.map((column) => {
      // Millionths of the currency unit, written as the amount.
      const value = column === 'cost' ? Number(row.costMicros) / 1_000_000 : row[column];
      if (column === 'target') return t(`reports.sla.target.${String(value)}`);
      if (column === 'weekday') return t(`reports.weekday.${String(value)}`);
      if (column === 'kind' || column === 'outcome') return t(`reports.assistant.${column}.${String(value)}`);
      if (column === 'reason') return value ? t(`assistant.reason.${String(value)}`) : '';
      if (column === 'category') return t(`reports.costs.category.${String(value)}`, { defaultValue: String(value) });
      if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
      return value ?? '';
    }),
  );
  return `\uFEFF${stringify([columns.map((column) => t(`reports.column.${column}`)), ...rows])}`;
}

import type { EntityManager } from 'typeorm';
import { queryRows } from '../db/sql.js';
import type { RecipientSkipReason } from '../domain/campaign-kinds.js';
import { normalizePhone } from '../domain/phone.js';

/** A row of an audience that gets no message, with why. */
export interface RecipientRowProblem {
  /** The CSV's line (the header is line 1), or the record's position in a host audience. */
  line: number;
  phone: string;
  reason: Extract<RecipientSkipReason, 'invalid-phone' | 'duplicate'>;
}

export interface RecipientRowsReport {
  /** Rows read. */
  rows: number;
  /** Rows that will get a message. */
  accepted: number;
  /** Rows skipped, by reason. */
  skipped: Partial<Record<RecipientRowProblem['reason'], number>>;
  /** The first problems, for the screen; every one is kept on its row (and in the results' CSV). */
  problems: RecipientRowProblem[];
}

export interface RecipientRow {
  position: number;
  phone_input: string;
  wa_id: string | null;
  crm_record_label: string | null;
  values: Record<string, string>;
}

const PROBLEMS_SHOWN = 100;
export const ROWS_PER_BATCH = 1_000;

export function emptyReport(): RecipientRowsReport {
  return { rows: 0, accepted: 0, skipped: {}, problems: [] };
}

/** A row from a phone typed any way; a phone that cannot be read is kept with no wa_id (skipped as invalid). */
export function recipientRow(position: number, phone: string, region: string, values: Record<string, string>, label: string | null = null): RecipientRow {
  const e164 = phone.trim() ? normalizePhone(phone, region) : null;
  return { position, phone_input: phone.slice(0, 100), wa_id: e164 ? e164.slice(1) : null, crm_record_label: label?.slice(0, 300) ?? null, values };
}

/**
 * Inserts rows of a broadcast's audience (callers hold the broadcast's lock): a phone that could
 * not be read is skipped as invalid, a phone seen earlier in the audience as a duplicate — both
 * kept with their reason, never dropped.
 */
export async function storeRecipientRows(manager: EntityManager, broadcastId: string, rows: RecipientRow[], report: RecipientRowsReport): Promise<void> {
  if (rows.length === 0) return;
  const stored = await queryRows<{ position: number; phone: string; reason: RecipientRowProblem['reason'] | null }>(
    manager,
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS i(position int, phone_input text, wa_id text, crm_record_label text, "values" jsonb)
     ), judged AS (
       SELECT i.*, CASE
           WHEN i.wa_id IS NULL THEN 'invalid-phone'
           WHEN row_number() OVER (PARTITION BY i.wa_id ORDER BY i.position) > 1
             OR EXISTS (SELECT 1 FROM whatsapp_broadcast_recipients r WHERE r.broadcast_id = $1 AND r.wa_id = i.wa_id AND r.state <> 'skipped')
             THEN 'duplicate'
         END AS reason
         FROM input i
     )
     INSERT INTO whatsapp_broadcast_recipients (broadcast_id, position, phone_input, wa_id, crm_record_label, "values", state, skip_reason)
     SELECT $1, position, phone_input, wa_id, crm_record_label, "values", CASE WHEN reason IS NULL THEN 'pending' ELSE 'skipped' END, reason FROM judged
     RETURNING position, phone_input AS phone, skip_reason AS reason`,
    [broadcastId, JSON.stringify(rows)],
  );
  report.rows += rows.length;
  for (const row of stored.sort((a, b) => a.position - b.position)) {
    if (!row.reason) {
      report.accepted++;
      continue;
    }
    report.skipped[row.reason] = (report.skipped[row.reason] ?? 0) + 1;
    if (report.problems.length < PROBLEMS_SHOWN) report.problems.push({ line: row.position, phone: row.phone, reason: row.reason });
  }
}

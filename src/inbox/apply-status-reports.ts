import type { EntityManager } from 'typeorm';
import {
  canAdvance,
  isDeliveryStatus,
  statusesAdvanceableTo,
  statusRank,
  statusTimestampColumn,
  storedStatus,
  type DeliveryStatus,
  type StatusTimestampColumn,
} from '../domain/status-rank.js';
import type { MetaError } from '../domain/webhook-payload.js';
import type { MessageRef } from './record-reaction.js';
import { queryOne } from './sql.js';

/** One status Meta reported for a message: what, when (Meta's clock), and why for `failed`. */
export interface StatusReport {
  status: string;
  at: Date;
  errors: MetaError[];
}

const TIMESTAMP_COLUMNS: readonly StatusTimestampColumn[] = ['queued_at', 'sending_at', 'sent_at', 'delivered_at', 'read_at', 'failed_at'];

/**
 * Applies status reports to one stored message: the status only moves forward (a late
 * `delivered` never undoes `read`; `failed` is terminal), each status's time is recorded even
 * when the status itself does not move (the earliest report wins), and a failure keeps Meta's
 * code, title and details. Returns the message when something changed. Callers hold the message lock.
 */
export async function applyStatusReports(manager: EntityManager, wamid: string, reports: readonly StatusReport[]): Promise<MessageRef | null> {
  const known = reports.filter((report): report is StatusReport & { status: DeliveryStatus } => isDeliveryStatus(report.status));
  if (known.length === 0) return null;
  const ordered = [...known].sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.at.getTime() - b.at.getTime());
  let highest: DeliveryStatus = 'queued';
  for (const report of ordered) if (canAdvance(highest, report.status)) highest = report.status;
  const target = storedStatus(highest);

  const times = new Map<StatusTimestampColumn, Date>();
  for (const report of ordered) {
    const column = statusTimestampColumn(report.status);
    const earlier = column ? times.get(column) : undefined;
    if (column && (!earlier || report.at < earlier)) times.set(column, report.at);
  }
  const failure = ordered.find((report) => report.status === 'failed')?.errors[0];

  const timeParams = TIMESTAMP_COLUMNS.map((column) => times.get(column) ?? null);
  // LEAST (which skips nulls): the earliest report of a status wins whatever order they come in.
  const timeSets = TIMESTAMP_COLUMNS.map((column, index) => `${column} = LEAST(m.${column}, $${index + 4}::timestamptz)`).join(', ');
  const timeChanges = TIMESTAMP_COLUMNS.map((column, index) => `m.${column} IS DISTINCT FROM LEAST(m.${column}, $${index + 4}::timestamptz)`).join(' OR ');
  const errorParams = failure
    ? [failure.code, failure.title, failure.error_data?.details ?? failure.message ?? null]
    : [null, null, null];

  const updated = await queryOne<MessageRef>(
    manager,
    `UPDATE whatsapp_messages m SET
        status = CASE WHEN m.status = ANY($3::text[]) THEN $2 ELSE m.status END,
        ${timeSets},
        error_code = CASE WHEN $10::boolean THEN $11::integer ELSE m.error_code END,
        error_title = CASE WHEN $10::boolean THEN $12::text ELSE m.error_title END,
        error_details = CASE WHEN $10::boolean THEN $13::text ELSE m.error_details END,
        updated_at = now()
      WHERE m.wamid = $1
        AND (m.status = ANY($3::text[]) OR ${timeChanges}
             OR ($10::boolean AND (m.error_code, m.error_title, m.error_details) IS DISTINCT FROM ($11::integer, $12::text, $13::text)))
      RETURNING m.id AS "messageId", m.conversation_id AS "conversationId",
        (SELECT c.account_id FROM whatsapp_conversations c WHERE c.id = m.conversation_id) AS "accountId"`,
    [wamid, target, statusesAdvanceableTo(target), ...timeParams, failure !== undefined, ...errorParams],
  );
  return updated ?? null;
}

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
import type { MessagePricing } from '../domain/message-pricing.js';
import { setMarketingConsent } from '../contacts/set-marketing-consent.js';
import { recordMessagePricing } from '../pricing/message-cost.js';
import type { MessageRef } from './record-reaction.js';
import { prepared, queryRows } from '../db/sql.js';
import { emitMessageEvents } from '../events/emit-event.js';

/** One status Meta reported for a message: what, when (Meta's clock), why for `failed`, and what it costs. */
export interface StatusReport {
  status: string;
  at: Date;
  errors: MetaError[];
  pricing?: MessagePricing | null;
}

/** Meta refused a marketing message because the customer stopped marketing messages. */
const MARKETING_STOPPED = 131050;

const TIMESTAMP_COLUMNS: readonly StatusTimestampColumn[] = ['queued_at', 'sending_at', 'sent_at', 'delivered_at', 'read_at', 'failed_at'];

/** What a set of reports does to one message, whatever order they came in. */
interface StatusChange {
  wamid: string;
  target: string;
  /** The stored statuses `target` may replace, comma-separated. */
  advanceable: string;
  times: Partial<Record<StatusTimestampColumn, Date>>;
  failure: { code: number; title: string; details: string | null } | null;
}

/**
 * Applies status reports to stored messages, all in one statement: the status only moves
 * forward (a late `delivered` never undoes `read`; `failed` is terminal), each status's time is
 * recorded even when the status itself does not move (the earliest report wins, so reordered
 * duplicates converge), and a failure keeps Meta's code, title and details. A message whose
 * status moved gets its outbox event (`message.failed`, else `message.status_changed`). Returns
 * the messages that changed. Callers hold the messages' locks.
 */
export async function applyStatusReports(manager: EntityManager, reportsByWamid: ReadonlyMap<string, readonly StatusReport[]>): Promise<MessageRef[]> {
  const changes = [...reportsByWamid].map(([wamid, reports]) => statusChange(wamid, reports)).filter((change) => change !== null);
  if (changes.length === 0) return [];
  const pricing = [...reportsByWamid].flatMap(([wamid, reports]) => {
    const priced = reports.find((report) => report.pricing)?.pricing;
    return priced ? [{ wamid, ...priced }] : [];
  });
  await recordMessagePricing(manager, pricing);
  const stopped = changes.filter((change) => change.failure?.code === MARKETING_STOPPED);
  if (stopped.length > 0) await markMarketingStopped(manager, stopped.map((change) => ({ wamid: change.wamid, at: change.times.failed_at ?? new Date() })));
  const columns = TIMESTAMP_COLUMNS.map((column) => `${column} timestamptz`).join(', ');
  const timeSets = TIMESTAMP_COLUMNS.map((column) => `${column} = LEAST(m.${column}, v.${column})`).join(', ');
  const timeChanges = TIMESTAMP_COLUMNS.map((column) => `m.${column} IS DISTINCT FROM LEAST(m.${column}, v.${column})`).join(' OR ');
  const changed = await queryRows<MessageRef & { status: string; previousStatus: string }>(
    manager,
    prepared(`UPDATE whatsapp_messages m SET
        status = CASE WHEN m.status = ANY(string_to_array(v.advanceable, ',')) THEN v.target ELSE m.status END,
        ${timeSets},
        error_code = CASE WHEN v.failed THEN v.error_code ELSE m.error_code END,
        error_title = CASE WHEN v.failed THEN v.error_title ELSE m.error_title END,
        error_details = CASE WHEN v.failed THEN v.error_details ELSE m.error_details END,
        updated_at = now()
       FROM jsonb_to_recordset($1::jsonb)
         AS v(wamid text, target text, advanceable text, ${columns}, failed boolean, error_code integer, error_title text, error_details text),
         whatsapp_messages old
      WHERE m.wamid = v.wamid AND old.id = m.id
        AND (m.status = ANY(string_to_array(v.advanceable, ',')) OR ${timeChanges}
             OR (v.failed AND (m.error_code, m.error_title, m.error_details) IS DISTINCT FROM (v.error_code, v.error_title, v.error_details)))
      RETURNING m.id AS "messageId", m.conversation_id AS "conversationId",
        (SELECT c.account_id FROM whatsapp_conversations c WHERE c.id = m.conversation_id) AS "accountId",
        m.status, old.status AS "previousStatus"`),
    [
      JSON.stringify(
        changes.map((change) => ({
          wamid: change.wamid,
          target: change.target,
          advanceable: change.advanceable,
          ...change.times,
          failed: change.failure !== null,
          error_code: change.failure?.code ?? null,
          error_title: change.failure?.title ?? null,
          error_details: change.failure?.details ?? null,
        })),
      ),
    ],
  );
  const moved = changed.filter((message) => message.status !== message.previousStatus);
  await emitMessageEvents(manager, 'message.failed', moved.filter((message) => message.status === 'failed').map((message) => message.messageId));
  await emitMessageEvents(manager, 'message.status_changed', moved.filter((message) => message.status !== 'failed').map((message) => message.messageId));
  return changed.map(({ messageId, conversationId, accountId }) => ({ messageId, conversationId, accountId }));
}

function statusChange(wamid: string, reports: readonly StatusReport[]): StatusChange | null {
  const known = reports.filter((report): report is StatusReport & { status: DeliveryStatus } => isDeliveryStatus(report.status));
  if (known.length === 0) return null;
  const ordered = [...known].sort((a, b) => statusRank(a.status) - statusRank(b.status) || a.at.getTime() - b.at.getTime());
  let highest: DeliveryStatus = 'queued';
  for (const report of ordered) if (canAdvance(highest, report.status)) highest = report.status;
  const target = storedStatus(highest);

  const times: Partial<Record<StatusTimestampColumn, Date>> = {};
  for (const report of ordered) {
    const column = statusTimestampColumn(report.status);
    const earlier = column ? times[column] : undefined;
    if (column && (!earlier || report.at < earlier)) times[column] = report.at;
  }
  const error = ordered.find((report) => report.status === 'failed')?.errors[0];
  const failure = error ? { code: error.code, title: error.title, details: error.error_data?.details ?? error.message ?? null } : null;
  return { wamid, target, advanceable: statusesAdvanceableTo(target).join(','), times, failure };
}

/** 131050 from Meta: the customer stopped marketing messages, whoever learns it first (the consent is set as if they had said so here). */
async function markMarketingStopped(manager: EntityManager, refused: readonly { wamid: string; at: Date }[]): Promise<void> {
  const contacts = await queryRows<{ contactId: string; wamid: string }>(
    manager,
    prepared(`SELECT v.contact_id AS "contactId", m.wamid FROM whatsapp_messages m JOIN whatsapp_conversations v ON v.id = m.conversation_id
      WHERE m.wamid = ANY($1::text[])`),
    [refused.map((r) => r.wamid)],
  );
  for (const { contactId, wamid } of contacts) {
    await setMarketingConsent(manager, contactId, true, 'meta_131050', refused.find((r) => r.wamid === wamid)!.at);
  }
}

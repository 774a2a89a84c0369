import type { WebhookStatus } from '../domain/webhook-payload.js';
import { applyStatusReports, type StatusReport } from '../statuses/apply-status-reports.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { prepared, queryRows } from '../db/sql.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import { statusPricing } from '../domain/message-pricing.js';

/** Remembers a change's statuses; `applyStagedStatuses` applies those of the whole transaction at once. */
export function stageMessageStatuses(scope: ProcessingScope, account: RoutedAccount, statuses: readonly WebhookStatus[]): void {
  for (const status of statuses) scope.stagedStatuses.push({ account, status });
}

/**
 * Applies every staged status: to its message when stored (one statement for all), otherwise
 * parked in whatsapp_pending_statuses (one statement too), with biz_opaque_callback_data for
 * the sending side's reconciliation, until the message appears. Runs after the transaction's
 * inbound messages are stored. Callers hold the lock of every wamid here.
 */
export async function applyStagedStatuses(scope: ProcessingScope): Promise<void> {
  const reports = new Map<string, StatusReport[]>();
  const parked: Record<string, unknown>[] = [];
  for (const { account, status } of scope.stagedStatuses) {
    if (scope.storedWamids.has(status.id)) {
      const report = { status: status.status, at: unixSecondsToDate(status.timestamp), errors: status.errors ?? [], pricing: statusPricing(status) };
      reports.set(status.id, [...(reports.get(status.id) ?? []), report]);
    } else {
      parked.push({
        account_id: account.id,
        wamid: status.id,
        status: status.status,
        status_at: unixSecondsToDate(status.timestamp),
        recipient_id: (status.recipient_id ?? status.recipient_user_id ?? null)?.slice(0, 128) ?? null,
        biz_opaque_callback_data: status.biz_opaque_callback_data?.slice(0, 512) ?? null,
        payload: status,
      });
    }
  }
  scope.stagedStatuses = [];
  for (const updated of await applyStatusReports(scope.manager, reports)) scope.notifications.add({ kind: 'message.updated', ...updated });
  if (parked.length === 0) return;
  await queryRows(
    scope.manager,
    prepared(`INSERT INTO whatsapp_pending_statuses (account_id, wamid, status, status_at, recipient_id, biz_opaque_callback_data, payload)
     SELECT account_id, wamid, status, status_at, recipient_id, biz_opaque_callback_data, payload
       FROM jsonb_to_recordset($1::jsonb)
         AS p(account_id uuid, wamid text, status text, status_at timestamptz, recipient_id text, biz_opaque_callback_data text, payload jsonb)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_pending_statuses_wamid_status DO NOTHING`),
    [JSON.stringify(parked)],
  );
}

import type { EntityManager } from 'typeorm';
import type { WebhookStatus } from '../domain/webhook-payload.js';
import { applyStatusReports } from './apply-status-reports.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { queryRows } from './sql.js';
import { unixSecondsToDate } from './unix-seconds.js';

/**
 * Applies every status of a `messages` change: to its message when stored, otherwise parked
 * in whatsapp_pending_statuses (with biz_opaque_callback_data, for the sending side's
 * reconciliation) until the message appears. Callers hold the lock of every wamid here.
 */
export async function applyMessageStatuses(scope: ProcessingScope, account: RoutedAccount, statuses: readonly WebhookStatus[]): Promise<void> {
  const byWamid = new Map<string, WebhookStatus[]>();
  for (const status of statuses) byWamid.set(status.id, [...(byWamid.get(status.id) ?? []), status]);
  for (const [wamid, reports] of byWamid) {
    if (scope.storedWamids.has(wamid)) {
      const updated = await applyStatusReports(
        scope.manager,
        wamid,
        reports.map((report) => ({ status: report.status, at: unixSecondsToDate(report.timestamp), errors: report.errors ?? [] })),
      );
      if (updated) scope.notifications.add({ kind: 'message.updated', ...updated });
    } else {
      for (const report of reports) await parkStatus(scope.manager, account, report);
    }
  }
}

async function parkStatus(manager: EntityManager, account: RoutedAccount, status: WebhookStatus): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO whatsapp_pending_statuses (account_id, wamid, status, status_at, recipient_id, biz_opaque_callback_data, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_pending_statuses_wamid_status DO NOTHING`,
    [
      account.id,
      status.id,
      status.status,
      unixSecondsToDate(status.timestamp),
      (status.recipient_id ?? status.recipient_user_id ?? null)?.slice(0, 128) ?? null,
      status.biz_opaque_callback_data?.slice(0, 512) ?? null,
      status,
    ],
  );
}

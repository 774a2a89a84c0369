import type { EntityManager } from 'typeorm';
import { describeAccountNotice, noticeDetails } from '../domain/account-notice.js';
import type { AccountNoticeField } from '../domain/webhook-payload.js';
import { prepared, queryRows } from '../db/sql.js';
import type { RoutedAccount } from './processing-scope.js';

/**
 * The one place Meta's number and account notices are applied (account_update, account_alerts,
 * phone_number_quality_update…): each becomes a notice on the numbers it concerns, and when it
 * is the newest of its topic, their state follows it (messaging limit, verified name, review);
 * a ban, a rejection, a deletion or the app being removed stops sending with the reason, and
 * the matching reinstatement brings it back. Redeliveries change nothing (unique occurrence).
 * Returns the numbers whose state changed.
 */
export async function applyAccountNotice(
  manager: EntityManager,
  accounts: readonly RoutedAccount[],
  notice: { field: AccountNoticeField; value: Record<string, unknown>; at: Date },
): Promise<string[]> {
  const described = describeAccountNotice(notice.field, notice.value);
  const concerned = accounts.filter((account) => {
    const number = described.number;
    if (!number) return true;
    if (number.phoneNumberId) return account.phoneNumberId === number.phoneNumberId;
    return digits(account.displayPhoneNumber) === digits(number.displayPhoneNumber);
  });
  // A number Meta names that is not ours (display numbers are typed by people): the whole account hears of it.
  const targets = concerned.length > 0 ? concerned : accounts;
  const block = described.block && 'reason' in described.block ? described.block : null;
  const clears = described.block && 'clears' in described.block ? described.block.clears : [];
  const rows = await queryRows<{ accountId: string }>(
    manager,
    prepared(`WITH inserted AS (
       INSERT INTO whatsapp_account_notices (account_id, field, topic, event, severity, summary_key, details, occurred_at)
       SELECT id, $2, $3, $4, $5, $6, $7::jsonb, $8 FROM unnest($1::uuid[]) AS id
       ON CONFLICT ON CONSTRAINT uq_whatsapp_account_notices_occurrence DO NOTHING
       RETURNING account_id
     ), newest AS (
       SELECT i.account_id FROM inserted i
        WHERE NOT EXISTS (SELECT 1 FROM whatsapp_account_notices n WHERE n.account_id = i.account_id AND n.topic = $3 AND n.occurred_at > $8)
     )
     UPDATE whatsapp_accounts a SET
       messaging_limit = COALESCE($9, a.messaging_limit),
       throughput_level = COALESCE($10, a.throughput_level),
       verified_name = COALESCE($11, a.verified_name),
       name_status = COALESCE($12, a.name_status),
       review_status = COALESCE($13, a.review_status),
       blocked_at = CASE WHEN $14::text IS NOT NULL THEN COALESCE(a.blocked_at, $8)
                         WHEN a.blocked_reason_key = ANY($16::text[]) THEN NULL ELSE a.blocked_at END,
       blocked_reason_key = CASE WHEN $14::text IS NOT NULL THEN $14 WHEN a.blocked_reason_key = ANY($16::text[]) THEN NULL ELSE a.blocked_reason_key END,
       blocked_details = CASE WHEN $14::text IS NOT NULL THEN $15 WHEN a.blocked_reason_key = ANY($16::text[]) THEN NULL ELSE a.blocked_details END,
       updated_at = now()
      FROM newest WHERE a.id = newest.account_id
     RETURNING a.id AS "accountId"`),
    [
      targets.map((account) => account.id),
      notice.field,
      described.topic.slice(0, 80),
      described.event.slice(0, 80),
      described.severity,
      `accountHealth.notice.${described.summary}`,
      JSON.stringify({ ...notice.value, summaryDetails: noticeDetails(notice.field, notice.value) }),
      notice.at,
      described.patch.messagingLimit?.slice(0, 30) ?? null,
      described.patch.throughputLevel?.slice(0, 30) ?? null,
      described.patch.verifiedName?.slice(0, 200) ?? null,
      described.patch.nameStatus?.slice(0, 20) ?? null,
      described.patch.reviewStatus?.slice(0, 20) ?? null,
      block ? `accountHealth.blocked.${block.reason}` : null,
      block?.details ?? null,
      clears.map((reason) => `accountHealth.blocked.${reason}`),
    ],
  );
  return rows.map((row) => row.accountId);
}

function digits(value: string | null | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

import type { DataSource } from 'typeorm';
import { holds, numbersWith, type InboxActor } from '../permissions/permission-snapshot.js';
import { inScope } from './report-sources.js';

/** How far back a warning from Meta stays on the dashboard, unless a newer notice of its topic settles it. */
export const NUMBER_WARNING_DAYS = 14;

export interface NumberHealthNotice {
  /** i18n key (accountHealth.notice.*). */
  summaryKey: string;
  severity: 'warning' | 'critical';
  occurredAt: string;
}

/** A number that needs someone's attention, and why. */
export interface NumberHealthWarning {
  accountId: string;
  name: string;
  displayPhoneNumber: string | null;
  /** Meta disabled or banned it, or the account went away: nothing is sent (i18n key accountHealth.blocked.*). */
  stopped: { reasonKey: string; since: string } | null;
  /** Sending fails for a reason on our side (token, permission…): our explanation's key (meta-errors) and Meta's words. */
  sendingProblem: { explanationKey: string | null; message: string | null; since: string | null } | null;
  /** Meta's warnings of the last days that no newer notice of their topic settled (shown to managers only). */
  notices: NumberHealthNotice[];
  /** The admin may open the number's page (accounts.manage), where its notices and settings are. */
  canOpen: boolean;
}

/**
 * The numbers the admin sees (inbox.view) that cannot send, or about which Meta warned lately.
 * Whether a number can send is everyone's business (it explains failed replies); Meta's warnings
 * (quality flagged, limits lowered, a coming disable) are for who runs the number: holders of
 * reports.view on it, or of accounts.manage. A notice counts while it is the newest of its topic:
 * "quality restored" settles "quality flagged".
 */
export async function loadNumberHealthWarnings(dataSource: DataSource, admin: InboxActor | undefined | null): Promise<NumberHealthWarning[]> {
  const visible = numbersWith(admin, 'inbox.view');
  const scope = visible === 'all' ? null : visible;
  if (scope !== null && scope.length === 0) return [];
  const rows: Omit<NumberHealthWarning, 'canOpen'>[] = await dataSource.query(
    `SELECT a.id AS "accountId", a.name, a.display_phone_number AS "displayPhoneNumber",
            CASE WHEN a.blocked_at IS NOT NULL THEN json_build_object('reasonKey', a.blocked_reason_key, 'since', a.blocked_at) END AS stopped,
            CASE WHEN a.problem_code IS NOT NULL OR a.problem_explanation_key IS NOT NULL
                 THEN json_build_object('explanationKey', a.problem_explanation_key, 'message', a.problem_message, 'since', a.problem_at) END AS "sendingProblem",
            COALESCE((SELECT json_agg(json_build_object('summaryKey', latest.summary_key, 'severity', latest.severity, 'occurredAt', latest.occurred_at)
                                      ORDER BY latest.occurred_at DESC)
                        FROM (SELECT DISTINCT ON (n.topic) n.summary_key, n.severity, n.occurred_at
                                FROM whatsapp_account_notices n
                               WHERE n.account_id = a.id AND n.occurred_at > now() - make_interval(days => $1)
                               ORDER BY n.topic, n.occurred_at DESC) AS latest
                       WHERE latest.severity IN ('warning', 'critical')), '[]') AS notices
       FROM whatsapp_accounts a
      WHERE ${inScope(scope, 'a.id', '$2')}
      ORDER BY a.name, a.id`,
    [NUMBER_WARNING_DAYS, ...(scope === null ? [] : [scope])],
  );
  const managesEvery = holds(admin, 'accounts.manage');
  return rows
    .map((row) => ({ ...row, notices: managesEvery || holds(admin, 'reports.view', row.accountId) ? row.notices : [], canOpen: managesEvery }))
    .filter((row) => row.stopped || row.sendingProblem || row.notices.length > 0);
}

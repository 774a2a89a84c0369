import type { DataSource } from 'typeorm';
import { WEBHOOK_EVENT_STATUSES, type WebhookEventStatus } from '../entities/whatsapp-webhook-event.entity.js';
import { holds, numbersWith, type InboxActor } from '../permissions/permission-snapshot.js';
import { inScope, NUMBER_TRAFFIC } from './report-sources.js';
import { foldReportDeltas } from './fold-report-deltas.js';
import { loadNumberHealthWarnings, type NumberHealthWarning } from './number-health-warnings.js';

/** How many days the charts look back, today included. */
export const DASHBOARD_DAYS = 30;

export interface MessagesOnDay {
  /** YYYY-MM-DD in the dashboard's time zone. */
  day: string;
  inbound: number;
  outbound: number;
}

export interface OpenConversationsOfAssignee {
  /** null: unassigned. */
  assigneeId: string | null;
  assigneeName: string | null;
  open: number;
}

export interface FirstResponse {
  /** Median over the answered conversations, in seconds; null when none was answered. */
  medianSeconds: number | null;
  answered: number;
  /** Opened in the window, the customer wrote, and no reply was written yet. */
  waiting: number;
}

export interface FailureReason {
  errorCode: number | null;
  errorTitle: string | null;
  /** Key of our plain explanation (locales/<lang>/meta-errors.json), when the failure was classified. */
  explanationKey: string | null;
  failures: number;
}

export interface InboxFigures {
  /** The numbers these figures cover. */
  numbers: { id: string; name: string }[];
  messagesPerDay: MessagesOnDay[];
  openByAssignee: OpenConversationsOfAssignee[];
  firstResponse: FirstResponse;
  failuresByReason: FailureReason[];
}

export interface DashboardFigures {
  timeZone: string;
  days: number;
  /** Start of the first day counted (ISO), in the time zone above. */
  since: string;
  /** null: the admin holds inbox.view on no number. */
  inbox: InboxFigures | null;
  /** null: only for holders of accounts.manage (the deliveries are not per number). */
  webhookEventsByStatus: WebhookEventsOfStatus[] | null;
  /** Webhook endpoints the plugin disabled after days of failures: the managers' notice. null: without integrations.manage. */
  failingEndpoints: FailingEndpoint[] | null;
  /** The admin's numbers that cannot send or that Meta warned about: the banner above the figures. */
  numberHealth: NumberHealthWarning[];
}

export interface FailingEndpoint {
  id: string;
  name: string;
  url: string;
  /** ISO: when it was disabled. */
  disabledAt: string;
}

export interface WebhookEventsOfStatus {
  status: WebhookEventStatus;
  events: number;
}

/** At most this many failure reasons are listed, the most frequent first. */
const FAILURE_REASONS_SHOWN = 20;

/**
 * The dashboard's figures, each one SQL aggregate over the report rollups (nothing is loaded row
 * by row, no message is scanned).
 *
 * Scope: the numbers where the admin holds inbox.view. The inbox figures are number-wide even
 * for an agent without inbox.view_all: counts and durations carry no customer content, and a
 * team's workload is what an agent compares theirs with. Webhook deliveries belong to no number
 * and are shown to holders of accounts.manage only.
 *
 * A message's time is its created_at: when it reached the inbox (a customer's message) or was
 * written (ours). Days are calendar days in `timeZone`, made of the rollups' UTC hours (in the
 * few zones whose offset is not whole hours, a day starts at the nearest hour); the window is the
 * last DASHBOARD_DAYS of them, today included.
 */
export async function loadDashboardFigures(
  dataSource: DataSource,
  admin: InboxActor | undefined | null,
  options: { timeZone: string },
): Promise<DashboardFigures> {
  const { timeZone, since } = await window(dataSource, options.timeZone);
  await foldReportDeltas(dataSource);
  const visible = numbersWith(admin, 'inbox.view');
  const scope = visible === 'all' ? null : visible;
  const [inbox, webhookEventsByStatus, numberHealth, failingEndpoints] = await Promise.all([
    scope !== null && scope.length === 0 ? null : inboxFigures(dataSource, scope, timeZone, since),
    holds(admin, 'accounts.manage') ? webhookEvents(dataSource, since) : null,
    loadNumberHealthWarnings(dataSource, admin),
    holds(admin, 'integrations.manage', null) ? disabledForFailing(dataSource) : null,
  ]);
  return { timeZone, days: DASHBOARD_DAYS, since: since.toISOString(), inbox, webhookEventsByStatus, numberHealth, failingEndpoints };
}

async function disabledForFailing(dataSource: DataSource): Promise<FailingEndpoint[]> {
  const rows: { id: string; name: string; url: string; disabled_at: Date }[] = await dataSource.query(
    `SELECT id, name, url, updated_at AS disabled_at FROM whatsapp_webhook_endpoints WHERE NOT enabled AND disabled_reason = 'failing' ORDER BY updated_at DESC`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, url: row.url, disabledAt: row.disabled_at.toISOString() }));
}

/** The first instant counted: midnight DASHBOARD_DAYS − 1 days ago in the time zone (UTC if PostgreSQL does not know it). */
async function window(dataSource: DataSource, timeZone: string): Promise<{ timeZone: string; since: Date }> {
  const sql = `SELECT (date_trunc('day', now() AT TIME ZONE $1) - ($2::int - 1) * interval '1 day') AT TIME ZONE $1 AS since`;
  try {
    const [row] = await dataSource.query(sql, [timeZone, DASHBOARD_DAYS]);
    return { timeZone, since: row.since };
  } catch (error) {
    if ((error as { code?: string }).code !== '22023' || timeZone === 'UTC') throw error;
    return window(dataSource, 'UTC');
  }
}

async function inboxFigures(dataSource: DataSource, scope: string[] | null, timeZone: string, since: Date): Promise<InboxFigures> {
  const scoped = scope === null ? [] : [scope];
  const [numbers, messagesPerDay, openByAssignee, [firstResponse], failuresByReason] = await Promise.all([
    dataSource.query(`SELECT id, name FROM whatsapp_accounts a WHERE ${inScope(scope, 'a.id', '$1')} ORDER BY name, id`, scoped),
    dataSource.query(messagesPerDaySql(scope), [since, timeZone, ...scoped]),
    dataSource.query(
      `SELECT c.assignee_id AS "assigneeId", u.name AS "assigneeName", count(*)::int AS open
         FROM whatsapp_conversations c LEFT JOIN whatsapp_agents u ON u.id = c.assignee_id
        WHERE c.status = 'open' AND ${inScope(scope, 'c.account_id', '$1')}
        GROUP BY c.assignee_id, u.name
        ORDER BY (c.assignee_id IS NULL) DESC, open DESC, u.name`,
      scoped,
    ),
    dataSource.query(FIRST_RESPONSE_SQL(scope), [since, ...scoped]),
    dataSource.query(
      `SELECT nullif(r.error_code, 0) AS "errorCode", max(r.error_title) AS "errorTitle", nullif(r.explanation_key, '') AS "explanationKey",
              sum(r.failures)::int AS failures
         FROM whatsapp_report_failures r
        WHERE r.hour >= $1 AND ${inScope(scope, 'r.account_id', '$2')}
        GROUP BY r.error_code, r.explanation_key
       HAVING sum(r.failures) > 0
        ORDER BY failures DESC, r.error_code = 0, r.error_code, max(r.error_title)
        LIMIT ${FAILURE_REASONS_SHOWN}`,
      [since, ...scoped],
    ),
  ]);
  return {
    numbers,
    messagesPerDay,
    openByAssignee,
    firstResponse: {
      medianSeconds: firstResponse.medianSeconds === null ? null : Number(firstResponse.medianSeconds),
      answered: firstResponse.answered,
      waiting: firstResponse.waiting,
    },
    failuresByReason,
  };
}

/**
 * Every day of the window, days without messages as 0, from the hourly traffic rollup (every
 * conversation: label ''). Parameters: since, time zone[, scope].
 */
function messagesPerDaySql(scope: string[] | null): string {
  return `
    WITH counted AS (
      SELECT (t.hour AT TIME ZONE $2)::date AS day, sum(t.inbound)::int AS inbound, sum(t.human_replies + t.automatic_replies)::int AS outbound
        FROM ${NUMBER_TRAFFIC} t
       WHERE t.label = '' AND t.hour >= $1 AND ${inScope(scope, 't.account_id', '$3')}
       GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(counted.inbound, 0) AS inbound, coalesce(counted.outbound, 0) AS outbound
      FROM generate_series(($1::timestamptz AT TIME ZONE $2)::date, (now() AT TIME ZONE $2)::date, interval '1 day') AS d(day)
      LEFT JOIN counted ON counted.day = d.day::date
     ORDER BY d.day`;
}

/**
 * First-response time of a conversation (whatsapp_report_conversations): from the customer's
 * first message in it to the first human message after it, whatever became of its delivery.
 * Counted over the conversations opened in the window; those not answered yet are counted apart,
 * not in the median. A conversation reopened later keeps its first response.
 */
const FIRST_RESPONSE_SQL = (scope: string[] | null) => `
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.first_response_seconds) AS "medianSeconds",
         count(f.first_response_seconds)::int AS answered,
         count(*) FILTER (WHERE f.first_inbound_at IS NOT NULL AND f.first_response_at IS NULL)::int AS waiting
    FROM whatsapp_report_conversations f
   WHERE f.opened_at >= $1 AND ${inScope(scope, 'f.account_id', '$2')}`;

async function webhookEvents(dataSource: DataSource, since: Date): Promise<WebhookEventsOfStatus[]> {
  return dataSource.query(
    `SELECT s.status, count(e.id)::int AS events
       FROM unnest($2::text[]) WITH ORDINALITY AS s(status, position)
       LEFT JOIN whatsapp_webhook_events e ON e.status = s.status AND e.received_at >= $1
      GROUP BY s.status, s.position
      ORDER BY s.position`,
    [since, WEBHOOK_EVENT_STATUSES],
  );
}

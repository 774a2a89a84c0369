import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';
import { isAgentId } from '../domain/agent-role.js';
import { isUuid } from '../domain/uuid.js';
import { numbersWith, type InboxActor } from '../permissions/permission-snapshot.js';

/** What a manager narrows the reports by. Dates are calendar days in `timeZone`, both included. */
export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
  accountId: string | null;
  agentId: string | null;
  label: string | null;
}

/** The filters turned into what the SQL binds: instants, the numbers in scope. */
export interface ReportScope extends ReportFilters {
  since: Date;
  until: Date;
  /** The numbers whose figures are counted: the one asked for, among those where the manager holds reports.view. */
  accountIds: string[];
}

export const DEFAULT_REPORT_DAYS = 30;
/** A report covers at most this many days (a year and a few). */
export const MAX_REPORT_DAYS = 400;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const query = z.object({
  from: day.optional(),
  to: day.optional(),
  timeZone: z.string().max(64).optional(),
  accountId: z.string().optional(),
  agentId: z.string().optional(),
  label: z.string().max(100).optional(),
});

/**
 * Reads the filters from a request's query, every field checked (unknown time zone: UTC; bad or
 * missing dates: the last DEFAULT_REPORT_DAYS days), and bounds them to what the manager may see.
 * Null when the manager may see no report at all.
 */
export function reportScope(admin: InboxActor | null | undefined, raw: unknown, accountIds: readonly string[], today: Date = new Date()): ReportScope | null {
  const visible = numbersWith(admin, 'reports.view');
  const allowed = visible === 'all' ? [...accountIds] : accountIds.filter((id) => visible.includes(id));
  if (allowed.length === 0) return null;
  const parsed = query.safeParse(raw ?? {});
  const input = parsed.success ? parsed.data : {};
  const timeZone = input.timeZone && IANAZone.isValidZone(input.timeZone) ? input.timeZone : 'UTC';
  const now = DateTime.fromJSDate(today, { zone: timeZone });
  let to = input.to ? DateTime.fromISO(input.to, { zone: timeZone }) : now.startOf('day');
  let from = input.from ? DateTime.fromISO(input.from, { zone: timeZone }) : to.minus({ days: DEFAULT_REPORT_DAYS - 1 });
  if (!to.isValid) to = now.startOf('day');
  if (!from.isValid || from > to) from = to.minus({ days: DEFAULT_REPORT_DAYS - 1 });
  if (to.diff(from, 'days').days >= MAX_REPORT_DAYS) from = to.minus({ days: MAX_REPORT_DAYS - 1 });
  const accountId = input.accountId && isUuid(input.accountId) && allowed.includes(input.accountId) ? input.accountId : null;
  return {
    from: from.toISODate()!,
    to: to.toISODate()!,
    timeZone,
    accountId,
    agentId: input.agentId && isAgentId(input.agentId) ? input.agentId : null,
    label: input.label?.trim() || null,
    since: from.startOf('day').toJSDate(),
    until: to.plus({ days: 1 }).startOf('day').toJSDate(),
    accountIds: accountId ? [accountId] : allowed,
  };
}

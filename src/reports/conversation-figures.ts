import { percentilesOf, type Percentiles } from './percentiles.js';
import type { ReportScope } from './report-filters.js';
import { FACTS } from './report-sources.js';

const DAY_MS = 86_400_000;

/**
 * The ranges of the period read from the conversations rather than the day tables ($7 and $8
 * bound the whole days): before the first whole day, after the last, and each stale day between.
 * As two arrays unnested together, each range then read on its own through the time index
 * (LATERAL … OFFSET 0): joined as a UNION, PostgreSQL planned parallel workers whose start cost
 * more than the rows they read, and joined freely, a scan of the whole table.
 */
const NOT_FROM_DAYS = `(SELECT r.since, r.until
                          FROM (SELECT ARRAY[$1::timestamptz, $8::timestamptz] || coalesce(array_agg(s.day ORDER BY s.day), '{}') AS since,
                                       ARRAY[$7::timestamptz, $2::timestamptz] || coalesce(array_agg(s.day + interval '1 day' ORDER BY s.day), '{}') AS until
                                  FROM (SELECT DISTINCT day FROM whatsapp_report_stale_days WHERE day >= $7 AND day < $8) s) ranges,
                               unnest(ranges.since, ranges.until) AS r(since, until))`;

/** The whole UTC days of the period; none (an empty range at its end) when it has none, or when a label is chosen. */
function wholeDays(scope: ReportScope): { since: Date; until: Date } {
  const since = new Date(Math.ceil(scope.since.getTime() / DAY_MS) * DAY_MS);
  const until = new Date(Math.floor(scope.until.getTime() / DAY_MS) * DAY_MS);
  return scope.label === null && since < until ? { since, until } : { since: scope.until, until: scope.until };
}

/** Runs one of the report's statements with its six parameters (see loadReport), and more when given. */
export type RunReportStatement = <T>(sql: string, values?: unknown[]) => Promise<T[]>;

/** What the report says of the conversations of its period, every agent together and each agent. */
export interface ConversationFigures {
  /** Over the conversations opened in the period, from the customer's first message to the first human reply. */
  firstResponse: Percentiles & { waiting: number };
  /** Over the conversations resolved in the period, from their opening. */
  resolution: Percentiles;
  sla: { met: number; breached: number };
  /** By agent id: conversations resolved while assigned to them, first responses they gave and their median. */
  agents: Map<string, { handled: number; firstResponses: number; firstResponseMedianSeconds: number | null }>;
}

/** The conversations opened in the period that one assignee held and one agent first answered. */
interface OpenedGroup {
  assigneeId: string | null;
  responderId: string | null;
  conversations: number;
  waiting: number;
  met: number;
  breached: number;
  /** The group's seconds (nulls left out), packed as 4-byte big-endian integers. */
  seconds: Buffer | null;
}

interface ResolvedGroup {
  assigneeId: string | null;
  conversations: number;
  seconds: Buffer | null;
}

/**
 * Each side of the period is read once, as groups by assignee and first responder (opened) or by
 * assignee (resolved), each with its response seconds packed (int4send): the whole UTC days of
 * the period from the day tables (migration 1810), the rest from the conversations themselves —
 * the hours of the first and last day that are not a whole UTC day (a report's days are those of
 * its time zone), and the days whose day rows are stale. With a label chosen, everything is read
 * from the conversations (the day tables are not by label).
 *
 * The overall figures and each agent's are unions of those groups, with their percentiles counted
 * here (percentiles.ts): the agent filter narrows the overall figures to the assignee, and the
 * agents' first responses to the responder.
 */
export async function loadConversationFigures(run: RunReportStatement, scope: ReportScope): Promise<ConversationFigures> {
  const { agentId } = scope;
  const whole = wholeDays(scope);
  const values = [scope.since, scope.until, scope.accountIds, scope.agentId, scope.label, scope.timeZone, whole.since, whole.until];
  const [opened, resolved] = await Promise.all([
    run<OpenedGroup>(
      `SELECT "assigneeId", "responderId", sum(conversations)::int AS conversations, sum(waiting)::int AS waiting,
              sum(met)::int AS met, sum(breached)::int AS breached, string_agg(seconds, ''::bytea) AS seconds
         FROM (SELECT nullif(d.assignee_id, '') AS "assigneeId", nullif(d.responder_id, '') AS "responderId", d.conversations, d.waiting,
                      d.sla_met AS met, d.sla_breached AS breached, d.first_response_seconds AS seconds
                 FROM whatsapp_report_opened_days d
                WHERE d.day >= $7 AND d.day < $8 AND d.account_id = ANY($3::uuid[]) AND ($4::text IS NULL OR d.assignee_id = $4 OR d.responder_id = $4)
                  AND NOT EXISTS (SELECT FROM whatsapp_report_stale_days s WHERE s.day = d.day)
               UNION ALL
               SELECT c.* FROM ${NOT_FROM_DAYS} r CROSS JOIN LATERAL (
                 SELECT f.assignee_id, f.first_responder_id, 1, (f.first_inbound_at IS NOT NULL AND f.first_response_at IS NULL)::int,
                        f.sla_met, f.sla_breached, int4send(f.first_response_seconds)
                   FROM whatsapp_report_conversations f
                  WHERE f.opened_at >= r.since AND f.opened_at < r.until AND f.account_id = ANY($3::uuid[])
                    AND ($4::text IS NULL OR f.assignee_id = $4 OR f.first_responder_id = $4) AND ($5::text IS NULL OR f.labels @> ARRAY[$5::text])
                 OFFSET 0) c) g
        WHERE $6::text IS NOT NULL
        GROUP BY 1, 2`,
      values,
    ),
    run<ResolvedGroup>(
      `SELECT "assigneeId", sum(conversations)::int AS conversations, string_agg(seconds, ''::bytea) AS seconds
         FROM (SELECT nullif(d.assignee_id, '') AS "assigneeId", d.conversations, d.resolution_seconds AS seconds
                 FROM whatsapp_report_resolved_days d
                WHERE d.day >= $7 AND d.day < $8 AND d.account_id = ANY($3::uuid[]) AND ($4::text IS NULL OR d.assignee_id = $4)
                  AND NOT EXISTS (SELECT FROM whatsapp_report_stale_days s WHERE s.day = d.day)
               UNION ALL
               SELECT c.* FROM ${NOT_FROM_DAYS} r CROSS JOIN LATERAL (
                 SELECT f.assignee_id, 1, int4send(f.resolution_seconds) FROM whatsapp_report_conversations f
                  WHERE f.resolved_at >= r.since AND f.resolved_at < r.until AND ${FACTS}
                 OFFSET 0) c) g
        WHERE $6::text IS NOT NULL
        GROUP BY 1`,
      values,
    ),
  ]);
  const held = opened.filter((group) => agentId === null || group.assigneeId === agentId);
  const agents: ConversationFigures['agents'] = new Map();
  const agent = (id: string) => agents.get(id) ?? agents.set(id, { handled: 0, firstResponses: 0, firstResponseMedianSeconds: null }).get(id)!;
  for (const group of resolved) if (group.assigneeId !== null) agent(group.assigneeId).handled += group.conversations;
  const answeredBy = new Map<string, OpenedGroup[]>();
  for (const group of opened) {
    if (group.responderId === null || (agentId !== null && group.responderId !== agentId)) continue;
    answeredBy.set(group.responderId, [...(answeredBy.get(group.responderId) ?? []), group]);
  }
  for (const [responderId, groups] of answeredBy) {
    Object.assign(agent(responderId), {
      firstResponses: total(groups, (group) => group.conversations),
      firstResponseMedianSeconds: percentilesOf(secondsOf(groups)).median,
    });
  }
  return {
    firstResponse: { ...percentilesOf(secondsOf(held)), waiting: total(held, (group) => group.waiting) },
    resolution: { ...percentilesOf(secondsOf(resolved)), count: total(resolved, (group) => group.conversations) },
    sla: { met: total(held, (group) => group.met), breached: total(held, (group) => group.breached) },
    agents,
  };
}

const total = <G>(groups: readonly G[], figure: (group: G) => number): number => groups.reduce((sum, group) => sum + figure(group), 0);
const secondsOf = (groups: readonly (OpenedGroup | ResolvedGroup)[]): Int32Array[] => groups.map((group) => unpacked(group.seconds));

function unpacked(packed: Buffer | null): Int32Array {
  if (packed === null) return new Int32Array(0);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const values = new Int32Array(packed.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt32(i * 4);
  return values;
}

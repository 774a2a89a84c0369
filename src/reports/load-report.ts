import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { queryRows } from '../db/sql.js';
import type { ReportFilters, ReportScope } from './report-filters.js';
import { loadConversationFigures, type ConversationFigures } from './conversation-figures.js';
import type { Percentiles } from './percentiles.js';
import { COSTS, FACTS, NUMBER_TRAFFIC, TRAFFIC } from './report-sources.js';

export type { Percentiles } from './percentiles.js';

export interface ReportOverview {
  opened: number;
  resolved: number;
  inbound: number;
  humanReplies: number;
  automaticReplies: number;
  /** Over the conversations opened in the period, from the customer's first message to the first human reply. */
  firstResponse: Percentiles & { waiting: number };
  /** Over the conversations resolved in the period, from their opening. */
  resolution: Percentiles;
  satisfaction: { average: number | null; answers: number };
  sla: { met: number; breached: number };
}

export interface ReportDay {
  day: string;
  opened: number;
  resolved: number;
  inbound: number;
  humanReplies: number;
  automaticReplies: number;
}

export interface ReportHourOfWeek {
  /** ISO weekday, 1 Monday … 7 Sunday, in the report's time zone. */
  weekday: number;
  hour: number;
  inbound: number;
}

export interface ReportAgent {
  agentId: string;
  name: string;
  /** Conversations resolved in the period while assigned to the agent. */
  handled: number;
  replies: number;
  responses: number;
  averageResponseSeconds: number | null;
  firstResponses: number;
  firstResponseMedianSeconds: number | null;
  satisfactionAverage: number | null;
  satisfactionAnswers: number;
}

export interface ReportSlaTarget {
  target: 'first_response' | 'next_response' | 'resolution';
  met: number;
  breached: number;
}

export interface ReportCost {
  accountId: string;
  number: string;
  /** Meta's pricing category: marketing, utility, authentication, service… */
  category: string;
  /** Null: messages no rate card priced (counted, not costed). */
  currency: string | null;
  messages: number;
  charged: number;
  costMicros: number;
}

export interface ReportReferral {
  sourceId: string;
  sourceType: string | null;
  /** The ad's headline and link as the latest referral told them (customers' and advertisers' text: shown as text). */
  headline: string | null;
  sourceUrl: string | null;
  conversations: number;
}

/** The AI assistant's runs (answers, suggestions, summaries) in the period, by number, kind and outcome. */
export interface ReportAssistant {
  accountId: string;
  number: string;
  kind: string;
  outcome: string;
  /** Why it handed over or stayed silent; null for an answer. */
  reason: string | null;
  runs: number;
  inputTokens: number;
  outputTokens: number;
  currency: string | null;
  costMicros: number;
}

export interface Report {
  filters: ReportFilters;
  /** What the filters may choose from. */
  choices: { numbers: { id: string; name: string }[]; agents: { id: string; name: string }[]; labels: string[] };
  overview: ReportOverview;
  perDay: ReportDay[];
  hourOfWeek: ReportHourOfWeek[];
  agents: ReportAgent[];
  satisfaction: { rating: number; answers: number }[];
  sla: ReportSlaTarget[];
  costs: ReportCost[];
  referrals: ReportReferral[];
  assistant: ReportAssistant[];
}

/** The report's tables by name, as the CSV export names them. */
export const REPORT_TABLES = ['perDay', 'hourOfWeek', 'agents', 'satisfaction', 'sla', 'costs', 'referrals', 'assistant'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const seconds = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value)));

// Parameters of every statement: $1 since, $2 until, $3 numbers, $4 agent (or null), $5 label (or null), $6 time zone.
const TRAFFIC_WHERE = `t.hour >= $1 AND t.hour < $2 AND t.account_id = ANY($3::uuid[]) AND t.label = coalesce($5::text, '')`;

/**
 * Every figure of the reports page for the scope, each one aggregate over the rollups (see the
 * migration 1763700001300): traffic by hour (days and hours of the week in the report's time
 * zone), the conversation rollup for response and resolution times, satisfaction and SLA, the
 * agents' hours for their replies, the costs (issue #13's pricing and rate card) and the ads. The label filter applies to conversations and traffic; the
 * agents' replies and response times are the agents' own, whatever the label.
 */
export async function loadReport(dataSource: DataSource, scope: ReportScope): Promise<Report> {
  const params = [scope.since, scope.until, scope.accountIds, scope.agentId, scope.label, scope.timeZone];
  // Every statement is sent the six parameters and names each ($6 at least as `$6::text IS NOT
  // NULL`): PostgreSQL refuses a parameter it cannot type.
  const run = <T>(sql: string, values: unknown[] = params) => queryRows<T>(dataSource, sql, values);
  const [choices, conversations, hours, agents, names, satisfaction, sla, costs, referrals, assistant] = await Promise.all([
    loadChoices(dataSource, scope.accountIds),
    loadConversationFigures(run, scope),
    // Every assignee together unless an agent is chosen: the number-level rollup, a ninth of the rows.
    run<PlacedTraffic>(`
      WITH hours AS (
        SELECT t.hour, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
               sum(human_replies)::int AS "humanReplies", sum(automatic_replies)::int AS "automaticReplies"
          FROM ${scope.agentId === null ? NUMBER_TRAFFIC : TRAFFIC} t
         WHERE ${TRAFFIC_WHERE} AND ${scope.agentId === null ? '$4::text IS NULL' : 't.assignee_id = $4'} GROUP BY t.hour)
      -- Summed again by day and by hour of the week in the report's time zone: a few hundred rows
      -- to send, however many hours.
      SELECT to_char(local::date, 'YYYY-MM-DD') AS day, extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS "hourOfDay",
             sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
             sum("humanReplies")::int AS "humanReplies", sum("automaticReplies")::int AS "automaticReplies"
        -- Each hour placed once (OFFSET 0 keeps PostgreSQL from inlining the conversion three times).
        FROM (SELECT hour AT TIME ZONE $6 AS local, opened, resolved, inbound, "humanReplies", "automaticReplies" FROM hours OFFSET 0) placed
       GROUP BY GROUPING SETS ((local::date), (extract(isodow FROM local), extract(hour FROM local)))`),
    run<AgentActivity>(`
      WITH rated AS (
        SELECT f.csat_agent_id AS agent, count(*)::int AS n, avg(f.csat_rating) AS average FROM whatsapp_report_conversations f
         WHERE f.csat_at >= $1 AND f.csat_at < $2 AND f.csat_agent_id IS NOT NULL AND f.account_id = ANY($3::uuid[])
           AND ($4::text IS NULL OR f.csat_agent_id = $4) AND ($5::text IS NULL OR f.labels @> ARRAY[$5::text]) GROUP BY 1
      ), replied AS (
        SELECT h.agent_id AS agent, sum(h.replies)::int AS replies, sum(h.responses)::int AS responses, sum(h.response_seconds)::bigint AS seconds
          FROM whatsapp_report_agent_hours h
         WHERE h.hour >= $1 AND h.hour < $2 AND h.account_id = ANY($3::uuid[]) AND h.agent_id <> '' AND ($4::text IS NULL OR h.agent_id = $4) GROUP BY 1
      )
      SELECT coalesce(ra.agent, r.agent) AS "agentId", coalesce(r.replies, 0) AS replies, coalesce(r.responses, 0) AS responses,
             CASE WHEN r.responses > 0 THEN r.seconds::float / r.responses END AS "averageResponseSeconds",
             ra.average AS "satisfactionAverage", coalesce(ra.n, 0) AS "satisfactionAnswers"
        FROM rated ra FULL JOIN replied r ON r.agent = ra.agent
       WHERE $6::text IS NOT NULL`),
    queryRows<{ id: string; name: string }>(dataSource, `SELECT id, name FROM whatsapp_agents`),
    run<{ rating: number; answers: number }>(`
      SELECT r AS rating, count(f.conversation_id)::int AS answers
        FROM generate_series(1, 5) AS r
        LEFT JOIN whatsapp_report_conversations f ON f.csat_rating = r AND f.csat_at >= $1 AND f.csat_at < $2 AND ${FACTS}
       WHERE $6::text IS NOT NULL
       GROUP BY r ORDER BY r`),
    run<ReportSlaTarget>(`
      SELECT k.target, count(t.id) FILTER (WHERE t.stopped_at IS NOT NULL AND t.breached_at IS NULL)::int AS met,
             count(t.id) FILTER (WHERE t.breached_at IS NOT NULL)::int AS breached
        FROM unnest(ARRAY['first_response', 'next_response', 'resolution']) WITH ORDINALITY AS k(target, position)
        LEFT JOIN (whatsapp_sla_timers t JOIN whatsapp_report_conversations f ON f.conversation_id = t.conversation_id)
               ON t.kind = k.target AND t.started_at >= $1 AND t.started_at < $2 AND ${FACTS}
       WHERE $6::text IS NOT NULL
       GROUP BY k.target, k.position ORDER BY k.position`),
    // Costs and ads belong to numbers, not to agents or labels: those filters do not narrow them.
    run<ReportCost & { costMicros: string }>(`
      SELECT c.account_id AS "accountId", a.name AS number, c.category, nullif(c.currency, '') AS currency, sum(c.messages)::int AS messages,
             sum(c.charged)::int AS charged, sum(c.cost_micros)::text AS "costMicros"
        FROM ${COSTS} c JOIN whatsapp_accounts a ON a.id = c.account_id
       WHERE c.hour >= $1 AND c.hour < $2 AND c.account_id = ANY($3::uuid[])
       GROUP BY 1, 2, 3, 4 HAVING sum(c.messages) <> 0 ORDER BY a.name, sum(c.cost_micros) DESC, c.category`, params.slice(0, 3)),
    run<ReportReferral>(`
      WITH counted AS (
        SELECT r.source_id, sum(r.conversations)::int AS conversations FROM whatsapp_report_referrals r
         WHERE r.hour >= $1 AND r.hour < $2 AND r.account_id = ANY($3::uuid[])
         GROUP BY 1 HAVING sum(r.conversations) > 0)
      SELECT c.source_id AS "sourceId", ad.referral->>'source_type' AS "sourceType", ad.referral->>'headline' AS headline,
             ad.referral->>'source_url' AS "sourceUrl", c.conversations
        FROM counted c
        LEFT JOIN LATERAL (SELECT v.referral FROM whatsapp_conversations v WHERE v.referral_source_id = c.source_id ORDER BY v.referral_at DESC LIMIT 1) ad ON TRUE
       ORDER BY c.conversations DESC, c.source_id`, params.slice(0, 3)),
    // The assistant's runs belong to numbers (the knowledge base's tests, to none: left out).
    run<ReportAssistant & { costMicros: string }>(`
      SELECT r.account_id AS "accountId", a.name AS number, r.kind, r.outcome, r.reason, count(*)::int AS runs,
             sum(r.input_tokens)::int AS "inputTokens", sum(r.output_tokens)::int AS "outputTokens", r.currency, sum(r.cost_micros)::text AS "costMicros"
        FROM whatsapp_assistant_runs r JOIN whatsapp_accounts a ON a.id = r.account_id
       WHERE r.created_at >= $1 AND r.created_at < $2 AND r.account_id = ANY($3::uuid[])
       GROUP BY 1, 2, 3, 4, 5, r.currency ORDER BY a.name, r.kind, count(*) DESC, r.outcome, r.reason`, params.slice(0, 3)),
  ]);
  const traffic = { days: hours.filter((row) => row.day !== null), hoursOfWeek: hours.filter((row) => row.day === null) };
  const answers = satisfaction.reduce((sum, row) => sum + row.answers, 0);
  const { firstResponse, resolution, sla: slaOfOpened } = conversations;
  return {
    filters: { from: scope.from, to: scope.to, timeZone: scope.timeZone, accountId: scope.accountId, agentId: scope.agentId, label: scope.label },
    choices,
    overview: {
      ...sumOf(traffic.days),
      firstResponse,
      resolution,
      satisfaction: { average: answers === 0 ? null : hundredths(satisfaction.reduce((sum, row) => sum + row.rating * row.answers, 0) / answers), answers },
      sla: slaOfOpened,
    },
    perDay: daysOf(scope, traffic.days),
    hourOfWeek: hoursOfWeek(traffic.hoursOfWeek),
    agents: agentsOf(conversations.agents, agents, names),
    satisfaction,
    sla,
    costs: costs.map((row) => ({ ...row, costMicros: Number(row.costMicros) })),
    referrals,
    assistant: assistant.map((row) => ({ ...row, costMicros: Number(row.costMicros) })),
  };
}

const hundredths = (value: number) => Math.round(value * 100) / 100;

/** An agent's replies and satisfaction answers in the period, from the agents' hours and the conversation rollup. */
interface AgentActivity {
  agentId: string;
  replies: number;
  responses: number;
  averageResponseSeconds: number | null;
  satisfactionAverage: string | null;
  satisfactionAnswers: number;
}

/**
 * Every agent the period counts something for, by their name (their id when they are no agent
 * of the install any more), the most conversations handled first, then by name.
 */
function agentsOf(conversations: ConversationFigures['agents'], activity: readonly AgentActivity[], names: readonly { id: string; name: string }[]): ReportAgent[] {
  const nameOf = new Map(names.map((agent) => [agent.id, agent.name]));
  const activityOf = new Map(activity.map((row) => [row.agentId, row]));
  const ids = new Set([...conversations.keys(), ...activityOf.keys()]);
  const agents = [...ids].map((agentId): ReportAgent => {
    const counted = conversations.get(agentId);
    const active = activityOf.get(agentId);
    return {
      agentId,
      name: nameOf.get(agentId) ?? agentId,
      handled: counted?.handled ?? 0,
      replies: active?.replies ?? 0,
      responses: active?.responses ?? 0,
      averageResponseSeconds: seconds(active?.averageResponseSeconds),
      firstResponses: counted?.firstResponses ?? 0,
      firstResponseMedianSeconds: counted?.firstResponseMedianSeconds ?? null,
      satisfactionAverage: active?.satisfactionAverage == null ? null : hundredths(Number(active.satisfactionAverage)),
      satisfactionAnswers: active?.satisfactionAnswers ?? 0,
    };
  });
  const byName = (agent: ReportAgent) => agent.name.toLowerCase();
  return agents.sort((a, b) => b.handled - a.handled || (byName(a) < byName(b) ? -1 : byName(a) > byName(b) ? 1 : 0));
}

/** The traffic of one day of the report's time zone (weekday and hour null), or of one hour of the week (day null). */
interface PlacedTraffic extends Omit<ReportDay, 'day'> {
  day: string | null;
  weekday: number | null;
  hourOfDay: number | null;
}

type Traffic = Pick<ReportDay, 'opened' | 'resolved' | 'inbound' | 'humanReplies' | 'automaticReplies'>;
const TRAFFIC_FIGURES = ['opened', 'resolved', 'inbound', 'humanReplies', 'automaticReplies'] as const;

function sumOf(hours: readonly Traffic[]): Traffic {
  const total: Traffic = { opened: 0, resolved: 0, inbound: 0, humanReplies: 0, automaticReplies: 0 };
  for (const hour of hours) for (const figure of TRAFFIC_FIGURES) total[figure] += hour[figure];
  return total;
}

/** Every day of the period, days without traffic as 0. */
function daysOf(scope: ReportScope, counted: readonly PlacedTraffic[]): ReportDay[] {
  const byDay = new Map(counted.map((row) => [row.day, row]));
  const days: ReportDay[] = [];
  for (let day = DateTime.fromISO(scope.from); day <= DateTime.fromISO(scope.to); day = day.plus({ days: 1 })) {
    const iso = day.toISODate()!;
    days.push({ day: iso, ...sumOf(byDay.has(iso) ? [byDay.get(iso)!] : []) });
  }
  return days;
}

/** The 168 hours of the week, Monday 0:00 first, customer messages in each. */
function hoursOfWeek(counted: readonly PlacedTraffic[]): ReportHourOfWeek[] {
  const cells: ReportHourOfWeek[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, inbound: 0 });
  for (const hour of counted) cells[(hour.weekday! - 1) * 24 + hour.hourOfDay!]!.inbound += hour.inbound;
  return cells;
}

/**
 * The numbers in scope, the active agents, and the labels their traffic ever had (label by label
 * on the rollup's label index, however many hours: no conversation is scanned).
 */
async function loadChoices(dataSource: DataSource, accountIds: readonly string[]): Promise<Report['choices']> {
  const [row] = await queryRows<Report['choices']>(
    dataSource,
    `SELECT coalesce((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY name, id) FROM whatsapp_accounts WHERE id = ANY($1::uuid[])), '[]') AS numbers,
            coalesce((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY lower(name), id) FROM whatsapp_agents WHERE is_active), '[]') AS agents,
            coalesce((WITH RECURSIVE seen AS (
                        (SELECT label FROM whatsapp_report_hours WHERE label > '' AND account_id = ANY($1::uuid[]) ORDER BY label LIMIT 1)
                        UNION ALL
                        SELECT (SELECT h.label FROM whatsapp_report_hours h WHERE h.label > seen.label AND h.account_id = ANY($1::uuid[]) ORDER BY h.label LIMIT 1)
                          FROM seen WHERE seen.label IS NOT NULL)
                      SELECT json_agg(label ORDER BY label) FROM seen WHERE label IS NOT NULL), '[]') AS labels`,
    [[...accountIds]],
  );
  return row!;
}

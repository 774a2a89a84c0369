/**
 * The traffic rollup as readers must see it: the folded rows plus the deltas not folded yet (the
 * folder runs every minute), so a figure is exact at any moment. PostgreSQL pushes a WHERE on
 * this down into both halves.
 */
const TRAFFIC_COLUMNS = `account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies`;
export const TRAFFIC = `(SELECT ${TRAFFIC_COLUMNS} FROM whatsapp_report_hours UNION ALL SELECT ${TRAFFIC_COLUMNS} FROM whatsapp_report_hour_deltas)`;

const NUMBER_TRAFFIC_COLUMNS = `account_id, hour, label, opened, resolved, inbound, human_replies, automatic_replies`;
/**
 * The same traffic with every assignee together (migration 1800), the deltas added the same way:
 * a ninth of the rows to read when no agent is chosen.
 */
export const NUMBER_TRAFFIC = `(SELECT ${NUMBER_TRAFFIC_COLUMNS} FROM whatsapp_report_number_hours UNION ALL SELECT ${NUMBER_TRAFFIC_COLUMNS} FROM whatsapp_report_hour_deltas)`;

const COST_COLUMNS = `account_id, hour, category, currency, messages, charged, cost_micros`;
/** The cost rollup, folded rows plus deltas, the same way. */
export const COSTS = `(SELECT ${COST_COLUMNS} FROM whatsapp_report_costs UNION ALL SELECT ${COST_COLUMNS} FROM whatsapp_report_cost_deltas)`;

/**
 * The report's filters on the conversation rollup (alias f): the numbers in scope ($3), the agent
 * holding the conversation ($4, or null) and the label ($5, or null).
 */
export const FACTS = `f.account_id = ANY($3::uuid[]) AND ($4::text IS NULL OR f.assignee_id = $4) AND ($5::text IS NULL OR f.labels @> ARRAY[$5::text])`;

/** `column` restricted to the scope's numbers, bound at `param`; null scope: every number. */
export function inScope(scope: readonly string[] | null, column: string, param: string): string {
  return scope === null ? 'TRUE' : `${column} = ANY(${param}::uuid[])`;
}

import pg from 'pg';
import type { DataSource } from 'typeorm';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

type Query = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * The read-only SQL this process sends to PostgreSQL while `during` runs, whatever sends it
 * (TypeORM, the inbox's named statements, the session store): every one goes through
 * pg.Client#query. pg-boss's own polling is left out.
 */
export async function captureQueries(during: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] } | undefined, unknown];
    const sql = typeof config === 'string' ? config : config?.text;
    const params = Array.isArray(values) ? values : typeof config === 'object' ? (config?.values ?? []) : [];
    if (typeof sql === 'string') captured.push({ sql, params });
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    prototype.query = original;
  }
  return captured.filter((query) => isReadOnly(query.sql) && !/\bwhatsapp_jobs\./.test(query.sql));
}

function isReadOnly(sql: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE)\b/i.test(sql);
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Actual Total Time': number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Rows Removed by Filter'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a read-only query, inside a transaction that is rolled back, as
 * a few lines: the timings, then one line per plan node (what it scanned, with which index, how
 * many rows, how many 8 kB pages from shared buffers or read in).
 */
export async function explainSummary(dataSource: DataSource, query: CapturedQuery): Promise<{ executionMs: number; lines: string[] }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const [row] = await runner.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`, query.params);
    const [explained] = row['QUERY PLAN'] as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }[];
    const lines = [
      `${oneLine(query.sql)}`,
      `  planning ${explained!['Planning Time'].toFixed(3)} ms, execution ${explained!['Execution Time'].toFixed(3)} ms`,
      ...nodeLines(explained!.Plan, 2),
    ];
    return { executionMs: explained!['Execution Time'], lines };
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

function nodeLines(node: PlanNode, depth: number): string[] {
  const what = [
    node['Scan Direction'] === 'Backward' ? `${node['Node Type']} Backward` : node['Node Type'],
    node['Relation Name'] ? `on ${node['Relation Name']}` : '',
    node['Index Name'] ? `using ${node['Index Name']}` : '',
  ].filter(Boolean).join(' ');
  const details = [
    `rows ${node['Actual Rows']}`,
    node['Actual Loops'] > 1 ? `loops ${node['Actual Loops']}` : '',
    `${node['Actual Total Time'].toFixed(3)} ms`,
    node['Rows Removed by Filter'] ? `removed by filter ${node['Rows Removed by Filter']}` : '',
    node['Sort Method'] ? `sort ${node['Sort Method']}` : '',
    `buffers hit ${node['Shared Hit Blocks'] ?? 0} read ${node['Shared Read Blocks'] ?? 0}`,
  ].filter(Boolean).join(', ');
  return [`${'  '.repeat(depth)}${what} (${details})`, ...(node.Plans ?? []).flatMap((child) => nodeLines(child, depth + 1))];
}

function oneLine(sql: string, max = 220): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

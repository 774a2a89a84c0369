import type { DataSource } from 'typeorm';
import { COUNT_STATEMENTS } from './bench-environment.js';

/** Forgets what PostgreSQL counted so far (BENCH_STATEMENTS=1 only). */
export async function resetStatementCounts(dataSource: DataSource): Promise<void> {
  if (COUNT_STATEMENTS) await dataSource.query('SELECT pg_stat_statements_reset()');
}

/**
 * With BENCH_STATEMENTS=1, prints the statements that took the most server time since the
 * last reset, per event: where the processor's PostgreSQL time goes.
 */
export async function printTopStatements(dataSource: DataSource, events: number, top = 15): Promise<void> {
  if (!COUNT_STATEMENTS) return;
  const rows: { calls: string; total: number; query: string }[] = await dataSource.query(
    `SELECT calls, total_exec_time AS total, regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1`,
    [top],
  );
  console.log(`  statements by server time (per event: calls, µs):`);
  for (const row of rows) {
    console.log(`    ${(Number(row.calls) / events).toFixed(2).padStart(6)}  ${((row.total * 1000) / events).toFixed(0).padStart(5)}  ${row.query.slice(0, 150)}`);
  }
}

import type { DataSource, EntityManager } from 'typeorm';

/** Where a statement runs: a transaction's manager, or the pool (one connection per statement). */
export type Queryable = DataSource | EntityManager;

/**
 * Runs one statement and returns its rows, for SELECT and for UPDATE/DELETE … RETURNING alike
 * (TypeORM's own `query` answers `[rows, count]` for the latter).
 */
export async function queryRows<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  const transactionRunner = 'queryRunner' in db ? db.queryRunner : undefined;
  if (transactionRunner) return ((await transactionRunner.query(text, params, true)).records ?? []) as T[];
  const dataSource = 'connection' in db ? db.connection : db;
  const runner = dataSource.createQueryRunner();
  try {
    return ((await runner.query(text, params, true)).records ?? []) as T[];
  } finally {
    await runner.release();
  }
}

export async function queryOne<T>(db: Queryable, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(db, text, params))[0];
}

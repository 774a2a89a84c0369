import { createHash } from 'node:crypto';
import type { QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** Where a statement runs: a transaction's manager, or the pool (one connection per statement). */
export type Queryable = DataSource | EntityManager;

/**
 * A statement parsed and planned once per connection (a named statement), for the hot paths:
 * the processor runs the same few dozen statements thousands of times a second, and planning
 * was most of their cost. Only for fixed SQL texts — each distinct text stays prepared on every
 * connection that ran it.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const statementNames = new Map<string, string>();

export function prepared(text: string): PreparedStatement {
  let name = statementNames.get(text);
  if (!name) {
    name = `awp_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return { name, text };
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult>;
}

/**
 * The one way the plugin runs SQL: one statement, its rows, for SELECT and for
 * INSERT/UPDATE/DELETE … RETURNING alike (TypeORM's own `query` answers `[rows, count]` for the
 * latter). In a transaction it runs on the transaction's connection; otherwise on the pool.
 */
export async function queryRows<T>(db: Queryable, statement: string | PreparedStatement, params: unknown[] = []): Promise<T[]> {
  const transactionRunner = 'queryRunner' in db ? db.queryRunner : undefined;
  const dataSource = 'connection' in db ? db.connection : db;
  const runner = transactionRunner ?? dataSource.createQueryRunner();
  try {
    if (typeof statement === 'string') return ((await runner.query(statement, params, true)).records ?? []) as T[];
    const client = (await runner.connect()) as PgClient;
    return (await client.query({ name: statement.name, text: statement.text, values: params })).rows as T[];
  } finally {
    if (!transactionRunner) await runner.release();
  }
}

export async function queryOne<T>(db: Queryable, statement: string | PreparedStatement, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(db, statement, params))[0];
}

import { createHash } from 'node:crypto';
import type { QueryResult } from 'pg';
import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<QueryResult>;
}

const statementNames = new Map<string, string>();

/**
 * Runs one statement on the transaction's connection and returns its rows (for every kind of
 * statement, where TypeORM's `manager.query` answers `[rows, count]` for UPDATE and DELETE).
 * Statements are named, so each connection parses and plans one only once: the processor runs
 * the same dozen statements thousands of times a second, and planning was most of their cost.
 */
export async function queryRows<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('inbox statements run inside a transaction (inTransaction)');
  const client = (await runner.connect()) as PgClient;
  const result = await client.query({ name: statementName(text), text, values: params });
  return result.rows as T[];
}

export async function queryOne<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(manager, text, params))[0];
}

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `awp_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

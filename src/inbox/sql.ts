import type { EntityManager } from 'typeorm';

/**
 * Runs one statement on the transaction's connection and returns its rows. TypeORM's
 * `manager.query` answers `[rows, count]` for UPDATE and DELETE; this returns rows for all.
 */
export async function queryRows<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('inbox statements run inside a transaction (inTransaction)');
  const result = await runner.query(text, params, true);
  return (result.records ?? []) as T[];
}

export async function queryOne<T>(manager: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(manager, text, params))[0];
}

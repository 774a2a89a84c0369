import type PgBoss from 'pg-boss';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/** One database transaction, usable both by TypeORM and by pg-boss (so a row and its job commit together). */
export interface Transaction {
  manager: EntityManager;
  /** pg-boss's executor bound to this transaction's connection: pass as `{ db }` to `boss.send`. */
  jobDb: PgBoss.Db;
}

/** Runs `work` in a new transaction (READ COMMITTED unless `isolation` says otherwise). */
export async function inTransaction<T>(dataSource: DataSource, work: (tx: Transaction) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction(isolation);
  try {
    const result = await work({ manager: runner.manager, jobDb: jobDbOf(runner) });
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export async function inTransactionOf<T>(dataSource: DataSource, outer: Transaction | undefined, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return outer ? work(outer) : inTransaction(dataSource, work);
}

function jobDbOf(runner: QueryRunner): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await runner.query(text, values, true);
      return { rows: result.records ?? [] };
    },
  };
}

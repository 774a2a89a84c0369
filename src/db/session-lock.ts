import type { DataSource } from 'typeorm';
import { queryOne } from './sql.js';

/**
 * Runs `work` while holding a session-level advisory lock on its own connection, or returns
 * `undefined` at once when another session holds it. PostgreSQL releases the lock when that
 * connection ends, so a process killed with `kill -9` leaves nothing locked behind.
 */
export async function withSessionLock<T>(dataSource: DataSource, name: string, work: () => Promise<T>): Promise<{ value: T } | undefined> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const lock = await queryOne<{ locked: boolean }>(runner.manager, `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [name]);
    if (!lock?.locked) return undefined;
    try {
      return { value: await work() };
    } finally {
      await queryOne(runner.manager, `SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [name]);
    }
  } finally {
    await runner.release();
  }
}

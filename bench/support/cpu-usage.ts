import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';

/** CPU seconds used so far by this process and by the PostgreSQL server's processes (Linux /proc; null elsewhere). */
export interface CpuSample {
  node: number;
  postgres: number | null;
}

const TICKS_PER_SECOND = 100;

export async function sampleCpu(dataSource: DataSource): Promise<CpuSample> {
  const { user, system } = process.cpuUsage();
  return { node: (user + system) / 1e6, postgres: await postgresCpuSeconds(dataSource) };
}

// pg_stat_activity lists the backends and the server's own background processes (WAL writer,
// checkpointer…); backends that exited in between are missed, so keep the pool's connections open.
async function postgresCpuSeconds(dataSource: DataSource): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  const rows: { pid: number }[] = await dataSource.query('SELECT pid FROM pg_stat_activity');
  let ticks = 0;
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

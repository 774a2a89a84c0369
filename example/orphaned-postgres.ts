import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A PostgreSQL still running on the data directory when `npm start` begins. After a `kill -9`
 * of the app, its embedded server lives on as an orphan holding `postmaster.pid`, and a new
 * server refuses to start on the same directory. When the process that started it (recorded in
 * the credentials file) is gone, the orphan is stopped the way Ctrl-C would (fast shutdown, its
 * data consistent) so that this start owns the server again; when that process still runs,
 * another `npm start` is using the directory and this one stops with that reason.
 */
export async function stopOrphanedPostgres(dataDir: string, ownerPid: number | undefined, log: (line: string) => void): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid === undefined || !(await isPostgresOf(pid, dataDir))) return;
  if (ownerPid !== undefined && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new Error(`another process (pid ${ownerPid}) runs the embedded PostgreSQL of ${dataDir}: stop it first, or join it with \`npm run worker\``);
  }
  log(`a PostgreSQL (pid ${pid}) was left running on ${dataDir} by a process that was killed: stopping it`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited >= 60_000) throw new Error(`the PostgreSQL left running on ${dataDir} (pid ${pid}) did not stop within 60 s`);
    await sleep(100);
  }
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid file may outlive its server and the pid be reused: only a postgres serving this very directory counts. */
async function isPostgresOf(pid: number, dataDir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  return path.basename(args[0] ?? '') === 'postgres' && args.some((arg) => path.resolve(arg) === dataDir);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import path from 'node:path';
import pg from 'pg';
import { readEnvironment } from '../../example/environment.js';
import { runtimeSettings } from '../../example/runtime-settings.js';
import { silentLogger } from '../../src/config/logger.js';

/** The database seed:large fills and bench:inbox measures. */
export interface InboxDatabase {
  url: string;
  /** Where the data lives, said in the output. */
  where: string;
  /** The install's keys when it has them (embedded database, or set in the environment). */
  encryptionKey?: string;
  sessionSecret?: string;
  /** Stops the embedded PostgreSQL if this process started it. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL of `npm start` (DATA_DIR/postgres),
 * joined the way `npm run worker` joins it when it is running, or started (and stopped at the
 * end) the way `npm start` starts it when it is not.
 */
export async function openInboxDatabase(): Promise<InboxDatabase> {
  const env = readEnvironment();
  const keys = { encryptionKey: env.ENCRYPTION_KEY, sessionSecret: env.SESSION_SECRET };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, where: 'DATABASE_URL', ...keys, stop: async () => undefined };
  const clusterDir = path.resolve(env.DATA_DIR, 'postgres');
  const running = await runtimeSettings(env, 'worker', silentLogger).catch(() => undefined);
  if (running && (await reachable(running.databaseUrl))) {
    return {
      url: running.databaseUrl,
      where: `the running embedded PostgreSQL of npm start (${clusterDir})`,
      encryptionKey: running.encryptionKey,
      sessionSecret: running.sessionSecret,
      stop: async () => undefined,
    };
  }
  const started = await runtimeSettings(env, 'web', silentLogger);
  return {
    url: started.databaseUrl,
    where: `the embedded PostgreSQL of npm start (${clusterDir}), started for this run`,
    encryptionKey: started.encryptionKey,
    sessionSecret: started.sessionSecret,
    stop: async () => started.embedded?.stop(),
  };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

import PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions.js';
import { QUEUE_OPTIONS } from './job-queues.js';

/**
 * The plugin's own pg-boss schema: a host that uses pg-boss itself (maybe another version, which
 * would migrate a shared schema under our feet) keeps its `pgboss` to itself.
 */
export const JOB_SCHEMA = 'whatsapp_jobs';

export interface JobQueueOptions {
  onError?: (error: Error) => void;
  /**
   * `work` (default): a worker's queue, with pg-boss's maintenance and cron schedules running.
   * `send`: only puts jobs on the queues (web processes), with no timer of its own.
   */
  role?: 'work' | 'send';
}

/**
 * Every how many seconds pg-boss fails the active jobs past their expiry (one process of the
 * cluster does it): with the inbound queue's short expiry, what a killed worker held is retried
 * within about 20 s instead of pg-boss's default 2 minutes plus the expiry.
 */
const MAINTENANCE_INTERVAL_SECONDS = 5;

/**
 * Starts pg-boss on the plugin's database and creates the plugin's queues, or brings existing
 * ones to their declared options (idempotent).
 */
export async function startJobQueue(database: string | DataSource, options: JobQueueOptions = {}): Promise<PgBoss> {
  const sendOnly = options.role === 'send';
  const boss = new PgBoss({
    ...connectionOf(database),
    schema: JOB_SCHEMA,
    max: sendOnly ? 2 : 4,
    application_name: 'adminjs-whatsapp',
    ...(sendOnly ? { supervise: false, schedule: false } : {}),
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on('error', options.onError ?? ((error) => console.error('[jobs]', error)));
  await boss.start();
  for (const [name, queueOptions] of Object.entries(QUEUE_OPTIONS)) {
    if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...queueOptions });
    else await boss.createQueue(name, { name, ...queueOptions });
  }
  return boss;
}

function connectionOf(database: string | DataSource): PgBoss.DatabaseOptions {
  if (typeof database === 'string') return { connectionString: database };
  const o = database.options as PostgresConnectionOptions;
  if (o.url) return { connectionString: o.url, ssl: o.ssl };
  return {
    host: o.host,
    port: o.port,
    user: o.username,
    password: typeof o.password === 'string' ? o.password : undefined,
    database: o.database,
    ssl: o.ssl,
  };
}

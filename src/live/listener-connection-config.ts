import type pg from 'pg';
import type { DataSourceOptions } from 'typeorm';

/** How the LISTEN connection shows in pg_stat_activity (and how an operator finds it). */
export const LISTENER_APPLICATION_NAME = 'adminjs-whatsapp live';

/**
 * The connection settings TypeORM's pool uses (same precedence: `extra` wins), for one plain
 * client: LISTEN belongs to a session, so it cannot live on a pooled connection that is handed
 * to another query between notifications. It must reach PostgreSQL directly, not through a
 * transaction-mode pooler, which would drop the LISTEN between transactions.
 */
export function listenerConnectionConfig(options: DataSourceOptions): pg.ClientConfig {
  if (options.type !== 'postgres') throw new Error(`adminjs-whatsapp: live updates need PostgreSQL (the DataSource is ${options.type})`);
  const credentials = options.replication?.master ?? options;
  const base: pg.ClientConfig = {
    connectionString: credentials.url,
    host: credentials.host,
    user: credentials.username,
    password: credentials.password,
    database: credentials.database,
    port: credentials.port,
    ssl: credentials.ssl as pg.ClientConfig['ssl'],
    connectionTimeoutMillis: options.connectTimeoutMS,
  };
  const defined = Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined));
  return { ...defined, ...(options.extra as pg.ClientConfig | undefined), application_name: LISTENER_APPLICATION_NAME, keepAlive: true };
}

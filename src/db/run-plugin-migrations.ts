import { DataSource, type MigrationInterface } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions.js';
import { MIGRATIONS_TABLE } from '../../migrations/index.js';

type MigrationClass = new () => MigrationInterface;

/**
 * Runs the plugin's own migrations, and only those, recorded in their own table: the host's
 * pending migrations and its `migrations` table are the host's business. A short-lived
 * DataSource (one connection) on the host's database runs them with TypeORM's executor; an
 * advisory lock keeps two processes starting together (web and worker) from running them twice.
 */
export async function runPluginMigrations(host: DataSource, migrations: MigrationClass[]): Promise<void> {
  const options = host.options as PostgresConnectionOptions;
  const runner = new DataSource({
    ...options,
    entities: [],
    subscribers: [],
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    poolSize: 1,
    extra: { ...options.extra, max: 1 },
  });
  await runner.initialize();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('adminjs-whatsapp:migrations'))`);
    try {
      await runner.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('adminjs-whatsapp:migrations'))`);
    }
  } finally {
    await runner.destroy();
  }
}

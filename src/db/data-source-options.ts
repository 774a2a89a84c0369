import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities/index.js';
import { LOGIN_MIGRATIONS, MIGRATIONS, MIGRATIONS_TABLE } from '../../migrations/index.js';

/**
 * The plugin's entities and all its migrations (the built-in login's included) on a PostgreSQL
 * URL, recorded in the plugin's own table: for the TypeORM CLI and the tests.
 */
export function postgresDataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [...MIGRATIONS, ...LOGIN_MIGRATIONS],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    ...overrides,
  } as DataSourceOptions;
}

import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../../migrations/index.js';

/** The plugin's entities and migrations on a PostgreSQL URL: used by the runnable app, the TypeORM CLI and the tests. */
export function postgresDataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    ...overrides,
  } as DataSourceOptions;
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../src/db/data-source-options.js';

/**
 * Every test file gets its own database, copied from a migrated template that the global
 * setup built once per run: isolated, real PostgreSQL, no mocks.
 */
export function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('TEST_PG_SERVER_URL is unset: run the tests through `npm test` (mocha global setup)');
  return url;
}

export function databaseUrl(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh database; migrated (from the template) unless `empty` is asked. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `awp_test_${randomBytes(5).toString('hex')}`;
  const template = options.empty ? 'template0' : process.env.TEST_PG_TEMPLATE;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(name);
  const dataSource = new DataSource(postgresDataSourceOptions(url));
  await dataSource.initialize();
  return {
    name,
    url,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

import { removeStaleComponentBundle } from '../../example/stale-component-bundle.js';
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../example/embedded-postgres.js';
import { postgresDataSourceOptions } from '../../src/db/data-source-options.js';
import { adminQuery, databaseUrl } from './test-database.js';

let embedded: EmbeddedDatabase | undefined;
let tempDir: string | undefined;
const template = `awp_template_${process.pid}`;

/** Runs once per `npm test`: a real PostgreSQL (embedded unless DATABASE_URL is set) and a migrated template database. */
export async function mochaGlobalSetup(): Promise<void> {
  // Browser tests must see the components of this checkout, not a bundle left by an earlier run.
  await removeStaleComponentBundle();
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_SERVER_URL = process.env.DATABASE_URL;
  } else {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'awp-test-'));
    // As root, PostgreSQL runs as the postgres user, who must be able to enter it.
    await chmod(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), persistent: false });
    process.env.TEST_PG_SERVER_URL = embedded.url;
  }
  await adminQuery(`DROP DATABASE IF EXISTS "${template}"`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  const dataSource = new DataSource(postgresDataSourceOptions(databaseUrl(template)));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  process.env.TEST_PG_TEMPLATE = template;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => undefined);
  await embedded?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}

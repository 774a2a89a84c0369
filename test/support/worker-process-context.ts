import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../src/db/data-source-options.js';
import { startJobQueue } from '../../src/db/start-job-queue.js';
import { createPluginContext, type PluginContext } from '../../src/context/plugin-context.js';
import { SecretBox } from '../../src/secrets/secret-box.js';

/**
 * The context of a worker in its own process (as `npm run worker` runs one), for the tests and
 * benchmarks that kill or multiply workers. Environment: DATABASE_URL, and ENCRYPTION_KEY (hex)
 * when the worker must open sealed secrets such as an access token.
 */
export async function workerProcessContext(): Promise<PluginContext> {
  const { DATABASE_URL: url, ENCRYPTION_KEY: key } = process.env;
  if (!url) throw new Error('DATABASE_URL is required');
  const dataSource = new DataSource(postgresDataSourceOptions(url));
  await dataSource.initialize();
  const jobs = await startJobQueue(url, { onError: () => undefined });
  const secretBox = new SecretBox(key ? Buffer.from(key, 'hex') : randomBytes(32));
  return createPluginContext({ dataSource, secretBox, jobs, options: { mediaDir: '/nonexistent' } });
}

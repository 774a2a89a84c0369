/**
 * A webhook worker in its own process, as `npm run worker` would run one: for the test that
 * kills a worker with SIGKILL in the middle of a batch. DATABASE_URL names the database;
 * prints "ready" once it consumes the queue.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { silentLogger } from '../../../../src/config/logger.js';
import { postgresDataSourceOptions } from '../../../../src/db/data-source-options.js';
import { AccountDirectory } from '../../../../src/inbox/account-directory.js';
import { startJobQueue } from '../../../../src/jobs/job-queue.js';
import { registerWebhookProcessor } from '../../../../src/jobs/process-webhook-event.job.js';
import type { PluginContext } from '../../../../src/plugin-context.js';
import { SecretBox } from '../../../../src/secrets/secret-box.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

const dataSource = new DataSource(postgresDataSourceOptions(url));
await dataSource.initialize();
const jobs = await startJobQueue(url, { onError: () => undefined });
const secretBox = new SecretBox(randomBytes(32));
const context: PluginContext = {
  dataSource,
  secretBox,
  accounts: new AccountDirectory(dataSource, secretBox),
  jobs,
  options: { defaultRegion: 'DZ', contactMatchers: [], onInboundToResolved: 'reopen', mediaDir: '/nonexistent' },
  logger: silentLogger,
};
await registerWebhookProcessor(context, {
  batchSize: Number(process.env.BATCH_SIZE ?? 20),
  concurrency: Number(process.env.CONCURRENCY ?? 2),
});
console.log('ready');

/**
 * A send worker in its own process, as `npm run worker` would run one: for the tests that kill
 * a worker mid-request and that share one number's cap between two processes. Environment:
 * DATABASE_URL, GRAPH_URL (the sandbox), ENCRYPTION_KEY (hex, opens the access token),
 * BATCH_SIZE and POLLERS. Prints "ready" once it consumes the send queue.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createGraphApiClient } from '../../../../src/cloud-api/index.js';
import { silentLogger } from '../../../../src/config/logger.js';
import { postgresDataSourceOptions } from '../../../../src/db/data-source-options.js';
import { AccountDirectory } from '../../../../src/inbox/account-directory.js';
import { startJobQueue } from '../../../../src/jobs/job-queue.js';
import { registerSendMessageWorker } from '../../../../src/jobs/send-message.job.js';
import type { PluginContext } from '../../../../src/plugin-context.js';
import { SecretBox } from '../../../../src/secrets/secret-box.js';

const { DATABASE_URL: url, GRAPH_URL: graphUrl, ENCRYPTION_KEY: key } = process.env;
if (!url || !graphUrl || !key) throw new Error('DATABASE_URL, GRAPH_URL and ENCRYPTION_KEY are required');

const dataSource = new DataSource(postgresDataSourceOptions(url));
await dataSource.initialize();
const jobs = await startJobQueue(url, { onError: () => undefined });
const secretBox = new SecretBox(Buffer.from(key, 'hex'));
const context: PluginContext = {
  dataSource,
  secretBox,
  accounts: new AccountDirectory(dataSource, secretBox),
  jobs,
  options: { defaultRegion: 'DZ', contactMatchers: [], onInboundToResolved: 'reopen', mediaDir: '/nonexistent' },
  logger: silentLogger,
};
await registerSendMessageWorker(context, {
  batchSize: Number(process.env.BATCH_SIZE ?? 25),
  pollers: Number(process.env.POLLERS ?? 2),
  settings: { graph: createGraphApiClient({ graphUrl }) },
});
console.log('ready');

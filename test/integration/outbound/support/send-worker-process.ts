/**
 * A send worker in its own process, as `npm run worker` would run one: for the tests that kill
 * a worker mid-request and that share one number's cap between two processes. Environment:
 * DATABASE_URL, GRAPH_URL (the sandbox), ENCRYPTION_KEY (hex, opens the access token),
 * BATCH_SIZE and POLLERS. Prints "ready" once it consumes the send queue.
 */
import { createGraphApiClient } from '../../../../src/cloud-api/index.js';
import { registerSendMessageWorker } from '../../../../src/jobs/send-message.job.js';
import { workerProcessContext } from '../../../support/worker-process-context.js';

const graphUrl = process.env.GRAPH_URL;
if (!graphUrl || !process.env.ENCRYPTION_KEY) throw new Error('GRAPH_URL and ENCRYPTION_KEY are required');

await registerSendMessageWorker({ ...(await workerProcessContext()), graph: createGraphApiClient({ graphUrl }) }, {
  batchSize: Number(process.env.BATCH_SIZE ?? 25),
  pollers: Number(process.env.POLLERS ?? 2),
});
console.log('ready');

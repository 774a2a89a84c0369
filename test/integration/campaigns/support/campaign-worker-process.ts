/**
 * A worker in its own process with the campaign jobs (`npm run worker` runs the same): the send
 * workers, the broadcast feeders and the campaign sweep, for the test that kills one with SIGKILL
 * in the middle of a broadcast. Environment: DATABASE_URL, GRAPH_URL (the sandbox), ENCRYPTION_KEY
 * (hex). Prints "ready" once it consumes the queues.
 */
import { createGraphApiClient } from '../../../../src/cloud-api/index.js';
import { registerBroadcastFeedWorker, registerCampaignSweepWorker } from '../../../../src/jobs/campaigns.job.js';
import { registerSendMessageWorker } from '../../../../src/jobs/send-message.job.js';
import { workerProcessContext } from '../../../support/worker-process-context.js';

const graphUrl = process.env.GRAPH_URL;
if (!graphUrl || !process.env.ENCRYPTION_KEY) throw new Error('GRAPH_URL and ENCRYPTION_KEY are required');
const context = { ...(await workerProcessContext()), graph: createGraphApiClient({ graphUrl }) };
await registerSendMessageWorker(context);
await registerBroadcastFeedWorker(context);
await registerCampaignSweepWorker(context);
console.log('ready');

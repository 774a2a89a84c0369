/**
 * A webhook worker in its own process, as `npm run worker` would run one: for the test that
 * kills a worker with SIGKILL in the middle of a batch. DATABASE_URL names the database;
 * prints "ready" once it consumes the queue.
 */
import { registerWebhookProcessor } from '../../../../src/jobs/process-webhook-event.job.js';
import { workerProcessContext } from '../../../support/worker-process-context.js';

await registerWebhookProcessor(await workerProcessContext(), {
  batchSize: Number(process.env.BATCH_SIZE ?? 20),
  concurrency: Number(process.env.CONCURRENCY ?? 2),
});
console.log('ready');

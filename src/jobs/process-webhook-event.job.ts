import type PgBoss from 'pg-boss';
import { processWebhookEvents } from '../inbound/process-webhook-event.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

export interface ProcessWebhookEventJobData {
  eventId: string;
}

export interface WebhookProcessorOptions {
  /** Jobs fetched per poll. */
  batchSize?: number;
  /** Events processed together in one transaction. */
  eventsPerTransaction?: number;
  /** Transactions of a batch running at once. */
  concurrency?: number;
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
}

/**
 * Measured with `npm run bench:webhook` on 2 cores: 50 events per transaction cost about half
 * the CPU per event of 20 (commits, lock and lookup rounds, NOTIFY are per transaction).
 */
export const WEBHOOK_PROCESSOR_DEFAULTS: Required<WebhookProcessorOptions> = {
  batchSize: 200,
  eventsPerTransaction: 50,
  concurrency: 4,
  pollingIntervalSeconds: 0.5,
};

/**
 * Starts consuming the webhook-event queue in this process and returns the queue's name (stop
 * it with `context.jobs.offWork(name)`; the plugin's worker does). Jobs come in batches; their
 * events are processed a few transactions at a time, several events per transaction. An event
 * that fails is failed alone, with its reason, for pg-boss to retry; the rest of the batch
 * completes. A full batch means more are waiting, so the next fetch starts at once instead of
 * after the polling interval.
 */
export async function registerWebhookProcessor(context: PluginContext, options: WebhookProcessorOptions = {}): Promise<string> {
  const { batchSize, eventsPerTransaction, concurrency, pollingIntervalSeconds } = { ...WEBHOOK_PROCESSOR_DEFAULTS, ...options };
  const queue = QUEUES.processWebhookEvent;
  // Known once `work` resolves, which is before its first batch can arrive.
  const worker: { id?: string } = {};
  worker.id = await context.jobs.work<ProcessWebhookEventJobData>(
    queue,
    { batchSize, pollingIntervalSeconds },
    async (jobs) => {
      await processJobs(context, jobs, eventsPerTransaction, concurrency);
      if (jobs.length === batchSize && worker.id) context.jobs.notifyWorker(worker.id);
    },
  );
  return queue;
}

async function processJobs(context: PluginContext, jobs: PgBoss.Job<ProcessWebhookEventJobData>[], perTransaction: number, concurrency: number): Promise<void> {
  const chunks: PgBoss.Job<ProcessWebhookEventJobData>[][] = [];
  for (let i = 0; i < jobs.length; i += perTransaction) chunks.push(jobs.slice(i, i + perTransaction));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      const results = await processWebhookEvents(context, chunk.map((job) => job.data.eventId));
      for (const job of chunk) {
        const result = results.get(job.data.eventId);
        if (result && 'error' in result) {
          const message = result.error instanceof Error ? result.error.message : String(result.error);
          await context.jobs.fail(QUEUES.processWebhookEvent, job.id, { message });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, lane));
}

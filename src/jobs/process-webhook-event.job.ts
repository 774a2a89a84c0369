import type PgBoss from 'pg-boss';
import { processWebhookEvent, processWebhookEvents, type WebhookEventOutcome } from '../inbox/process-webhook-event.js';
import type { PluginContext } from '../plugin-context.js';
import { QUEUES } from './queues.js';

export interface ProcessWebhookEventJobData {
  eventId: string;
}

/** One job: process one stored webhook event. Throws (so pg-boss retries) when processing failed. */
export async function processWebhookEventJob(context: PluginContext, data: ProcessWebhookEventJobData): Promise<WebhookEventOutcome> {
  return processWebhookEvent(context, data.eventId);
}

export interface WebhookProcessorOptions {
  /** Jobs fetched per poll. Default 100. */
  batchSize?: number;
  /** Events processed together in one transaction. Default 20. */
  eventsPerTransaction?: number;
  /** Transactions of a batch running at once. Default 3. */
  concurrency?: number;
  /** How often an idle worker looks for jobs. Default 0.5 (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
}

/**
 * Starts consuming the webhook-event queue in this process and returns the queue's name (stop
 * it with `context.jobs.offWork(name)`; the plugin's worker does). Jobs come in batches; their
 * events are processed a few transactions at a time, several events per transaction. An event
 * that fails is failed alone, with its reason, for pg-boss to retry; the rest of the batch
 * completes. A full batch means more are waiting, so the next fetch starts at once instead of
 * after the polling interval.
 */
export async function registerWebhookProcessor(context: PluginContext, options: WebhookProcessorOptions = {}): Promise<string> {
  const batchSize = options.batchSize ?? 100;
  const eventsPerTransaction = options.eventsPerTransaction ?? 20;
  const concurrency = options.concurrency ?? 3;
  const queue = QUEUES.processWebhookEvent;
  // Known once `work` resolves, which is before its first batch can arrive.
  const worker: { id?: string } = {};
  worker.id = await context.jobs.work<ProcessWebhookEventJobData>(
    queue,
    { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
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

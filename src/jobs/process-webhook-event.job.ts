import type PgBoss from 'pg-boss';
import { processWebhookEvent, type WebhookEventOutcome } from '../inbox/process-webhook-event.js';
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
  /** Jobs fetched per poll. Default 50. */
  batchSize?: number;
  /** Events of a batch processed at once, each in its own transaction. Default 4. */
  concurrency?: number;
  /** How often an idle worker looks for jobs. Default 0.5 (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
}

/**
 * Starts consuming the webhook-event queue in this process and returns the queue's name
 * (stop with `context.jobs.offWork(name)`). Jobs come in batches; each event gets its own
 * short transaction, a few at a time, so one failing event is retried alone: it is failed
 * with its reason and the rest of the batch completes. A full batch means more are waiting,
 * so the next fetch starts at once instead of after the polling interval.
 */
export async function registerWebhookProcessor(context: PluginContext, options: WebhookProcessorOptions = {}): Promise<string> {
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 4;
  const queue = QUEUES.processWebhookEvent;
  // Known once `work` resolves, which is before its first batch can arrive.
  const worker: { id?: string } = {};
  worker.id = await context.jobs.work<ProcessWebhookEventJobData>(
    queue,
    { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
    async (jobs) => {
      const failures = await runAll(jobs, concurrency, (job) => processWebhookEventJob(context, job.data));
      for (const { job, error } of failures) {
        await context.jobs.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
      }
      if (jobs.length === batchSize && worker.id) context.jobs.notifyWorker(worker.id);
    },
  );
  return queue;
}

/** Runs `work` over the jobs with at most `concurrency` at a time; returns the jobs that threw. */
async function runAll<T>(
  jobs: PgBoss.Job<T>[],
  concurrency: number,
  work: (job: PgBoss.Job<T>) => Promise<unknown>,
): Promise<{ job: PgBoss.Job<T>; error: unknown }[]> {
  const failures: { job: PgBoss.Job<T>; error: unknown }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await work(job).catch((error: unknown) => failures.push({ job, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return failures;
}

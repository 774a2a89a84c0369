import type PgBoss from 'pg-boss';
import type { SendMessageJobData } from '../delivery/enqueue-send.js';
import { outboundSettings, type OutboundSettings } from '../delivery/delivery-settings.js';
import { sendQueuedMessage, type SendOutcome } from '../delivery/send-queued-message.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

export interface SendMessageWorkerOptions {
  /** Jobs fetched per poll. Default 25. */
  batchSize?: number;
  /** Fetch loops in this process; each runs its whole batch at once (most of a job is waiting on Meta or a rate-limit slot). Default 2. */
  pollers?: number;
  /** How often an idle poller looks for jobs. Default 0.5 s (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
  settings?: Partial<OutboundSettings>;
}

/** One job: send one queued message. Throws only on infrastructure failure (pg-boss retries it; the claim keeps it single). */
export async function sendMessageJob(context: PluginContext, data: SendMessageJobData, settings: OutboundSettings): Promise<SendOutcome> {
  return sendQueuedMessage(context, data.messageId, settings);
}

/**
 * Starts consuming the send queue in this process and returns the queue's name (stop with
 * `context.jobs.offWork(name)`). A full batch means more are waiting: the poller fetches again
 * at once instead of after the polling interval.
 */
export async function registerSendMessageWorker(context: PluginContext, options: SendMessageWorkerOptions = {}): Promise<string> {
  const settings = outboundSettings(options.settings);
  const batchSize = options.batchSize ?? 25;
  const queue = QUEUES.sendMessage;
  for (let i = 0; i < (options.pollers ?? 2); i++) {
    const worker: { id?: string } = {};
    worker.id = await context.jobs.work<SendMessageJobData>(
      queue,
      { batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
      async (jobs) => {
        await Promise.all(jobs.map((job) => runJob(context, queue, job, settings)));
        if (jobs.length === batchSize && worker.id) context.jobs.notifyWorker(worker.id);
      },
    );
  }
  return queue;
}

async function runJob(context: PluginContext, queue: string, job: PgBoss.Job<SendMessageJobData>, settings: OutboundSettings): Promise<void> {
  try {
    await sendMessageJob(context, job.data, settings);
  } catch (error) {
    context.logger.error('send job failed', { messageId: job.data.messageId, error: String(error) });
    await context.jobs.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
  }
}

import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { sendScheduledMessage, type SendScheduledJobData } from '../conversations/scheduled-messages.js';

/** Sends each scheduled message when its time comes (the job's `startAfter`); pg-boss retries what fails for another reason than a refusal. */
export async function registerSendScheduledWorker(context: PluginContext, options: { pollingIntervalSeconds?: number } = {}): Promise<string> {
  await context.jobs.work<SendScheduledJobData>(
    QUEUES.sendScheduledMessage,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async ([job]) => (job ? sendScheduledMessage(context, job.data.scheduledId) : undefined),
  );
  return QUEUES.sendScheduledMessage;
}

import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { wakeSnoozedConversation, type WakeSnoozedJobData } from '../conversations/snooze-conversation.js';

/** Brings each snoozed conversation back when its time comes (the job's `startAfter`). */
export async function registerWakeSnoozedWorker(context: PluginContext, options: { pollingIntervalSeconds?: number } = {}): Promise<string> {
  await context.jobs.work<WakeSnoozedJobData>(
    QUEUES.wakeSnoozedConversation,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async ([job]) => (job ? wakeSnoozedConversation(context, job.data.conversationId) : undefined),
  );
  return QUEUES.wakeSnoozedConversation;
}

import { answerCustomerMessage, type AssistantAnswerJobData } from '../assistant/answer-customer-message.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

/** Answer mode's jobs: one customer message each. A few at once, each waiting on its provider. */
export async function registerAssistantAnswerWorker(context: PluginContext): Promise<string> {
  await context.jobs.work<AssistantAnswerJobData>(QUEUES.assistantAnswer, { batchSize: 4, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    await Promise.all(jobs.map((job) => answerCustomerMessage(context, job.data)));
  });
  return QUEUES.assistantAnswer;
}

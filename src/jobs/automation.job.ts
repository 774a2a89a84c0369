import type { PluginContext } from '../context/plugin-context.js';
import { assignWaitingConversations, type AssignJobData } from '../automation/auto-assignment.js';
import { sweepAutomation } from '../automation/automation-sweep.js';
import { checkSlaTimers, type SlaJobData } from '../automation/sla-timers.js';
import { QUEUES } from '../db/job-queues.js';
import { foldConversationDays } from '../reports/fold-conversation-days.js';
import { foldReportDeltas } from '../reports/fold-report-deltas.js';

export type AutomationJobData = AssignJobData | SlaJobData | { task: 'sweep' };

/** Every minute (pg-boss cron, its finest): the automation sweep and the report folder. */
export const AUTOMATION_SWEEP_CRON = '* * * * *';

/** One job: a number's assignment round, one SLA timer at its time, or the sweep. */
export async function runAutomationJob(context: PluginContext, data: AutomationJobData): Promise<unknown> {
  switch (data.task) {
    case 'assign':
      return assignWaitingConversations(context, data.accountId);
    case 'sla':
      return checkSlaTimers(context, context.clock.now(), data.timerId);
    case 'sweep':
      return {
        ...(await sweepAutomation(context)),
        folded: await foldReportDeltas(context.dataSource),
        // After the deltas: the days their changes to the conversation rollup made stale.
        daysRecomputed: await foldConversationDays(context.dataSource),
      };
  }
}

/** Schedules the sweep (one schedule whatever the number of processes) and consumes the queue here. */
export async function registerAutomationWorker(context: PluginContext, options: { pollingIntervalSeconds?: number } = {}): Promise<string> {
  const queue = QUEUES.automation;
  await context.jobs.schedule(queue, AUTOMATION_SWEEP_CRON, { task: 'sweep' } satisfies AutomationJobData, { singletonKey: 'sweep' });
  await context.jobs.work<AutomationJobData>(queue, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 }, async ([job]) =>
    job ? runAutomationJob(context, job.data) : undefined,
  );
  return queue;
}

import { outboundSettings, type OutboundSettings } from '../delivery/delivery-settings.js';
import { reconcileUnknownMessages, type ReconcileReport } from '../delivery/reconcile-unknown-messages.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

export interface ReconcileWorkerOptions {
  /** When the sweep runs (pg-boss cron, UTC). Default every minute. */
  cron?: string;
  settings?: Partial<OutboundSettings>;
}

/** One run of the sweep. */
export async function reconcileUnknownMessagesJob(context: PluginContext, settings: OutboundSettings): Promise<ReconcileReport> {
  return reconcileUnknownMessages(context, settings);
}

/**
 * Schedules the reconciliation sweep (once for all processes: pg-boss keeps one schedule per
 * queue) and consumes it in this process. Returns the queue's name.
 */
export async function registerReconcileWorker(context: PluginContext, options: ReconcileWorkerOptions = {}): Promise<string> {
  const settings = outboundSettings(options.settings);
  const queue = QUEUES.reconcileUnknownMessages;
  await context.jobs.schedule(queue, options.cron ?? '* * * * *');
  await context.jobs.work(queue, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    await reconcileUnknownMessagesJob(context, settings);
  });
  return queue;
}

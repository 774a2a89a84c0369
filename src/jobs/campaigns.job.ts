import type { FeedBroadcastJobData } from '../campaigns/broadcast-jobs.js';
import { sweepCampaigns } from '../campaigns/campaign-sweep.js';
import { DEFAULT_FEED_SETTINGS, feedBroadcast, type FeedSettings } from '../campaigns/feed-broadcast.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

export interface CampaignWorkersOptions {
  feed?: Partial<FeedSettings>;
  /** Broadcasts fed at once by this process. Default 2. */
  feeders?: number;
  /** When the sweep runs (pg-boss cron, UTC). Default every minute. */
  sweepCron?: string;
}

/** Consumes the feeders' queue in this process. Returns the queue's name. */
export async function registerBroadcastFeedWorker(context: PluginContext, options: CampaignWorkersOptions = {}): Promise<string> {
  const settings = { ...DEFAULT_FEED_SETTINGS, ...options.feed };
  const queue = QUEUES.feedBroadcast;
  for (let i = 0; i < (options.feeders ?? 2); i++) {
    await context.jobs.work<FeedBroadcastJobData>(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await feedBroadcast(context, job.data.broadcastId, settings);
    });
  }
  return queue;
}

/** Schedules the campaign sweep (one schedule for all processes), consumes it here, and runs one now. Returns the queue's name. */
export async function registerCampaignSweepWorker(context: PluginContext, options: CampaignWorkersOptions = {}): Promise<string> {
  const queue = QUEUES.campaignSweep;
  await context.jobs.schedule(queue, options.sweepCron ?? '* * * * *', {}, { singletonKey: 'sweep' });
  await context.jobs.work(queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
    await sweepCampaigns(context);
  });
  await context.jobs.send(queue, {}, { singletonKey: 'sweep' });
  return queue;
}

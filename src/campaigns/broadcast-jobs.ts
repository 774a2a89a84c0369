import type PgBoss from 'pg-boss';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

export interface FeedBroadcastJobData {
  broadcastId: string;
}

/** A feeder for the broadcast, in the caller's transaction when `db` is given; one waiting at most (stately, keyed by the broadcast). */
export async function enqueueFeed(context: PluginContext, broadcastId: string, options: { db?: PgBoss.Db; startAfter?: Date } = {}): Promise<void> {
  const data: FeedBroadcastJobData = { broadcastId };
  await context.jobs.send(QUEUES.feedBroadcast, data, {
    singletonKey: broadcastId,
    ...(options.db ? { db: options.db } : {}),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  });
}

/** A campaign sweep now (sequence steps due, scheduled broadcasts); dropped when one is already waiting. */
export async function enqueueSweep(context: PluginContext, db?: PgBoss.Db): Promise<void> {
  await context.jobs.send(QUEUES.campaignSweep, {}, { singletonKey: 'sweep', ...(db ? { db } : {}) });
}

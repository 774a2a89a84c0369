import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryRows } from '../db/sql.js';
import { enqueueFeed } from './broadcast-jobs.js';
import { FEEDER_SILENT_MS } from './feed-broadcast.js';
import { runDueEnrollments } from './run-enrollments.js';

export interface SweepReport {
  /** Scheduled broadcasts whose time came. */
  started: number;
  /** Sending broadcasts whose feeder had died (its job given up): fed again. */
  refed: number;
  /** Sequence enrollments run. */
  enrollmentsRun: number;
}

/** What runs every minute (and at once after an enrollment): scheduled broadcasts, broadcasts without a feeder, sequence steps due. */
export async function sweepCampaigns(context: PluginContext): Promise<SweepReport> {
  const now = context.clock.now();
  const started = await queryRows<{ id: string }>(
    context.dataSource,
    prepared(`UPDATE whatsapp_broadcasts SET status = 'sending', started_at = $1, fed_at = now(), updated_at = now()
      WHERE status = 'scheduled' AND scheduled_at <= $1 RETURNING id`),
    [now],
  );
  const silent = await queryRows<{ id: string }>(
    context.dataSource,
    prepared(`UPDATE whatsapp_broadcasts SET fed_at = now()
      WHERE status = 'sending' AND (fed_at IS NULL OR fed_at < $1::timestamptz - make_interval(secs => $2::float8 / 1000)) RETURNING id`),
    [now, FEEDER_SILENT_MS],
  );
  for (const { id } of [...started, ...silent]) await enqueueFeed(context, id);
  const enrollmentsRun = await runDueEnrollments(context);
  return { started: started.length, refed: silent.length, enrollmentsRun };
}

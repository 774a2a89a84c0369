import { setTimeout as sleep } from 'node:timers/promises';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { withSessionLock } from '../db/session-lock.js';
import { deliverWebhooks, type WebhookDeliveryOptions } from '../integrations/deliver-webhooks.js';
import { dispatchEvents, type DispatchOptions } from '../integrations/dispatch-events.js';
import { pruneOutbox } from '../integrations/prune-outbox.js';
import type { EventHandlers } from '../integrations/event-handlers.js';
import type { RunningJob } from './worker.js';

export interface EventDispatchOptions {
  /** How long one job loops before handing over to the next (a worker that stops waits at most this plus a round). Default 20 s. */
  runForMs?: number;
  /** The pause after a round that found nothing to do. Default 250 ms. */
  idleWaitMs?: number;
  /** Outbox events (and their deliveries) are deleted this long after they were handled and delivered. Default 30 days. */
  retentionDays?: number;
  dispatch?: DispatchOptions;
  webhooks?: WebhookDeliveryOptions;
}

/**
 * Starts the two outbox loops in this worker: events to the in-process handlers and to the
 * endpoints' delivery rows, and the webhook deliveries. Each is a job that loops under a
 * session lock and queues its successor; the minute's schedule restarts a chain that broke.
 */
export async function registerEventDispatch(
  context: PluginContext,
  handlers: EventHandlers,
  options: EventDispatchOptions = {},
): Promise<RunningJob[]> {
  const state = { stopping: false };
  // Each round says how much it did: a round that did nothing is followed by a pause.
  const loops = [
    {
      queue: QUEUES.dispatchEvents,
      round: async () => Object.values(await dispatchEvents(context, handlers, options.dispatch)).reduce((sum, count) => sum + count, 0),
    },
    {
      queue: QUEUES.deliverWebhooks,
      round: async () => {
        const report = await deliverWebhooks(context, options.webhooks);
        return report.delivered + report.retried + report.failed;
      },
    },
  ];
  const running: RunningJob[] = [];
  for (const loop of loops) {
    await context.jobs.work(loop.queue, { pollingIntervalSeconds: 1 }, async () => {
      const held = await withSessionLock(context.dataSource, loop.queue, async () => {
        if (loop.queue === QUEUES.dispatchEvents) await pruneOutbox(context, options.retentionDays ?? 30);
        const until = Date.now() + (options.runForMs ?? 20_000);
        while (!state.stopping && Date.now() < until) {
          if ((await loop.round()) === 0) await sleep(options.idleWaitMs ?? 250);
        }
      });
      // Only the loop that ran hands over: a job that found the lock taken ends there.
      if (held && !state.stopping) await context.jobs.send(loop.queue, {});
    });
    await context.jobs.schedule(loop.queue, '* * * * *');
    await context.jobs.send(loop.queue, {});
    running.push({ queue: loop.queue, stop: () => void (state.stopping = true) });
  }
  return running;
}

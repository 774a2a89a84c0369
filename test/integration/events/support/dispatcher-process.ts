/**
 * A worker running only the outbox dispatcher, in its own process, with an idempotent consumer:
 * it writes each event into `consumed_events` keyed by the event's id (and every call into
 * `handler_calls`), for the test that kills the dispatcher with SIGKILL. Prints "ready".
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EventHandlers } from '../../../../src/integrations/event-handlers.js';
import { registerEventDispatch } from '../../../../src/jobs/dispatch-events.job.js';
import { workerProcessContext } from '../../../support/worker-process-context.js';

const context = await workerProcessContext();
const handlers = new EventHandlers();
handlers.on('*', async (event) => {
  await context.dataSource.query(`INSERT INTO handler_calls (event_id) VALUES ($1)`, [event.id]);
  await context.dataSource.query(
    `INSERT INTO consumed_events (event_id, conversation_id, sequence) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`,
    [event.id, event.data.conversationId, event.sequence],
  );
  // The window a kill lands in: consumed, not yet marked handled.
  await sleep(Number(process.env.HANDLER_PAUSE_MS ?? 3));
});
await registerEventDispatch(context, handlers, { runForMs: 60_000, idleWaitMs: 50 });
console.log('ready');

/**
 * `npm run bench:events`: the outbox on an embedded PostgreSQL, all on loopback. Prints figures;
 * asserts nothing.
 *
 * 1. What an event costs the change that writes it: BENCH_EVENTS transactions that each assign a
 *    conversation (the row update) with and without its `conversation.assigned` event.
 * 2. The dispatcher handing those events to an in-process handler (a no-op: the dispatcher's own
 *    cost), BENCH_CONVERSATIONS conversations interleaved, order kept within each.
 * 3. Signed webhook deliveries of the same events to one local endpoint answering 200.
 *
 * BENCH_EVENTS (5,000), BENCH_CONVERSATIONS (500).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inTransaction } from '../src/db/transaction.js';
import { emitConversationEvents } from '../src/events/emit-event.js';
import { deliverWebhooks } from '../src/integrations/deliver-webhooks.js';
import { dispatchEvents } from '../src/integrations/dispatch-events.js';
import { EventHandlers } from '../src/integrations/event-handlers.js';
import { snapshotOf } from '../src/permissions/permission-snapshot.js';
import { createWebhookEndpoint } from '../src/integrations/webhook-endpoints.js';
import { startBenchEnvironment } from './support/bench-environment.js';
import { printFigures, type BenchFigure } from './support/bench-section.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 500);

const env = await startBenchEnvironment({ poolSize: 10 });
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200).end());
});
try {
  const { dataSource, context } = env;
  const [{ id: accountId }] = await dataSource.query(`SELECT id FROM whatsapp_accounts LIMIT 1`);
  const conversations: string[] = (
    await dataSource.query(
      `WITH ct AS (INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164)
                   SELECT $1, (213550000000 + g)::text, '+' || (213550000000 + g)::text FROM generate_series(1, $2) g RETURNING id)
       INSERT INTO whatsapp_conversations (account_id, contact_id) SELECT $1, id FROM ct RETURNING id`,
      [accountId, CONVERSATIONS],
    )
  ).map((row: { id: string }) => row.id);
  const change = (i: number, emit: boolean) =>
    inTransaction(dataSource, async (tx) => {
      const id = conversations[i % conversations.length]!;
      await tx.manager.query(`UPDATE whatsapp_conversations SET assignee_id = NULL, updated_at = now() WHERE id = $1`, [id]);
      if (emit) await emitConversationEvents(tx.manager, 'conversation.assigned', [id], { actorId: null });
    });
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return (performance.now() - started) / 1000;
  };
  const inParallel = async (emit: boolean) => {
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < EVENTS) await change(next++, emit);
    }));
  };
  const without = await timed(() => inParallel(false));
  const withEvents = await timed(() => inParallel(true));

  receiver.listen(0, '127.0.0.1');
  await new Promise((resolve) => receiver.once('listening', resolve));
  const manager = { id: 'bench-manager', role: 'super_admin', permissions: snapshotOf('super_admin', []) };
  await dataSource.query(`INSERT INTO whatsapp_agents (id, name, role) VALUES ('bench-manager', 'Bench', 'super_admin')`);
  await createWebhookEndpoint(context, manager, { name: 'Bench', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, eventKinds: [], accountId: null });

  let handled = 0;
  const handlers = new EventHandlers();
  handlers.on('*', () => void (handled += 1));
  const dispatch = await timed(async () => {
    while (handled < EVENTS) await dispatchEvents(context, handlers, { batchSize: 500 });
  });
  const deliver = await timed(async () => {
    for (;;) {
      const round = await deliverWebhooks(context, { batchSize: 50 });
      if (round.delivered + round.retried + round.failed === 0) break;
    }
  });
  const [{ delivered }] = await dataSource.query(`SELECT count(*)::int AS delivered FROM whatsapp_webhook_deliveries WHERE status = 'delivered'`);

  const figures: BenchFigure[] = [
    { name: 'assignments without an event', value: EVENTS / without, unit: 'transactions/s' },
    { name: 'assignments with their event', value: EVENTS / withEvents, unit: 'transactions/s' },
    { name: 'cost of one event in its transaction', value: ((withEvents - without) / EVENTS) * 1000, unit: 'ms' },
    { name: 'in-process dispatch (no-op handler)', value: EVENTS / dispatch, unit: 'events/s' },
    { name: 'signed webhook deliveries to one endpoint', value: delivered / deliver, unit: 'deliveries/s' },
  ];
  console.log(`\nOutbox: ${EVENTS} events over ${CONVERSATIONS} conversations (8 writers)`);
  printFigures(figures);
} finally {
  receiver.close();
  await env.close();
}

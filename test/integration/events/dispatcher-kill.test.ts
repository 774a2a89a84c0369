import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inTransaction } from '../../../src/db/transaction.js';
import { emitConversationEvents } from '../../../src/events/emit-event.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { waitFor } from '../processor/support/wait-for.js';
import { seedConversations } from './support/seed-conversations.js';

const script = fileURLToPath(new URL('./support/dispatcher-process.ts', import.meta.url));

function startDispatcher(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe('outbox dispatcher under kill -9', function () {
  this.timeout(120_000);
  let t: TestPluginContext;
  const children: ChildProcess[] = [];

  before(async () => {
    t = await createTestPluginContext();
    await t.db.dataSource.query(`CREATE TABLE handler_calls (id serial PRIMARY KEY, event_id uuid NOT NULL)`);
    await t.db.dataSource.query(
      `CREATE TABLE consumed_events (position serial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, conversation_id uuid, sequence bigint NOT NULL)`,
    );
  });
  after(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t.close();
  });

  it('hands every event to an idempotent consumer exactly once per id, in order within each conversation', async () => {
    const conversations = await seedConversations(t.context, 6);
    const total = 600;
    // Events written the way use cases write them: in transactions, conversations interleaved.
    for (let i = 0; i < total; i += 20) {
      await inTransaction(t.db.dataSource, async (tx) => {
        for (let j = i; j < i + 20; j++) await emitConversationEvents(tx.manager, 'conversation.assigned', [conversations[j % conversations.length]!]);
      });
    }

    const first = startDispatcher(t.db.url);
    children.push(first);
    const count = async (sql: string) => Number((await t.db.dataSource.query(sql))[0].count);
    await waitFor('the first dispatcher to consume some events', async () => (await count(`SELECT count(*) FROM consumed_events`)) >= 150, 60_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const consumedBeforeKill = await count(`SELECT count(*) FROM consumed_events`);
    expect(consumedBeforeKill).to.be.below(total);

    children.push(startDispatcher(t.db.url));
    await waitFor(
      'every event to be handled',
      async () => (await count(`SELECT count(*) FROM whatsapp_outbox_events WHERE handler_status = 'handled'`)) === total,
      90_000,
    );

    const consumed: { event_id: string; conversation_id: string; sequence: string }[] = await t.db.dataSource.query(
      `SELECT event_id, conversation_id, sequence FROM consumed_events ORDER BY position`,
    );
    expect(consumed).to.have.length(total);
    expect(new Set(consumed.map((row) => row.event_id)).size).to.equal(total);
    // Within a conversation, the consumer saw the events in the order they were written.
    for (const conversationId of conversations) {
      const sequences = consumed.filter((row) => row.conversation_id === conversationId).map((row) => Number(row.sequence));
      expect(sequences).to.deep.equal([...sequences].sort((a, b) => a - b));
    }
    // The handler may have been called more than once for an event (at least once); never less.
    expect(await count(`SELECT count(DISTINCT event_id) FROM handler_calls`)).to.equal(total);
  });
});

import { expect } from 'chai';
import { inTransaction } from '../../../src/db/transaction.js';
import type { DomainEvent } from '../../../src/domain/event-kinds.js';
import { emitConversationEvents } from '../../../src/events/emit-event.js';
import { dispatchEvents } from '../../../src/integrations/dispatch-events.js';
import { EventHandlers } from '../../../src/integrations/event-handlers.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { seedConversations } from './support/seed-conversations.js';

describe('in-process event handlers', () => {
  let t: TestPluginContext;
  let a: string;
  let b: string;
  before(async () => {
    t = await createTestPluginContext();
    [a, b] = (await seedConversations(t.context, 2)) as [string, string];
  });
  after(async () => t.close());

  it('retry a failing event later while other conversations go on, and keep its conversation’s later events behind it', async () => {
    for (const kind of ['conversation.assigned', 'conversation.resolved'] as const) {
      await inTransaction(t.db.dataSource, (tx) => emitConversationEvents(tx.manager, kind, [a, b]));
    }
    const seen: string[] = [];
    let failA = true;
    const handlers = new EventHandlers();
    const off = handlers.on('*', (event: DomainEvent) => {
      const name = `${event.data.conversationId === a ? 'a' : 'b'}:${event.type}`;
      if (name === 'a:conversation.assigned' && failA) throw new Error('the CRM is down');
      seen.push(name);
    });
    await dispatchEvents(t.context, handlers);
    await dispatchEvents(t.context, handlers);
    expect(seen).to.deep.equal(['b:conversation.assigned', 'b:conversation.resolved']);
    const [failed] = await t.db.dataSource.query(
      `SELECT handler_attempts, handler_error, handler_next_attempt_at > now() AS later FROM whatsapp_outbox_events WHERE conversation_id = $1 AND kind = 'conversation.assigned'`,
      [a],
    );
    expect(failed).to.deep.equal({ handler_attempts: 1, handler_error: 'the CRM is down', later: true });

    failA = false;
    await t.db.dataSource.query(`UPDATE whatsapp_outbox_events SET handler_next_attempt_at = now()`);
    await dispatchEvents(t.context, handlers);
    await dispatchEvents(t.context, handlers);
    expect(seen.slice(2)).to.deep.equal(['a:conversation.assigned', 'a:conversation.resolved']);
    off();
  });
});

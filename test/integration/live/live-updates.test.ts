import { expect } from 'chai';
import { buildDelivery, serializeDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { signBody } from '../../../src/domain/webhook-signature.js';
import { LISTENER_APPLICATION_NAME } from '../../../src/live/listener-connection-config.js';
import { notifyPermissionsChanged } from '../../../src/db/notify.js';
import { Browser } from '../../support/test-back-office.js';
import { openLiveStream, type EventStream, type ServerSentEvent } from './support/event-stream.js';
import { APP_SECRET, FIRST_NUMBER, startLiveOffice, startOtherInstance, type LiveOffice } from './support/live-office.js';

describe('live inbox updates: Server-Sent Events fed by LISTEN/NOTIFY', function () {
  this.timeout(60_000);
  let live: LiveOffice;
  let agent: string;
  let colleague: string;
  let manager: string;
  const opened: EventStream[] = [];

  const stream = async (name: string, options: Parameters<typeof openLiveStream>[1] = {}) => {
    const events = await openLiveStream(await live.signIn(name), options);
    opened.push(events);
    expect(events.response.status).to.equal(200);
    return events;
  };
  /** The inbox events of the stream up to the one about `marker`, included. */
  const inboxUntil = async (events: EventStream, marker: string) =>
    (await events.until((e) => e.event === 'inbox' && e.data.conversationId === marker, `the event about ${marker}`))
      .filter((e) => e.event === 'inbox')
      .map((e: ServerSentEvent) => e.data);
  const listenerPids = async (): Promise<number[]> =>
    (
      await live.office.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [
        LISTENER_APPLICATION_NAME,
      ])
    ).map((row: { pid: number }) => row.pid);

  before(async () => {
    live = await startLiveOffice();
    agent = await live.admin('agent', 'agent', [['inbox.view', live.first]]);
    colleague = await live.admin('colleague', 'agent', [['inbox.view', live.first]]);
    manager = await live.admin('manager', 'manager');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((events) => events.close()));
  });
  after(async () => live.office.stop());

  it('refuses the stream without a signed-in admin (401) and to an admin without inbox.view anywhere (403)', async () => {
    const anonymous = await fetch(`${live.office.baseUrl}/admin/whatsapp/live`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).to.equal(401);
    await live.admin('outsider', 'agent', [['templates.manage', null]]);
    const outsider = await (await live.signIn('outsider')).request('/admin/whatsapp/live', { headers: { accept: 'text/event-stream' } });
    expect(outsider.status).to.equal(403);
    expect(outsider.headers.get('content-type')).to.not.match(/event-stream/);
  });

  it('opens an unbuffered event stream and sends the unread count: the agent’s own and unassigned in his numbers', async () => {
    const before = { agent: 0, manager: 0 };
    for (const [name, events] of [['agent', await stream('agent')], ['manager', await stream('manager')]] as const) {
      before[name] = (await events.next('unread')).data.count;
    }
    await live.conversation(live.first, { unread: 2 });
    await live.conversation(live.first, { unread: 1, assigneeId: agent });
    await live.conversation(live.first, { unread: 0, assigneeId: agent });
    await live.conversation(live.first, { unread: 4, assigneeId: colleague });
    await live.conversation(live.second, { unread: 3 });
    await live.conversation(live.second, { unread: 3, assigneeId: manager });
    await live.office.dataSource.query(`UPDATE whatsapp_conversations SET status = 'resolved' WHERE id = $1`, [
      await live.conversation(live.first, { unread: 5 }),
    ]);

    const events = await stream('agent');
    expect(events.response.headers.get('content-type')).to.equal('text/event-stream; charset=utf-8');
    expect(events.response.headers.get('cache-control')).to.equal('no-cache, no-transform');
    expect(events.response.headers.get('x-accel-buffering')).to.equal('no');
    const unread = await events.next('unread');
    expect(events.retry).to.be.a('number');
    expect(unread.id).to.be.a('string');
    // Unassigned (2 unread) and his own (1 unread) in his number; not the colleague's, not the other number's, not resolved.
    expect(unread.data).to.deep.equal({ count: before.agent + 2 });
    // The manager sees every number: both unassigned ones and the one assigned to him; never someone else's.
    expect((await (await stream('manager')).next('unread')).data).to.deep.equal({ count: before.manager + 3 });
  });

  it('delivers each event only to the admins who may see the conversation: ids only', async () => {
    const unassigned = await live.conversation(live.first);
    const colleagues = await live.conversation(live.first, { assigneeId: colleague });
    const otherNumber = await live.conversation(live.second);
    const [agentEvents, colleagueEvents, managerEvents] = [await stream('agent'), await stream('colleague'), await stream('manager')];
    for (const events of [agentEvents, colleagueEvents, managerEvents]) await events.next('unread');

    const [{ id: messageId }] = await live.office.dataSource.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, 'wamid.live1', 'inbound', 'text', 'secret', 'received') RETURNING id`,
      [colleagues],
    );
    await live.notify('message.created', colleagues, messageId);
    await live.notify('message.created', otherNumber);
    await live.notify('conversation.updated', unassigned);

    expect(await inboxUntil(agentEvents, unassigned)).to.deep.equal([{ kind: 'conversation.updated', conversationId: unassigned }]);
    expect(await inboxUntil(colleagueEvents, unassigned)).to.deep.equal([
      { kind: 'message.created', conversationId: colleagues, messageId },
      { kind: 'conversation.updated', conversationId: unassigned },
    ]);
    expect(await inboxUntil(managerEvents, unassigned)).to.deep.equal([
      { kind: 'message.created', conversationId: colleagues, messageId },
      { kind: 'message.created', conversationId: otherNumber },
      { kind: 'conversation.updated', conversationId: unassigned },
    ]);
  });

  it('tells an agent that a conversation he was shown left his view, with its id only, and nothing about it afterwards', async () => {
    const shown = await live.conversation(live.first);
    const opening = await live.conversation(live.first, { assigneeId: agent });
    const neverHis = await live.conversation(live.first, { assigneeId: colleague });
    const marker = await live.conversation(live.first);
    const agentEvents = await stream('agent');
    // The conversation view names its conversation: it hears of it leaving without any event before.
    const viewEvents = await stream('agent', { query: `?conversation=${opening}&conversation=${neverHis}` });
    const colleagueEvents = await stream('colleague');
    for (const events of [agentEvents, viewEvents, colleagueEvents]) await events.next('unread');

    await live.notify('message.created', shown);
    expect(await inboxUntil(agentEvents, shown)).to.deep.equal([{ kind: 'message.created', conversationId: shown }]);
    await live.office.dataSource.query(`UPDATE whatsapp_conversations SET assignee_id = $1 WHERE id = ANY($2::uuid[])`, [colleague, [shown, opening]]);
    await live.office.dataSource.query(`UPDATE whatsapp_conversations SET assignee_id = $1 WHERE id = $2`, [manager, neverHis]);
    await live.notify('conversation.updated', shown);
    await live.notify('conversation.updated', opening);
    await live.notify('conversation.updated', neverHis);
    await live.notify('message.created', shown);
    await live.notify('message.created', marker);

    expect(await inboxUntil(agentEvents, marker)).to.deep.equal([
      { kind: 'conversation.hidden', conversationId: shown },
      { kind: 'message.created', conversationId: marker },
    ]);
    expect(await inboxUntil(viewEvents, marker)).to.deep.equal([
      { kind: 'message.created', conversationId: shown },
      { kind: 'conversation.hidden', conversationId: shown },
      { kind: 'conversation.hidden', conversationId: opening },
      { kind: 'message.created', conversationId: marker },
    ]);
    expect(await inboxUntil(colleagueEvents, marker)).to.deep.equal([
      { kind: 'message.created', conversationId: shown },
      { kind: 'conversation.updated', conversationId: shown },
      { kind: 'conversation.updated', conversationId: opening },
      { kind: 'message.created', conversationId: shown },
      { kind: 'message.created', conversationId: marker },
    ]);
  });

  it('counts a customer’s new message: webhook, worker, event, then the new unread count', async () => {
    const events = await stream('agent');
    const { count } = (await events.next('unread')).data;
    await live.office.plugin.worker.start();
    const body = serializeDelivery(buildDelivery('text', { phoneNumberId: FIRST_NUMBER.phoneNumberId, from: '213555990001', text: 'Bonjour' }));
    const response = await fetch(`${live.office.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, APP_SECRET) },
    });
    expect(response.status).to.equal(200);

    const created = await events.next('inbox', (data) => data.kind === 'message.created');
    const [conversation] = await live.office.dataSource.query(
      `SELECT c.id, m.id AS "messageId" FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
         JOIN whatsapp_messages m ON m.conversation_id = c.id WHERE ct.wa_id = '213555990001'`,
    );
    expect(created.data).to.deep.equal({ kind: 'message.created', conversationId: conversation.id, messageId: conversation.messageId });
    await events.next('unread', (data) => data.count === count + 1);
  });

  it('applies a revocation at once: fewer numbers, or the stream ends when no inbox is left', async () => {
    const both = await live.admin('both-numbers', 'agent', [['inbox.view', live.first], ['inbox.view', live.second]]);
    const only = await live.admin('one-number', 'agent', [['inbox.view', live.first]]);
    const inFirst = await live.conversation(live.first);
    const inSecond = await live.conversation(live.second);
    const bothEvents = await stream('both-numbers');
    const onlyEvents = await stream('one-number');
    for (const events of [bothEvents, onlyEvents]) await events.next('unread');

    await live.office.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM whatsapp_permission_grants WHERE account_id = $1 AND agent_id = ANY($2::text[])`, [live.first, [both, only]]);
      await notifyPermissionsChanged(manager, both);
      await notifyPermissionsChanged(manager, only);
    });
    await live.notify('message.created', inFirst);
    await live.notify('message.created', inSecond);

    const taken = await bothEvents.until((e) => e.event === 'inbox' && e.data.conversationId === inSecond);
    expect(taken.map((e) => e.event)).to.include('resync');
    expect(taken.filter((e) => e.event === 'inbox').map((e) => e.data.conversationId)).to.deep.equal([inSecond]);
    expect((await onlyEvents.end()).filter((e) => e.event === 'inbox')).to.deep.equal([]);
    const again = await (await live.signIn('one-number')).request('/admin/whatsapp/live', { headers: { accept: 'text/event-stream' } });
    expect(again.status).to.equal(403);
  });

  it('applies a role change, a deactivation and a deletion to the open streams at once', async () => {
    await live.admin('root', 'super_admin');
    const root = await live.signIn('root');
    const edit = (id: string, fields: Record<string, string>) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      return root.request(`/admin/api/resources/whatsapp_admin_users/records/${id}/edit`, { method: 'POST', body: form });
    };
    const promoted = await live.admin('promoted', 'agent', [['inbox.view', live.first]]);
    const leaving = await live.admin('leaving', 'agent', [['inbox.view', live.first]]);
    const removed = await live.admin('removed', 'agent', [['inbox.view', live.first]]);
    const inSecond = await live.conversation(live.second);
    const promotedEvents = await stream('promoted');
    const leavingEvents = await stream('leaving');
    const removedEvents = await stream('removed');
    for (const events of [promotedEvents, leavingEvents, removedEvents]) await events.next('unread');

    // Made a manager: the stream carries on with the new role, which sees every number.
    expect((await edit(promoted, { role: 'manager' })).status).to.equal(200);
    await promotedEvents.next('resync');
    await live.notify('message.created', inSecond);
    expect((await promotedEvents.next('inbox')).data).to.include({ conversationId: inSecond });

    // Deactivated, then deleted: their streams end now, not at the next session check.
    expect((await edit(leaving, { isActive: 'false' })).status).to.equal(200);
    await leavingEvents.end();
    const deleted = await root.request(`/admin/api/resources/whatsapp_admin_users/records/${removed}/delete`, { method: 'POST' });
    expect(deleted.status).to.equal(200);
    await removedEvents.end();
  });

  it('asks a browser that reconnects (Last-Event-ID) to refetch what it shows', async () => {
    const events = await stream('agent', { headers: { 'last-event-id': '41' } });
    const taken = await events.until((e) => e.event === 'resync');
    expect(taken.map((e) => e.event)).to.deep.equal(['unread', 'mention', 'resync']);
  });

  it('caps the streams one admin holds open', async () => {
    await live.admin('many-tabs', 'agent', [['inbox.view', live.first]]);
    const browser = await live.signIn('many-tabs');
    for (let tab = 0; tab < 10; tab += 1) {
      const events = await openLiveStream(browser);
      opened.push(events);
      expect(events.response.status).to.equal(200);
    }
    const refused = await browser.request('/admin/whatsapp/live', { headers: { accept: 'text/event-stream' } });
    expect(refused.status).to.equal(429);
  });

  it('delivers a NOTIFY through every web process: each LISTENs on its own connection', async () => {
    const other = await startOtherInstance(live);
    try {
      const conversation = await live.conversation(live.first);
      const here = await stream('manager');
      const browser = await live.signIn('agent');
      const there = await openLiveStream(Object.assign(new Browser(other.baseUrl), { cookies: browser.cookies }));
      opened.push(there);
      expect(there.response.status).to.equal(200);
      for (const events of [here, there]) await events.next('unread');
      expect(await listenerPids()).to.have.length(2);

      await live.notify('message.created', conversation);
      for (const events of [here, there]) expect((await events.next('inbox')).data).to.deep.equal({ kind: 'message.created', conversationId: conversation });
    } finally {
      await Promise.all(opened.splice(0).map((events) => events.close()));
      await other.stop();
      while ((await listenerPids()).length > 1) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('LISTENs again after its connection is killed, and tells the streams to refetch what they missed', async () => {
    const events = await stream('agent');
    await events.next('unread');
    const [killed] = await listenerPids();
    await live.office.dataSource.query(`SELECT pg_terminate_backend($1)`, [killed]);

    await events.next('resync');
    const [listening] = await listenerPids();
    expect(listening).to.be.a('number').and.not.equal(killed);
    const conversation = await live.conversation(live.first);
    await live.notify('message.created', conversation);
    expect((await events.next('inbox')).data).to.deep.equal({ kind: 'message.created', conversationId: conversation });
  });

  it('ends every stream cleanly and stops LISTENing when the plugin closes', async () => {
    const events = await stream('agent');
    await events.next('unread');
    await events.next('mention');
    await live.office.plugin.close();
    expect(await events.end()).to.deep.equal([]);
    expect(events.endedCleanly, 'the response was finished, not cut').to.equal(true);
    while ((await listenerPids()).length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  });
});

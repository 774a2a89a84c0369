import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { inTransaction } from '../../../src/db/transaction.js';
import { emitConversationEvents } from '../../../src/events/emit-event.js';
import { deliverWebhooks } from '../../../src/integrations/deliver-webhooks.js';
import { dispatchEvents } from '../../../src/integrations/dispatch-events.js';
import { EventHandlers } from '../../../src/integrations/event-handlers.js';
import { IntegrationRefusal } from '../../../src/integrations/integration-refusal.js';
import {
  createWebhookEndpoint,
  redeliverWebhook,
  rotateWebhookSecret,
  setWebhookEndpointEnabled,
} from '../../../src/integrations/webhook-endpoints.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { rejectionOf } from '../../support/rejection.js';
import { agentActor } from './support/manager-actor.js';
import { seedConversations } from './support/seed-conversations.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('outgoing webhooks (Standard Webhooks)', () => {
  let t: TestPluginContext;
  let server: Server;
  let url: string;
  let manager: InboxActor;
  let conversationId: string;
  const received: Received[] = [];
  let answer = 200;

  before(async () => {
    t = await createTestPluginContext();
    manager = await agentActor(t.db.dataSource, 'manager-1', 'manager');
    [conversationId] = await seedConversations(t.context, 1) as [string];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'thanks' : 'receiver is down');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });
  beforeEach(async () => {
    received.length = 0;
    answer = 200;
    await t.db.dataSource.query(`DELETE FROM whatsapp_webhook_endpoints`);
  });

  async function emitAndDeliver(kind: 'conversation.resolved' | 'conversation.assigned'): Promise<void> {
    await inTransaction(t.db.dataSource, (tx) => emitConversationEvents(tx.manager, kind, [conversationId]));
    await dispatchEvents(t.context, new EventHandlers());
    await deliverWebhooks(t.context);
  }

  it('signs each delivery so that the standardwebhooks library verifies it with the secret shown once', async () => {
    const { secret } = await createWebhookEndpoint(t.context, manager, { name: 'CRM timeline', url, eventKinds: [], accountId: null });
    expect(secret).to.match(/^whsec_/);
    const stored = await t.db.dataSource.query(`SELECT secret_encrypted FROM whatsapp_webhook_endpoints`);
    expect(stored[0].secret_encrypted).to.not.include(secret.slice(6));

    await emitAndDeliver('conversation.resolved');
    expect(received).to.have.length(1);
    const [delivery] = received;
    const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as Record<string, unknown>;
    expect(verified).to.include({ type: 'conversation.resolved' });
    expect(verified.id).to.equal(delivery!.headers['webhook-id']);
    expect((verified.data as { conversationId: string }).conversationId).to.equal(conversationId);
    expect((verified.data as { contact: { phoneE164: string } }).contact.phoneE164).to.match(/^\+2135551/);

    // A tampered body, or another secret, does not verify.
    expect(() => new Webhook(secret).verify(delivery!.body.replace('resolved', 'assigned'), delivery!.headers as Record<string, string>)).to.throw();
    const { secret: rotated } = await rotateWebhookSecret(
      t.context,
      manager,
      (await t.db.dataSource.query(`SELECT id FROM whatsapp_webhook_endpoints`))[0].id,
    );
    expect(() => new Webhook(rotated).verify(delivery!.body, delivery!.headers as Record<string, string>)).to.throw();
  });

  it('delivers only the kinds and number an endpoint asked for', async () => {
    await createWebhookEndpoint(t.context, manager, { name: 'Assignments only', url, eventKinds: ['conversation.assigned'], accountId: null });
    await emitAndDeliver('conversation.resolved');
    await emitAndDeliver('conversation.assigned');
    expect(received.map((r) => JSON.parse(r.body).type)).to.deep.equal(['conversation.assigned']);
  });

  it('keeps the answer of a failed attempt, retries later with the same webhook-id, and redelivers by hand', async () => {
    await createWebhookEndpoint(t.context, manager, { name: 'Flaky', url, eventKinds: [], accountId: null });
    answer = 503;
    await emitAndDeliver('conversation.resolved');
    const [log] = await t.db.dataSource.query(
      `SELECT id, status, attempts, response_status, response_body, next_attempt_at > now() + interval '3 seconds' AS later FROM whatsapp_webhook_deliveries`,
    );
    expect(log).to.include({ status: 'pending', attempts: 1, response_status: 503, response_body: 'receiver is down', later: true });
    // Not due yet: nothing is sent.
    await deliverWebhooks(t.context);
    expect(received).to.have.length(1);

    answer = 200;
    await redeliverWebhook(t.context, manager, log.id);
    await deliverWebhooks(t.context);
    expect(received).to.have.length(2);
    expect(received[1]!.headers['webhook-id']).to.equal(received[0]!.headers['webhook-id']);
    const [after] = await t.db.dataSource.query(`SELECT status, response_status FROM whatsapp_webhook_deliveries`);
    expect(after).to.deep.equal({ status: 'delivered', response_status: 200 });
  });

  it('disables an endpoint that failed for five days, keeps its deliveries, and sends them once it is enabled again', async () => {
    const { id } = await createWebhookEndpoint(t.context, manager, { name: 'Gone', url, eventKinds: [], accountId: null });
    await t.db.dataSource.query(`UPDATE whatsapp_webhook_endpoints SET failing_since = now() - interval '5 days 1 minute'`);
    answer = 500;
    await emitAndDeliver('conversation.resolved');
    const [endpoint] = await t.db.dataSource.query(`SELECT enabled, disabled_reason FROM whatsapp_webhook_endpoints`);
    expect(endpoint).to.deep.equal({ enabled: false, disabled_reason: 'failing' });

    answer = 200;
    await t.db.dataSource.query(`UPDATE whatsapp_webhook_deliveries SET next_attempt_at = now()`);
    await deliverWebhooks(t.context);
    expect(received).to.have.length(1);
    await setWebhookEndpointEnabled(t.context, manager, id, true);
    await deliverWebhooks(t.context);
    expect(received).to.have.length(2);
  });

  it('refuses an agent without integrations.manage, and URLs that are not http(s)', async () => {
    const agent = await agentActor(t.db.dataSource, 'agent-1', 'agent');
    const refused = await rejectionOf(createWebhookEndpoint(t.context, agent, { name: 'x', url, eventKinds: [], accountId: null }), IntegrationRefusal);
    expect(refused).to.include({ reason: 'not-allowed' });
    const badUrl = await rejectionOf(
      createWebhookEndpoint(t.context, manager, { name: 'x', url: 'file:///etc/passwd', eventKinds: [], accountId: null }),
      IntegrationRefusal,
    );
    expect(badUrl).to.include({ reason: 'invalid-url' });
    const badKind = await rejectionOf(
      createWebhookEndpoint(t.context, manager, { name: 'x', url, eventKinds: ['message.deleted'], accountId: null }),
      IntegrationRefusal,
    );
    expect(badKind).to.include({ reason: 'unknown-event-kind' });
  });
});

import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBackOfficeAuth, endSessionsOf, type BackOfficeAuth } from '../../../src/auth/back-office-auth.js';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { createLiveUpdates, type LiveUpdates } from '../../../src/live/live-updates.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { Browser } from '../../support/test-back-office.js';
import { openLiveStream, type EventStream } from './support/event-stream.js';
import { PASSWORD } from './support/live-office.js';
import { agentOfRequest, createAdminRoutes } from '../../../src/admin/admin-routes.js';
import { identifyByAdminJsFields } from '../../../src/agents/host-user.js';
import { createAgentLoader } from '../../../src/agents/signed-in-agent.js';
import { insertLoginUser } from '../../support/login-users.js';

/** The live router mounted by hand, with short intervals, behind the plugin's own authentication. */
describe('how long a live stream lives: heartbeats, and never past its session', function () {
  this.timeout(30_000);
  let test: TestPluginContext;
  let auth: BackOfficeAuth;
  let live: LiveUpdates;
  let server: Server;
  let baseUrl: string;
  const opened: EventStream[] = [];

  const signedIn = async (email: string) => {
    const browser = new Browser(baseUrl);
    expect((await browser.login(email, PASSWORD)).status).to.equal(303);
    return browser;
  };
  const stream = async (browser: Browser) => {
    const events = await openLiveStream(browser);
    opened.push(events);
    expect(events.response.status).to.equal(200);
    await events.next('unread');
    return events;
  };

  before(async () => {
    test = await createTestPluginContext();
    const { dataSource } = test.context;
    live = createLiveUpdates(test.context, agentOfRequest, { heartbeatMs: 50, sessionCheckMs: 50 });
    const routes = createAdminRoutes({
      agents: createAgentLoader(dataSource, identifyByAdminJsFields),
      resourceIds: [],
      live: live.router,
      media: express.Router(),
      uploads: express.Router(),
      api: express.Router(),
      broadcasts: express.Router(),
      reports: express.Router(),
      assistant: express.Router(),
    });
    auth = createBackOfficeAuth(dataSource, { databaseUrl: test.db.url, sessionSecret: 'a session secret of some length', rootPath: '/admin' }, [], routes);
    const app = express();
    app.use(auth.router);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const passwordHash = await hashPassword(PASSWORD);
    await insertLoginUser(dataSource, { email: 'manager@example.com', name: 'Manager', role: 'manager', passwordHash });
    await insertLoginUser(dataSource, { email: 'deactivated@example.com', name: 'Deactivated', role: 'manager', passwordHash });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((events) => events.close()));
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await live.close();
    await auth.close();
    await test.close();
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const events = await stream(await signedIn('manager@example.com'));
    await events.heartbeat();
    await events.heartbeat();
    expect(events.isEnded).to.equal(false);
  });

  it('ends the streams of a session that signed out, and only those', async () => {
    const leaving = await signedIn('manager@example.com');
    const staying = await signedIn('manager@example.com');
    const [left, stayed] = [await stream(leaving), await stream(staying)];
    expect((await leaving.request('/admin/logout', { method: 'POST' })).status).to.equal(303);

    await left.end();
    await stayed.heartbeat();
    expect(stayed.isEnded).to.equal(false);
  });

  it('ends the streams of an admin whose sessions were ended (deactivated)', async () => {
    const events = await stream(await signedIn('deactivated@example.com'));
    const [[{ id }]] = await test.context.dataSource.query(
      `UPDATE whatsapp_admin_users SET is_active = false WHERE email = 'deactivated@example.com' RETURNING id`,
    );
    await endSessionsOf(test.context.dataSource, id);
    await events.end();
  });
});

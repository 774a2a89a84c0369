import AdminJSExpress from '@adminjs/express';
import AdminJS, { ComponentLoader, type CurrentAdmin } from 'adminjs';
import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { silentLogger } from '../../../src/config/logger.js';
import { createWhatsAppPlugin, type WhatsAppPlugin } from '../../../src/index.js';
import { outcome } from '../../support/inbox-roles.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

interface HostAdmin {
  id: number;
  title: string;
  email: string;
  crmRole: 'boss' | 'staff';
}

/**
 * A host CRM with its own users and its own session (no built-in login): a test route signs a
 * host user in by putting them on `req.session.adminUser`, as the host's login would. One app
 * mounts the plugin's admin routes as the README says; the other forgot them.
 */
describe('agents of a host that has its own users and login', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let dataSource: DataSource;
  let plugin: WhatsAppPlugin;
  let store: session.MemoryStore;
  let mounted: string;
  let forgotten: string;
  let accountId: string;
  const servers: Server[] = [];

  const listen = async (app: express.Express) => {
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  before(async () => {
    db = await createTestDatabase({ empty: true });
    await db.dataSource.destroy();
    dataSource = new DataSource({ type: 'postgres', url: db.url, logging: ['error'] });
    const componentLoader = new ComponentLoader();
    plugin = await createWhatsAppPlugin({
      dataSource,
      componentLoader,
      encryptionKey: randomBytes(32).toString('base64'),
      accounts: [TEST_ACCOUNT],
      logger: silentLogger,
      identifyUser: (admin) => {
        const host = admin as unknown as HostAdmin;
        return { id: host.id, name: host.title, email: host.email, role: host.crmRole === 'boss' ? 'manager' : 'agent' };
      },
    });
    [{ id: accountId }] = await dataSource.query(`SELECT id FROM whatsapp_accounts`);
    const admin = new AdminJS({ rootPath: '/admin', resources: plugin.resources, locale: plugin.locale(), componentLoader });
    store = new session.MemoryStore();
    const hostApp = (withPluginRoutes: boolean) => {
      const app = express();
      app.use(session({ secret: 'a host session secret', resave: false, saveUninitialized: false, store }));
      app.post('/sign-in', express.json(), (req, res) => {
        (req.session as unknown as { adminUser: HostAdmin }).adminUser = req.body as HostAdmin;
        res.sendStatus(204);
      });
      app.use('/admin', ...(withPluginRoutes ? [plugin.adminRoutes] : []), AdminJSExpress.buildRouter(admin));
      return app;
    };
    mounted = await listen(hostApp(true));
    forgotten = await listen(hostApp(false));
  });

  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await plugin.close();
    await dataSource.destroy();
    await db.drop();
  });

  const signIn = async (baseUrl: string, user: HostAdmin) => {
    const response = await fetch(`${baseUrl}/sign-in`, { method: 'POST', body: JSON.stringify(user), headers: { 'content-type': 'application/json' } });
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
    return (pathname: string, init: RequestInit = {}) =>
      fetch(baseUrl + pathname, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) }, redirect: 'manual' });
  };
  const agent = async (id: string) =>
    (await dataSource.query(`SELECT id, name, email, role, is_active AS "isActive" FROM whatsapp_agents WHERE id = $1`, [id]))[0];
  const listConversations = '/admin/api/resources/whatsapp_conversations/actions/list';

  it('keeps an agent row by the host’s user id, created on first sight, holding nothing until granted', async () => {
    const as = await signIn(mounted, { id: 42, title: 'Karim Haddad', email: 'karim@crm.example', crmRole: 'staff' });
    expect((await outcome(await as(listConversations))).allowed).to.equal(false);
    expect(await agent('42')).to.deep.equal({ id: '42', name: 'Karim Haddad', email: 'karim@crm.example', role: 'agent', isActive: true });

    await dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ('42', 'inbox.view', $1)`, [accountId]);
    expect((await outcome(await as(listConversations))).allowed, 'the grant applies at the next request').to.equal(true);
  });

  it('follows the host: a new name or role is written once, and the role change reaches the live streams', async () => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query('LISTEN whatsapp_permissions');
    try {
      const as = await signIn(mounted, { id: 42, title: 'Karim H.', email: 'karim@crm.example', crmRole: 'boss' });
      expect((await outcome(await as(listConversations))).allowed).to.equal(true);
      expect(await agent('42')).to.deep.include({ name: 'Karim H.', role: 'manager' });
      const [{ updated }] = await dataSource.query(`SELECT updated_at AS updated FROM whatsapp_agents WHERE id = '42'`);
      await as(listConversations);
      const [{ updated: again }] = await dataSource.query(`SELECT updated_at AS updated FROM whatsapp_agents WHERE id = '42'`);
      expect(again.getTime(), 'nothing changed: nothing rewritten').to.equal(updated.getTime());
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard.map((payload) => JSON.parse(payload))).to.deep.equal([{ agentId: '42' }]);
    } finally {
      await listener.end();
    }
  });

  it('keeps the permissions out of the session the host stores', async () => {
    const sessions = await new Promise<Record<string, unknown> | null | undefined>((resolve, reject) =>
      store.all((error, all) => (error ? reject(error) : resolve(all as Record<string, unknown>))),
    );
    const stored = JSON.stringify(sessions);
    expect(stored).to.contain('Karim');
    expect(stored).to.not.match(/inbox\\.view|everyNumber|permissions/);
  });

  it('refuses every change when the host forgot the plugin’s routes, and still answers reads with fresh permissions', async () => {
    const as = await signIn(forgotten, { id: 42, title: 'Karim H.', email: 'karim@crm.example', crmRole: 'boss' });
    expect((await outcome(await as(listConversations))).allowed).to.equal(true);
    const [contact] = await dataSource.query(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, '213555000042') RETURNING id`, [accountId]);
    const [conversation] = await dataSource.query(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, last_inbound_at) VALUES ($1, $2, now()) RETURNING id`,
      [accountId, contact.id],
    );
    const body = new FormData();
    body.set('text', 'Bonjour');
    const answer = await as(`/admin/api/resources/whatsapp_conversations/records/${conversation.id}/reply`, {
      method: 'POST',
      body,
      headers: { origin: forgotten },
    });
    expect(JSON.stringify(await answer.json())).to.contain('originNotChecked');
    expect(await dataSource.query(`SELECT 1 FROM whatsapp_messages WHERE conversation_id = $1`, [conversation.id])).to.deep.equal([]);

    const mountedAs = await signIn(mounted, { id: 42, title: 'Karim H.', email: 'karim@crm.example', crmRole: 'boss' });
    const sent = await mountedAs(`/admin/api/resources/whatsapp_conversations/records/${conversation.id}/reply`, {
      method: 'POST',
      body,
      headers: { origin: mounted },
    });
    expect(sent.status).to.equal(200);
    expect(await dataSource.query(`SELECT sent_by_id FROM whatsapp_messages WHERE conversation_id = $1`, [conversation.id])).to.deep.equal([{ sent_by_id: '42' }]);
  });

  it('lets the host disable an agent: it then holds nothing', async () => {
    await plugin.agents.deactivate(42);
    expect(await agent('42')).to.deep.include({ isActive: false });
    await plugin.agents.sync({ id: 42, name: 'Karim H.', email: 'karim@crm.example', role: 'manager' });
    expect(await agent('42')).to.deep.include({ isActive: true });
  });
});

describe('the plugin as a guest in the host’s AdminJS', function () {
  this.timeout(60_000);
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
    await db.dataSource.destroy();
  });
  afterEach(async () => db.drop());

  const start = async (options: { unreadBadgeInSidebar?: boolean } = {}) => {
    const dataSource = new DataSource({ type: 'postgres', url: db.url, logging: ['error'] });
    const componentLoader = new ComponentLoader();
    const plugin = await createWhatsAppPlugin({ dataSource, componentLoader, encryptionKey: randomBytes(32).toString('base64'), logger: silentLogger, ...options });
    return {
      plugin,
      componentLoader,
      dataSource,
      async close() {
        await plugin.close();
        await dataSource.destroy();
      },
    };
  };

  it('leaves the sidebar, the migrations table and the built-in login’s tables alone unless asked', async () => {
    const guest = await start();
    try {
      expect(guest.componentLoader.getComponents()).to.not.have.property('SidebarResourceSection');
      const tables = (await guest.dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)) as { name: string }[];
      expect(tables.map((t) => t.name).filter((name) => !name.startsWith('whatsapp_'))).to.deep.equal([]);
      expect(tables.map((t) => t.name)).to.not.include.members(['whatsapp_admin_users', 'whatsapp_sessions', 'whatsapp_login_attempts']);
      await guest.plugin.createBackOfficeAuth({ databaseUrl: db.url, sessionSecret: 'secret', rootPath: '/admin' }).then((auth) => auth.close());
      const after = (await guest.dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`)) as { name: string }[];
      expect(after.map((t) => t.name)).to.include.members(['whatsapp_admin_users', 'whatsapp_sessions', 'whatsapp_login_attempts']);
    } finally {
      await guest.close();
    }
    const asked = await start({ unreadBadgeInSidebar: true });
    try {
      expect(asked.componentLoader.getComponents()).to.have.property('SidebarResourceSection');
    } finally {
      await asked.close();
    }
  });

  it('runs no job-queue timer in a process that does not run the worker', async () => {
    const guest = await start();
    try {
      const schedules = async () => (await guest.dataSource.query(`SELECT name FROM whatsapp_jobs.schedule ORDER BY name`)) as { name: string }[];
      expect(await schedules(), 'no schedule before worker.start()').to.deep.equal([]);
      await guest.plugin.worker.start();
      expect((await schedules()).length).to.be.greaterThan(0);
    } finally {
      await guest.close();
    }
  });

  it('merges the host’s translations over its own, the host’s words winning', async () => {
    const guest = await start();
    try {
      const locale = guest.plugin.locale({ language: 'fr', translations: { fr: { labels: { customers: 'Nos clients', whatsapp_conversations: 'Discussions' } } } });
      const french = locale({ id: 'x' } as CurrentAdmin).translations!.fr!;
      expect(french.labels).to.include({ customers: 'Nos clients', whatsapp_conversations: 'Discussions' });
      expect((french.labels as Record<string, string>).whatsapp_agents).to.equal('Agents et responsables');
      expect(locale({ id: 'x' } as CurrentAdmin).language, 'the host’s language when the agent has none').to.equal('fr');
    } finally {
      await guest.close();
    }
  });
});

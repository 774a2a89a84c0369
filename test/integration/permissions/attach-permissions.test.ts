import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { attachPermissions } from '../../../src/permissions/attach-permissions.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** A host CRM with its own login: its session holds { id, role }; the plugin adds the permissions. */
describe('attachPermissions for a host with its own login', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let server: Server;
  let baseUrl: string;
  let agentId: string;

  before(async () => {
    db = await createTestDatabase();
    [{ id: agentId }] = await db.dataSource.query(
      `INSERT INTO admin_users (email, name, password_hash, role) VALUES ('a@example.com', 'A', 'x', 'agent') RETURNING id`,
    );
    const app = express();
    app.use((req, _res, next) => {
      // What the host's own session middleware would have restored.
      (req as unknown as { session: object }).session = { adminUser: { id: agentId, role: 'agent', email: 'a@example.com' } };
      next();
    });
    app.use(attachPermissions(db.dataSource));
    app.get('/', (req, res) => {
      const session = (req as unknown as { session: Record<string, unknown> }).session;
      res.json({ seen: session.adminUser, stored: JSON.parse(JSON.stringify(session)) });
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await db.drop();
  });

  it('gives AdminJS the admin with his current grants, keeping what the host stored', async () => {
    let body = await (await fetch(baseUrl)).json();
    expect(body.seen).to.deep.include({ id: agentId, role: 'agent', email: 'a@example.com' });
    expect(body.seen.permissions).to.deep.equal({ everyNumber: [], byNumber: {} });
    await db.dataSource.query(`INSERT INTO whatsapp_permission_grants (admin_id, permission) VALUES ($1, 'inbox.view')`, [agentId]);
    body = await (await fetch(baseUrl)).json();
    expect(body.seen.permissions.everyNumber).to.deep.equal(['inbox.view']);
    expect(body.stored.adminUser, 'the login survives the session being saved').to.deep.include({ id: agentId, email: 'a@example.com' });
  });
});

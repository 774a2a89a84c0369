import AdminJSExpress from '@adminjs/express';
import AdminJS, { ComponentLoader } from 'adminjs';
import express from 'express';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../../../src/auth/password-hasher.js';
import { silentLogger } from '../../../../src/config/logger.js';
import { createWhatsAppPlugin, type ConfiguredAccount } from '../../../../src/index.js';
import { insertLoginUser } from '../../../support/login-users.js';
import { TEST_ACCOUNT } from '../../../support/plugin-context.js';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database.js';

export const PASSWORD = 'a long enough password';

export interface TemplatesBackOffice {
  baseUrl: string;
  db: TestDatabase;
  dataSource: DataSource;
  accountId: string;
  stop(): Promise<void>;
}

/**
 * The plugin mounted as a host CRM mounts it, its Graph API client on the sandbox, and a
 * manager and an agent who can sign in and view the number's inbox.
 */
export async function startTemplatesBackOffice(
  graphUrl: string,
  accessToken: string,
  otherNumbers: ConfiguredAccount[] = [],
): Promise<TemplatesBackOffice> {
  const db = await createTestDatabase();
  await db.dataSource.destroy();
  const dataSource = new DataSource({ type: 'postgres', url: db.url, logging: ['error'] });
  const componentLoader = new ComponentLoader();
  const encryptionKey = randomBytes(32).toString('base64');
  const plugin = await createWhatsAppPlugin({
    dataSource,
    componentLoader,
    encryptionKey,
    accounts: [{ ...TEST_ACCOUNT, accessToken }, ...otherNumbers],
    graphUrl,
    logger: silentLogger,
  });
  const sessionSecret = randomBytes(32).toString('hex');
  const auth = await plugin.createBackOfficeAuth({ databaseUrl: db.url, sessionSecret, rootPath: '/admin' });
  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    resources: [...plugin.resources, ...auth.resources],
    locale: plugin.locale(),
    componentLoader,
  });
  const app = express();
  app.use(auth.router);
  app.use('/admin', auth.requireAdmin, AdminJSExpress.buildRouter(admin));

  const passwordHash = await hashPassword(PASSWORD);
  await insertLoginUser(dataSource, { email: 'manager@example.com', name: 'Manager', role: 'manager', passwordHash });
  const agentId = await insertLoginUser(dataSource, { email: 'agent@example.com', name: 'Agent', role: 'agent', passwordHash });
  const [{ id: accountId }] = await dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [TEST_ACCOUNT.phoneNumberId]);
  // The agent works the inbox of this number: he reads templates, he does not manage them.
  await dataSource.query(
    `INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'inbox.view', $2)`,
    [agentId, accountId],
  );

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    dataSource,
    accountId,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await auth.close();
      await plugin.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

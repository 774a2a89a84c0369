import AdminJSExpress from '@adminjs/express';
import AdminJS, { ComponentLoader } from 'adminjs';
import express from 'express';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { componentPath } from '../../../../src/admin/component-path.js';
import { templatesResource } from '../../../../src/admin/resources/templates.resource.js';
import { hashPassword } from '../../../../src/auth/password-hasher.js';
import { createGraphApiClient } from '../../../../src/cloud-api/index.js';
import { silentLogger } from '../../../../src/config/logger.js';
import { AccountDirectory } from '../../../../src/inbox/account-directory.js';
import { createWhatsAppPlugin, type ConfiguredAccount } from '../../../../src/index.js';
import { parseEncryptionKey, SecretBox } from '../../../../src/secrets/secret-box.js';
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
 * The plugin mounted as a host CRM mounts it, its templates resource being this one (built
 * the way the plugin builds it, with a Graph API client on the sandbox), and a manager and
 * an agent who can sign in and view the number's inbox.
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
    logger: silentLogger,
  });
  const templates = templatesResource(
    {
      dataSource,
      accounts: new AccountDirectory(dataSource, new SecretBox(parseEncryptionKey(encryptionKey))),
      logger: silentLogger,
      graph: createGraphApiClient({ graphUrl }),
    },
    {
      templateForm: componentLoader.add('WhatsAppTemplateForm', componentPath('template-form.jsx')),
      templateComponents: componentLoader.add('WhatsAppTemplateComponents', componentPath('template-components.jsx')),
      templateSync: componentLoader.add('WhatsAppTemplateSync', componentPath('template-sync.jsx')),
    },
  );
  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    resources: [...plugin.resources.filter((resource) => resource.options.id !== 'whatsapp_templates'), templates],
    locale: plugin.locale,
    componentLoader,
  });
  const sessionSecret = randomBytes(32).toString('hex');
  const auth = plugin.createBackOfficeAuth({ databaseUrl: db.url, sessionSecret, rootPath: '/admin' });
  const app = express();
  app.use(auth.router);
  app.use('/admin', auth.requireAdmin, AdminJSExpress.buildRouter(admin));

  const passwordHash = await hashPassword(PASSWORD);
  await dataSource.query(
    `INSERT INTO admin_users (email, name, role, password_hash) VALUES ('manager@example.com', 'Manager', 'manager', $1), ('agent@example.com', 'Agent', 'agent', $1)`,
    [passwordHash],
  );
  const [{ id: accountId }] = await dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [TEST_ACCOUNT.phoneNumberId]);
  // The agent works the inbox of this number: he reads templates, he does not manage them.
  await dataSource.query(
    `INSERT INTO whatsapp_permission_grants (admin_id, permission, account_id) SELECT id, 'inbox.view', $1 FROM admin_users WHERE email = 'agent@example.com'`,
    [accountId],
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

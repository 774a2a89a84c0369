import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBackOffice, type BackOffice } from '../../../../example/create-back-office.js';
import { hashPassword } from '../../../../src/auth/password-hasher.js';
import { silentLogger } from '../../../../src/config/logger.js';
import { INBOX_CHANNEL, type InboxNotificationKind } from '../../../../src/db/notify.js';
import type { Permission } from '../../../../src/permissions/permission-names.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../../support/test-back-office.js';
import { insertLoginUser } from '../../../support/login-users.js';

export const PASSWORD = 'a long enough password';
export const APP_SECRET = 'live-updates-app-secret';
export const FIRST_NUMBER = { phoneNumberId: '118237465540912', wabaId: '104729381102938', appSecret: APP_SECRET, verifyToken: 'verify' };
export const SECOND_NUMBER = { phoneNumberId: '118237465540977', wabaId: '104729381102977' };

export interface LiveOffice {
  office: RunningBackOffice;
  sessionSecret: string;
  encryptionKey: string;
  /** Account ids of the two numbers. */
  first: string;
  second: string;
  /** An admin who can sign in, with grants given as [permission, account id or null for every number]. */
  admin(name: string, role: 'agent' | 'manager' | 'super_admin', grants?: [Permission, string | null][]): Promise<string>;
  signIn(name: string): Promise<Browser>;
  conversation(accountId: string, options?: { assigneeId?: string | null; unread?: number }): Promise<string>;
  notify(kind: InboxNotificationKind, conversationId: string, messageId?: string): Promise<void>;
}

/** The runnable back office with two numbers, and helpers to fill it as each test needs. */
export async function startLiveOffice(): Promise<LiveOffice> {
  const sessionSecret = randomBytes(32).toString('hex');
  const encryptionKey = randomBytes(32).toString('base64');
  const office = await startTestBackOffice({ sessionSecret, encryptionKey, accounts: [FIRST_NUMBER, SECOND_NUMBER] });
  const query = office.dataSource.query.bind(office.dataSource);
  const accountId = async (phoneNumberId: string) => (await query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [phoneNumberId]))[0].id;
  const first = await accountId(FIRST_NUMBER.phoneNumberId);
  const second = await accountId(SECOND_NUMBER.phoneNumberId);
  const passwordHash = await hashPassword(PASSWORD);
  let contacts = 0;

  return {
    office,
    sessionSecret,
    encryptionKey,
    first,
    second,
    async admin(name, role, grants = []) {
      const id = await insertLoginUser(office.dataSource, { email: `${name}@example.com`, name, role, passwordHash });
      for (const [permission, account] of grants) {
        await query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [id, permission, account]);
      }
      return id;
    },
    async signIn(name) {
      const browser = new Browser(office.baseUrl);
      const response = await browser.login(`${name}@example.com`, PASSWORD);
      if (response.status !== 303) throw new Error(`${name} could not sign in (${response.status})`);
      return browser;
    },
    async conversation(account, options = {}) {
      contacts += 1;
      const [{ id: contactId }] = await query(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [
        account, `21355510${String(contacts).padStart(4, '0')}`,
      ]);
      const [{ id }] = await query(
        `INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, unread_count, last_message_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
        [account, contactId, options.assigneeId ?? null, options.unread ?? 0],
      );
      return id;
    },
    async notify(kind, conversationId, messageId) {
      const [{ account_id: accountId }] = await query(`SELECT account_id FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
      await query(`SELECT pg_notify($1, $2)`, [INBOX_CHANNEL, JSON.stringify({ kind, accountId, conversationId, messageId })]);
    },
  };
}

export interface OtherInstance extends BackOffice {
  baseUrl: string;
  stop(): Promise<void>;
}

/** A second web process of the same back office: same database and secrets, its own LISTEN connection. */
export async function startOtherInstance(live: LiveOffice): Promise<OtherInstance> {
  const backOffice = await createBackOffice({
    databaseUrl: live.office.db.url,
    encryptionKey: live.encryptionKey,
    sessionSecret: live.sessionSecret,
    accounts: [],
    logger: silentLogger,
  });
  const server: Server = await new Promise((resolve) => {
    const s = createServer(backOffice.listener).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    ...backOffice,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await backOffice.close();
    },
  };
}

import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password-hasher.js';
import { Browser, type RunningBackOffice } from './test-back-office.js';
import { insertLoginUser } from './login-users.js';

/**
 * A small inbox with two numbers and one admin per kind of access, for permission tests:
 * - root: super_admin (everything by role); manager: manager role (everything but accounts.manage);
 * - supervisor: an agent granted inbox.view_all on every number;
 * - agent: an agent granted view/reply/assign/resolve on number A only;
 * - agentB: an agent granted inbox.view on number B only; outsider: an agent with no grant.
 * Conversations on A: unassigned, assigned to agent, assigned to manager; on B: unassigned.
 */
export const ROLES = ['root', 'manager', 'supervisor', 'agent', 'agentB', 'outsider'] as const;
export type Role = (typeof ROLES)[number];

export interface InboxWorld {
  admins: Record<Role, { id: string; email: string }>;
  accounts: { a: string; b: string };
  conversations: { aFree: string; aMine: string; aOther: string; bFree: string };
  messages: { aFree: string; aMine: string; aOther: string; bFree: string };
  phones: { aFree: string; aMine: string; aOther: string; bFree: string };
  browsers: Record<Role, Browser>;
}

const PASSWORD = 'a long test password';

export async function seedInboxWorld(office: RunningBackOffice): Promise<InboxWorld> {
  const db = office.dataSource;
  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0].id as string;
  const hash = await hashPassword(PASSWORD);
  const admin = async (name: Role, role: string) => {
    const email = `${name.toLowerCase()}@example.com`;
    const id = await insertLoginUser(db, { email, name, passwordHash: hash, role });
    return { id, email };
  };
  const admins = {
    root: await admin('root', 'super_admin'),
    manager: await admin('manager', 'manager'),
    supervisor: await admin('supervisor', 'agent'),
    agent: await admin('agent', 'agent'),
    agentB: await admin('agentB', 'agent'),
    outsider: await admin('outsider', 'agent'),
  };
  const account = (phoneNumberId: string) =>
    one(`INSERT INTO whatsapp_accounts (name, phone_number_id, waba_id, display_phone_number) VALUES ($1, $2, '104729381102938', $3) RETURNING id`, [
      `Number ${phoneNumberId.slice(-2)}`, phoneNumberId, `+213 21 00 00 ${phoneNumberId.slice(-2)}`,
    ]);
  const accounts = { a: await account('100000000000001'), b: await account('100000000000002') };
  await grant(db, admins.supervisor.id, 'inbox.view_all', null);
  for (const permission of ['inbox.view', 'inbox.reply', 'inbox.assign', 'inbox.resolve']) await grant(db, admins.agent.id, permission, accounts.a);
  await grant(db, admins.agentB.id, 'inbox.view', accounts.b);

  const phones = { aFree: '213555000001', aMine: '213555000002', aOther: '213555000003', bFree: '213555000004' };
  const conversation = async (accountId: string, waId: string, assigneeId: string | null) => {
    const contactId = await one(
      `INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) VALUES ($1, $2, $3, $4) RETURNING id`,
      [accountId, waId, `+${waId}`, `Customer ${waId.slice(-1)}`],
    );
    const id = await one(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, unread_count, last_message_at, last_inbound_at)
       VALUES ($1, $2, $3, 1, now(), now()) RETURNING id`,
      [accountId, contactId, assigneeId],
    );
    const messageId = await one(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, $2, 'inbound', 'text', $3, 'received') RETURNING id`,
      [id, `wamid.${waId}`, `secret words of ${waId}`],
    );
    await db.query(`INSERT INTO whatsapp_conversation_events (conversation_id, kind) VALUES ($1, 'opened')`, [id]);
    return { id, messageId };
  };
  const aFree = await conversation(accounts.a, phones.aFree, null);
  const aMine = await conversation(accounts.a, phones.aMine, admins.agent.id);
  const aOther = await conversation(accounts.a, phones.aOther, admins.manager.id);
  const bFree = await conversation(accounts.b, phones.bFree, null);

  const browsers = {} as Record<Role, Browser>;
  for (const role of ROLES) {
    browsers[role] = new Browser(office.baseUrl);
    const response = await browsers[role].login(admins[role].email, PASSWORD);
    if (response.status !== 302 && response.status !== 303) throw new Error(`login of ${role} failed: ${response.status}`);
  }
  return {
    admins,
    accounts,
    conversations: { aFree: aFree.id, aMine: aMine.id, aOther: aOther.id, bFree: bFree.id },
    messages: { aFree: aFree.messageId, aMine: aMine.messageId, aOther: aOther.messageId, bFree: bFree.messageId },
    phones,
    browsers,
  };
}

export async function grant(db: DataSource, adminId: string, permission: string, accountId: string | null): Promise<void> {
  await db.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [adminId, permission, accountId]);
}

/**
 * AdminJS answers a refused action with HTTP 200, an error notice and no data; this reads that.
 * A record the admin may not see is answered as one that does not exist.
 */
export async function outcome(response: Response): Promise<{ allowed: boolean; body: Record<string, unknown>; text: string }> {
  const text = await response.text();
  if (response.status === 401 || response.status === 403) return { allowed: false, body: {}, text };
  if (response.status !== 200) throw new Error(`unexpected HTTP ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { notice?: { type?: string; message?: string } };
  const refused = body.notice?.type === 'error' && /forbidden|cannot be found/i.test(String(body.notice.message));
  return { allowed: !refused, body: body as Record<string, unknown>, text };
}

import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { INBOX_CHANNEL, type InboxNotification } from '../../../../src/db/notify.js';
import { loadPermissions } from '../../../../src/permissions/load-permissions.js';
import type { Permission } from '../../../../src/permissions/permission-names.js';
import type { InboxActor } from '../../../../src/permissions/permission-snapshot.js';
import { WorkflowRefusal } from '../../../../src/conversations/workflow-refusal.js';
import type { PluginContext } from '../../../../src/context/plugin-context.js';
import { rejectionOf } from '../../../support/rejection.js';
import { createTestPluginContext, TEST_ACCOUNT, type TestPluginContext } from '../../../support/plugin-context.js';
import { insertLoginUser } from '../../../support/login-users.js';

export const SECOND_ACCOUNT = { phoneNumberId: '118237465540999', wabaId: '104729381102999', displayPhoneNumber: '213770009999' } as const;

/** A permission, for every number (no account) or for one. */
export type Grant = Permission | [Permission, string];

export interface ConversationEventRow {
  kind: string;
  actorId: string | null;
  details: Record<string, unknown>;
}

export interface NotificationLog {
  received: InboxNotification[];
  /**
   * Everything notified before this call, once it has arrived: a marker NOTIFY sent after the
   * changes is delivered after theirs (PostgreSQL delivers in commit order), so waiting for it
   * proves what did and did not come, without sleeping.
   */
  settle(): Promise<InboxNotification[]>;
  stop(): Promise<void>;
}

export interface WorkflowFixture {
  context: PluginContext;
  /** The test number and a second one, to check per-number grants. */
  accountId: string;
  otherAccountId: string;
  /** An admin with these grants (on top of the role's defaults), as the session would see them. */
  admin(role: 'super_admin' | 'manager' | 'agent', grants?: Grant[], options?: { active?: boolean; name?: string }): Promise<InboxActor & { id: string }>;
  conversation(given?: { accountId?: string; assigneeId?: string | null; status?: string; leadId?: string | null; waId?: string; intent?: string }): Promise<{ id: string; contactId: string }>;
  lead(organisationName: string, phoneE164?: string | null, contactName?: string | null): Promise<string>;
  row(conversationId: string): Promise<{ status: string; assigneeId: string | null; leadId: string | null; resolvedAt: Date | null }>;
  events(conversationId: string): Promise<ConversationEventRow[]>;
  /** Expects `attempt` to be refused for `reason`, leaving the conversation and its audit trail as they were. */
  refused(attempt: () => Promise<unknown>, conversationId: string, reason: string): Promise<WorkflowRefusal>;
  listen(): Promise<NotificationLog>;
  close(): Promise<void>;
}

let customers = 0;

/** A plugin context with two numbers, and helpers to make admins, conversations and leads. */
export async function startWorkflowFixture(): Promise<WorkflowFixture> {
  const t: TestPluginContext = await createTestPluginContext({ accounts: [TEST_ACCOUNT, SECOND_ACCOUNT] });
  const db = t.db.dataSource;
  const idOf = async (phoneNumberId: string) => (await db.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [phoneNumberId]))[0].id as string;
  const accountId = await idOf(TEST_ACCOUNT.phoneNumberId);
  const otherAccountId = await idOf(SECOND_ACCOUNT.phoneNumberId);

  const fixture: WorkflowFixture = {
    context: t.context,
    accountId,
    otherAccountId,
    async admin(role, grants = [], options = {}) {
      const tag = randomBytes(4).toString('hex');
      const admin = {
        id: await insertLoginUser(db, { email: `${role}-${tag}@example.com`, name: options.name ?? `${role} ${tag}`, role, isActive: options.active ?? true }),
      };
      for (const grant of grants) {
        const [permission, grantAccountId] = Array.isArray(grant) ? grant : [grant, null];
        await db.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [admin.id, permission, grantAccountId]);
      }
      return { id: admin.id, role, permissions: await loadPermissions(db, { id: admin.id, role }) };
    },
    async conversation(given = {}) {
      customers += 1;
      const account = given.accountId ?? accountId;
      const waId = given.waId ?? `2135551${String(customers).padStart(5, '0')}`;
      const [contact] = await db.query(
        `INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) VALUES ($1, $2, $3, 'Amina') RETURNING id`,
        [account, waId, `+${waId}`],
      );
      const [conversation] = await db.query(
        `INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id, status, lead_id, intent, resolved_at, last_inbound_at, last_message_at)
         VALUES ($1, $2, $3, $4::text, $5, $6, CASE WHEN $4::text = 'resolved' THEN now() END, now() - interval '1 hour', now()) RETURNING id`,
        [account, contact.id, given.assigneeId ?? null, given.status ?? 'open', given.leadId ?? null, given.intent ?? null],
      );
      return { id: conversation.id, contactId: contact.id };
    },
    async lead(organisationName, phoneE164 = null, contactName = null) {
      const [lead] = await db.query(`INSERT INTO whatsapp_leads (organisation_name, phone_e164, contact_name) VALUES ($1, $2, $3) RETURNING id`, [
        organisationName,
        phoneE164,
        contactName,
      ]);
      return lead.id;
    },
    async row(conversationId) {
      const [row] = await db.query(
        `SELECT status, assignee_id AS "assigneeId", lead_id AS "leadId", resolved_at AS "resolvedAt" FROM whatsapp_conversations WHERE id = $1`,
        [conversationId],
      );
      return row;
    },
    async events(conversationId) {
      return db.query(
        `SELECT kind, actor_id AS "actorId", details FROM whatsapp_conversation_events WHERE conversation_id = $1 ORDER BY created_at, id`,
        [conversationId],
      );
    },
    async refused(attempt, conversationId, reason) {
      const before = { row: await fixture.row(conversationId), events: await fixture.events(conversationId) };
      const error = await rejectionOf(attempt(), WorkflowRefusal);
      expect(error.reason).to.equal(reason);
      expect(error.key).to.equal(`inbox.refusal.${reason.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`);
      expect({ row: await fixture.row(conversationId), events: await fixture.events(conversationId) }).to.deep.equal(before);
      return error;
    },
    async listen() {
      const client = new pg.Client({ connectionString: t.db.url });
      await client.connect();
      const received: InboxNotification[] = [];
      const markers = new Map<string, () => void>();
      client.on('notification', (n) => {
        const payload = n.payload ?? '';
        const marker = markers.get(payload);
        if (marker) marker();
        else received.push(JSON.parse(payload));
      });
      await client.query(`LISTEN ${INBOX_CHANNEL}`);
      return {
        received,
        async settle() {
          const marker = `marker-${randomBytes(6).toString('hex')}`;
          const arrived = new Promise<void>((resolve) => markers.set(marker, resolve));
          await db.query(`SELECT pg_notify($1, $2)`, [INBOX_CHANNEL, marker]);
          await arrived;
          markers.delete(marker);
          return received;
        },
        stop: () => client.end(),
      };
    },
    close: () => t.close(),
  };
  return fixture;
}

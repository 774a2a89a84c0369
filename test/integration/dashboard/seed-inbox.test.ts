import { expect } from 'chai';
import pg from 'pg';
import { existingVolume, isFull, SEED_MANAGER_EMAIL, seedInbox } from '../../../bench/support/seed-inbox.js';
import { loadPermissions } from '../../../src/permissions/load-permissions.js';
import { canSeeConversation } from '../../../src/permissions/permission-snapshot.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

// The core of `npm run seed:large`, at a small size: the data must be what the inbox expects.
describe('seed:large core (200 conversations, 4,000 messages)', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let client: pg.Client;
  const q = async (sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params)) as Record<string, unknown>[];

  before(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const phases: string[] = [];
    await seedInbox(client, {
      conversations: 200,
      messages: 4_000,
      passwordHash: 'not-a-real-hash',
      messagesPerStatement: 1_000,
      progress: (label) => ({ advance() {}, finish: () => phases.push(label) }),
    });
    expect(phases).to.deep.equal(['contacts and conversations', 'messages']);
  });
  after(async () => {
    await client.end();
    await db.drop();
  });

  it('writes exactly the asked numbers of conversations and messages, each conversation with at least one', async () => {
    expect(await existingVolume(client)).to.deep.equal({ conversations: 200, messages: 4_000 });
    const [row] = await q(
      `SELECT count(*)::int AS empty FROM whatsapp_conversations c WHERE NOT EXISTS (SELECT 1 FROM whatsapp_messages m WHERE m.conversation_id = c.id)`,
    );
    expect(row!.empty).to.equal(0);
  });

  it('keeps one live conversation per contact, on the contact’s number', async () => {
    const [row] = await q(
      `SELECT (SELECT count(*) FROM (SELECT contact_id FROM whatsapp_conversations WHERE status <> 'resolved' GROUP BY contact_id HAVING count(*) > 1) d)::int AS doubled,
              (SELECT count(*) FROM whatsapp_conversations c JOIN whatsapp_contacts k ON k.id = c.contact_id WHERE k.account_id <> c.account_id)::int AS crossed,
              (SELECT count(*) FROM (SELECT contact_id FROM whatsapp_conversations GROUP BY contact_id HAVING count(*) = 2) d)::int AS returning_contacts`,
    );
    expect(row).to.deep.equal({ doubled: 0, crossed: 0, returning_contacts: 40 });
  });

  it('derives last_message_at, last_inbound_at and unread_count from the messages, as the inbox maintains them', async () => {
    const mismatches = await q(
      `WITH per AS (
         SELECT m.conversation_id, max(m.created_at) AS last_at, max(m.created_at) FILTER (WHERE m.direction = 'inbound') AS last_in,
                max(m.created_at) FILTER (WHERE m.direction = 'outbound') AS last_out
           FROM whatsapp_messages m GROUP BY m.conversation_id
       ), unread AS (
         SELECT m.conversation_id, count(*)::int AS n FROM whatsapp_messages m JOIN per USING (conversation_id)
          WHERE m.direction = 'inbound' AND m.created_at > coalesce(per.last_out, '-infinity') GROUP BY m.conversation_id
       )
       SELECT c.id FROM whatsapp_conversations c JOIN per ON per.conversation_id = c.id LEFT JOIN unread ON unread.conversation_id = c.id
        WHERE c.last_message_at IS DISTINCT FROM per.last_at
           OR c.last_inbound_at IS DISTINCT FROM per.last_in
           OR c.unread_count <> CASE WHEN c.status = 'resolved' THEN 0 ELSE coalesce(unread.n, 0) END
           OR c.created_at > (SELECT min(created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id)`,
    );
    expect(mismatches).to.deep.equal([]);
    const [unread] = await q(`SELECT count(*)::int AS n FROM whatsapp_conversations WHERE unread_count > 0`);
    expect(unread!.n).to.be.greaterThan(0);
  });

  it('has open, pending and resolved conversations, assigned and unassigned, resolved ones with their resolution time', async () => {
    const rows = await q(
      `SELECT status, bool_or(assignee_id IS NULL) AS some_unassigned, bool_or(assignee_id IS NOT NULL) AS some_assigned,
              bool_and((resolved_at IS NOT NULL) = (status = 'resolved')) AS resolution_consistent
         FROM whatsapp_conversations GROUP BY status ORDER BY status`,
    );
    expect(rows.map((r) => r.status)).to.deep.equal(['open', 'pending', 'resolved']);
    for (const row of rows.filter((r) => r.status !== 'pending')) expect(row).to.include({ some_unassigned: true, some_assigned: true });
    for (const row of rows) expect(row.resolution_consistent).to.equal(true);
  });

  it('assigns conversations only to agents who may see them on that number', async () => {
    const assigned = (await q(
      `SELECT c.account_id AS "accountId", c.assignee_id AS "assigneeId", u.role FROM whatsapp_conversations c JOIN whatsapp_agents u ON u.id = c.assignee_id`,
    )) as { accountId: string; assigneeId: string; role: string }[];
    expect(assigned.length).to.be.greaterThan(0);
    for (const conversation of assigned) {
      const admin = { id: conversation.assigneeId, permissions: await loadPermissions(db.dataSource, { id: conversation.assigneeId, role: conversation.role }) };
      expect(canSeeConversation(admin, conversation), conversation.assigneeId).to.equal(true);
    }
    const [manager] = await q(`SELECT role FROM whatsapp_agents WHERE email = $1`, [SEED_MANAGER_EMAIL]);
    expect(manager!.role).to.equal('manager');
  });

  it('writes only settled messages: received inbound, sent/delivered/read/failed outbound with a wamid, failures with Meta’s reason', async () => {
    const rows = await q(
      `SELECT direction, status, count(*)::int AS n, bool_and(wamid IS NOT NULL) AS with_wamid,
              bool_and(status <> 'failed' OR (error_code IS NOT NULL AND error_title IS NOT NULL AND error_explanation_key = 'metaError.' || error_code)) AS explained
         FROM whatsapp_messages GROUP BY direction, status ORDER BY direction, status`,
    );
    expect(rows.map((r) => `${r.direction}:${r.status}`)).to.include.members(['inbound:received', 'outbound:read', 'outbound:delivered']);
    expect(rows.map((r) => r.status)).to.not.include.members(['queued', 'sending', 'unknown']);
    for (const row of rows) expect(row).to.include({ with_wamid: true, explained: true });
  });

  it('labels conversations with managed labels, as an agent would: the label filters offer and find them', async () => {
    const labels = await q(`SELECT name FROM whatsapp_labels ORDER BY name`);
    expect(labels.map((l) => l.name)).to.deep.equal(['company', 'institution', 'partnership', 'school']);
    // Every name on a conversation is one of its applied labels, and the other way round.
    const [row] = await q(
      `SELECT count(*) FILTER (WHERE c.labels <> '{}')::int AS labelled,
              count(*) FILTER (WHERE c.labels <> whatsapp_conversation_label_names(c.id))::int AS mismatched
         FROM whatsapp_conversations c`,
    );
    expect(row!.labelled).to.be.greaterThan(0);
    expect(row!.mismatched).to.equal(0);
    const [traffic] = await q(`SELECT coalesce(sum(opened), 0)::int AS opened FROM whatsapp_report_hour_deltas WHERE label = 'school'`);
    expect(traffic!.opened).to.equal((await q(`SELECT 1 FROM whatsapp_conversations WHERE 'school' = ANY(labels)`)).length);
  });

  it('counts the seeded database as full only past the limits', () => {
    expect(isFull({ conversations: 200, messages: 4_000 })).to.equal(false);
    expect(isFull({ conversations: 10_000, messages: 0 })).to.equal(true);
    expect(isFull({ conversations: 0, messages: 100_000 })).to.equal(true);
  });
});

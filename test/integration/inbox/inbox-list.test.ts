import { expect } from 'chai';
import { countInbox, listInbox, type InboxRow } from '../../../src/conversations/read/inbox-list.js';
import { loadInboxSetup } from '../../../src/conversations/read/inbox-setup.js';
import { parseInboxFilters, type InboxFilters } from '../../../src/domain/inbox-filters.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

/**
 * The Inbox page's list read model on a real PostgreSQL: what each agent sees in each tab,
 * keyset pages that neither skip nor repeat, the filters, the counts, and a row's preview,
 * window and waiting time.
 */
describe('the inbox list (listInbox, countInbox)', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  let manager: InboxActor;
  let agent: InboxActor & { id: string };
  let colleague: InboxActor & { id: string };
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => f.context.dataSource.query(sql, params);
  const filters = (given: Partial<InboxFilters>) => parseInboxFilters({ tab: 'all', status: 'any', ...given });
  const names = (rows: InboxRow[]) => rows.map((row) => row.contact.name);
  const all = async (actor: InboxActor, given: Partial<InboxFilters>, limit = 2) => {
    const rows: InboxRow[] = [];
    let cursor: string | null = null;
    do {
      const page = await listInbox(f.context.dataSource, actor, filters(given), { cursor, limit });
      rows.push(...page.rows);
      cursor = page.next;
    } while (cursor);
    return rows;
  };

  before(async () => {
    f = await startWorkflowFixture();
    manager = await f.admin('manager');
    agent = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]], { name: 'Karim' });
    colleague = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]], { name: 'Nadia' });
    const make = async (name: string, given: Parameters<WorkflowFixture['conversation']>[0], minutesAgo: number) => {
      const { id, contactId } = await f.conversation(given);
      await q(`UPDATE whatsapp_contacts SET profile_name = $2 WHERE id = $1`, [contactId, name]);
      await q(`UPDATE whatsapp_conversations SET last_message_at = now() - $2 * interval '1 minute', last_inbound_at = NULL WHERE id = $1`, [id, minutesAgo]);
      ids[name] = id;
    };
    await make('Mine open', { assigneeId: agent.id }, 1);
    await make('Unassigned open', {}, 2);
    await make('Colleague open', { assigneeId: colleague.id }, 3);
    await make('Other number', { accountId: f.otherAccountId }, 4);
    await make('Mine resolved', { assigneeId: agent.id, status: 'resolved' }, 5);
    await make('Unassigned pending', { status: 'pending' }, 6);
  });
  after(() => f.close());

  it('shows an agent his own and the unassigned conversations of his number, a manager every one, newest activity first', async () => {
    expect(names(await all(agent, {}))).to.deep.equal(['Mine open', 'Unassigned open', 'Mine resolved', 'Unassigned pending']);
    expect(names(await all(manager, {}))).to.deep.equal([
      'Mine open', 'Unassigned open', 'Colleague open', 'Other number', 'Mine resolved', 'Unassigned pending',
    ]);
    expect(names(await all(agent, { tab: 'mine' }))).to.deep.equal(['Mine open', 'Mine resolved']);
    expect(names(await all(agent, { tab: 'unassigned', status: 'open' }))).to.deep.equal(['Unassigned open']);
    expect(names(await all(manager, { tab: 'mine' }))).to.deep.equal([]);
  });

  it('pages by keyset: a conversation moving up between two pages is neither repeated nor skipped below', async () => {
    const first = await listInbox(f.context.dataSource, manager, filters({}), { limit: 2 });
    expect(names(first.rows)).to.deep.equal(['Mine open', 'Unassigned open']);
    // A message arrives on the last one while the agent scrolls.
    await q(`UPDATE whatsapp_conversations SET last_message_at = now() WHERE id = $1`, [ids['Unassigned pending']]);
    const rest: InboxRow[] = [];
    let cursor = first.next;
    while (cursor) {
      const page = await listInbox(f.context.dataSource, manager, filters({}), { cursor, limit: 2 });
      rest.push(...page.rows);
      cursor = page.next;
    }
    expect(names(rest)).to.deep.equal(['Colleague open', 'Other number', 'Mine resolved']);
    await q(`UPDATE whatsapp_conversations SET last_message_at = now() - interval '6 minutes' WHERE id = $1`, [ids['Unassigned pending']]);
  });

  it('keeps microseconds in the cursor: rows sharing a millisecond are all listed once', async () => {
    const moment = await q(`SELECT now() - interval '10 days' AS at`);
    const twins: string[] = [];
    for (const micro of [1, 2, 3]) {
      const { id } = await f.conversation({ status: 'resolved' });
      await q(`UPDATE whatsapp_conversations SET last_message_at = $2::timestamptz + $3 * interval '1 microsecond' WHERE id = $1`, [id, moment[0].at, micro]);
      twins.push(id);
    }
    const rows = await all(manager, { status: 'resolved' }, 1);
    expect(rows.filter((row) => twins.includes(row.id))).to.have.length(3);
    expect(new Set(rows.map((row) => row.id)).size).to.equal(rows.length);
    await q(`DELETE FROM whatsapp_conversations WHERE id = ANY($1)`, [twins]);
  });

  it('filters by number, intent, label, unread, waiting for a reply and window closing', async () => {
    const [label] = await q(`INSERT INTO whatsapp_labels (name, colour) VALUES ('VIP', 'red') RETURNING id`);
    await q(`INSERT INTO whatsapp_conversation_labels (conversation_id, label_id) VALUES ($1, $2)`, [ids['Colleague open'], label.id]);
    await q(`UPDATE whatsapp_conversations SET intent = 'school', unread_count = 2 WHERE id = $1`, [ids['Unassigned open']]);
    // The customer wrote 23 hours ago and nobody answered: waiting, and the window closes within the hour.
    await q(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '23 hours', last_message_at = now() - interval '23 hours' WHERE id = $1`, [ids['Mine open']]);
    expect(names(await all(manager, { accountId: f.otherAccountId }))).to.deep.equal(['Other number']);
    expect(names(await all(manager, { intent: 'school' }))).to.deep.equal(['Unassigned open']);
    expect(names(await all(manager, { labelId: label.id }))).to.deep.equal(['Colleague open']);
    expect(names(await all(manager, { unread: true }))).to.deep.equal(['Unassigned open']);
    expect(names(await all(manager, { waiting: true }))).to.deep.equal(['Mine open']);
    expect(names(await all(manager, { windowClosing: true }))).to.deep.equal(['Mine open']);
    const [row] = (await listInbox(f.context.dataSource, manager, filters({ labelId: label.id }), { limit: 5 })).rows;
    expect(row!.labels).to.deep.equal([{ id: label.id, name: 'VIP', colour: 'red' }]);
    expect(row!.assignee).to.deep.equal({ id: colleague.id, name: 'Nadia' });
  });

  it('filters by the ad that brought the conversation, and offers the ads of the numbers one sees, the latest first', async () => {
    const referral = (id: string, adId: string, headline: string | null, daysAgo: number) =>
      q(
        `UPDATE whatsapp_conversations SET referral = $2::jsonb, referral_source_id = $3, referral_at = now() - $4 * interval '1 day' WHERE id = $1`,
        [id, JSON.stringify({ source_type: 'ad', source_id: adId, ...(headline ? { headline } : {}) }), adId, daysAgo],
      );
    await referral(ids['Unassigned pending']!, '120208400000001', 'Cours d’anglais — rentrée', 3);
    await referral(ids['Mine resolved']!, '120208400000001', 'Cours d’anglais — rentrée', 1);
    await referral(ids['Other number']!, '120208400000002', null, 2);
    await referral(ids['Colleague open']!, '120208400000003', 'Old campaign', 200);
    try {
      expect(names(await all(manager, { adId: '120208400000001' }))).to.deep.equal(['Mine resolved', 'Unassigned pending']);
      expect(names(await all(agent, { adId: '120208400000002' })), 'not a conversation of his number').to.deep.equal([]);
      const offered = async (actor: InboxActor) => (await loadInboxSetup(f.context.dataSource, actor, [])).ads;
      expect(await offered(manager)).to.deep.equal([
        { id: '120208400000001', headline: 'Cours d’anglais — rentrée', conversations: 2 },
        { id: '120208400000002', headline: null, conversations: 1 },
      ]);
      expect((await offered(agent)).map((ad) => ad.id), 'the ads of his number only; older ones are not offered').to.deep.equal(['120208400000001']);
    } finally {
      await q(`UPDATE whatsapp_conversations SET referral = NULL, referral_source_id = NULL, referral_at = NULL`);
    }
  });

  it('counts each tab under the same filters, as the agent may see them', async () => {
    expect(await countInbox(f.context.dataSource, agent, filters({ status: 'open' }))).to.deep.equal({ mine: 1, unassigned: 1, all: 2 });
    expect(await countInbox(f.context.dataSource, manager, filters({ status: 'open' }))).to.deep.equal({ mine: 0, unassigned: 2, all: 4 });
  });

  it('reads rows named by id again for a live update, only those the filters and visibility still allow', async () => {
    const page = await listInbox(f.context.dataSource, agent, filters({ status: 'open' }), {
      ids: [ids['Mine open']!, ids['Colleague open']!, ids['Mine resolved']!, 'not-a-uuid'],
      limit: 50,
    });
    expect(names(page.rows)).to.deep.equal(['Mine open']);
    expect(page.next).to.equal(null);
  });

  it('previews the last message, and says since when the customer has waited for an answer', async () => {
    const conversationId = ids['Mine open']!;
    const insert = (direction: string, type: string, body: string | null, minutesAgo: number, fileName: string | null = null) =>
      q(
        `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, media_file_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() - $7 * interval '1 minute')`,
        [conversationId, direction, type, body, direction === 'inbound' ? 'received' : 'read', fileName, minutesAgo],
      );
    await insert('inbound', 'text', 'Bonjour', 30);
    await insert('outbound', 'text', 'Bonjour, je regarde', 20);
    await insert('inbound', 'text', 'Merci', 15);
    await insert('inbound', 'document', null, 10, 'devis.pdf');
    await q(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '10 minutes', last_message_at = now() - interval '10 minutes' WHERE id = $1`, [conversationId]);
    const [row] = (await listInbox(f.context.dataSource, agent, filters({}), { ids: [conversationId], limit: 1 })).rows;
    expect(row!.lastMessage).to.deep.include({ direction: 'inbound', type: 'document', text: null, fileName: 'devis.pdf' });
    const [{ since }] = await q(`SELECT created_at AS since FROM whatsapp_messages WHERE conversation_id = $1 AND body = 'Merci'`, [conversationId]);
    expect(row!.waitingSince).to.equal(since.toISOString());
    expect(Date.parse(row!.windowClosesAt!) - Date.now()).to.be.within(23.8 * 3600_000, 24 * 3600_000);
  });
});

import { expect } from 'chai';
import { searchInbox, type InboxSearchAnswer } from '../../../src/conversations/read/inbox-search.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

/**
 * Search over what an agent may see, on a real PostgreSQL with its trigram indexes: message text
 * in French, Arabic and English whatever the accents and letter forms, contacts by name, CRM
 * record and any spelling of their number, with marked snippets, newest first.
 */
describe('inbox search (searchInbox)', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  let manager: InboxActor;
  let agent: InboxActor & { id: string };
  let colleague: InboxActor & { id: string };
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => f.context.dataSource.query(sql, params);
  const search = (actor: InboxActor, query: string, messagesAfter?: string | null) =>
    searchInbox(f.context.dataSource, actor, { query, defaultRegion: 'DZ', messagesAfter });
  const marked = (answer: InboxSearchAnswer) => answer.messages.map((hit) => hit.snippet.filter((part) => part.hit).map((part) => part.text));
  const bodies = async (answer: InboxSearchAnswer) =>
    (await q(`SELECT id, body FROM whatsapp_messages WHERE id = ANY($1)`, [answer.messages.map((hit) => hit.messageId)])) as { id: string; body: string }[];

  before(async () => {
    f = await startWorkflowFixture();
    manager = await f.admin('manager');
    agent = await f.admin('agent', [['inbox.view', f.accountId]]);
    colleague = await f.admin('agent', [['inbox.view', f.accountId]]);
    const conversation = async (name: string, waId: string, assigneeId: string | null, crmLabel: string | null = null) => {
      const { id, contactId } = await f.conversation({ waId, assigneeId });
      await q(`UPDATE whatsapp_contacts SET profile_name = $2, crm_record_type = $3, crm_record_label = $4 WHERE id = $1`, [
        contactId, name, crmLabel ? 'organisation' : null, crmLabel,
      ]);
      ids[name] = id;
      return id;
    };
    const message = (conversationId: string, body: string, minutesAgo: number, direction = 'inbound') =>
      q(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at) VALUES ($1, $2, 'text', $3, $4, now() - $5 * interval '1 minute')`, [
        conversationId, direction, body, direction === 'inbound' ? 'received' : 'read', minutesAgo,
      ]);
    const amina = await conversation('Amina Belkacem', '213555123456', null, 'Lycée Ibn Khaldoun');
    const karim = await conversation('كريم حداد', '213661987654', agent.id);
    const nadia = await conversation('Nadia Ferhat', '213770111222', colleague.id);
    await message(amina, 'Bonjour, nous sommes une École privée à Oran', 50);
    await message(amina, 'Vos tablettes éducatives sont-elles disponibles ?', 40);
    await message(amina, 'Oui, les tablettes arrivent lundi.', 30, 'outbound');
    await message(karim, 'السلام عليكم، أريد معرفة أسعار الإشتراك', 20);
    await message(karim, 'Do you deliver tablets to Constantine?', 10);
    await message(nadia, 'Les tablettes de ma collègue, une école aussi', 5);
  });
  after(() => f.close());

  it('finds French words without their accents, in every message that has them, newest first, the words marked', async () => {
    const answer = await search(manager, 'ecole');
    expect(marked(answer)).to.deep.equal([['école'], ['École']]);
    expect(answer.terms).to.deep.equal(['ecole']);
    const tablettes = await search(manager, 'TABLETTES');
    expect((await bodies(tablettes)).length).to.equal(3);
    expect(marked(tablettes)).to.deep.equal([['tablettes'], ['tablettes'], ['tablettes']]);
  });

  it('finds Arabic words whatever the alef, hamza and ta marbuta forms and diacritics', async () => {
    for (const typed of ['أسعار', 'اسعار', 'أَسْعَار', 'الاشتراك']) {
      const answer = await search(manager, typed);
      expect(answer.messages.map((hit) => hit.conversationId), typed).to.deep.equal([ids['كريم حداد']]);
    }
    expect(marked(await search(manager, 'اسعار'))).to.deep.equal([['أسعار']]);
  });

  it('asks every word, in any order', async () => {
    expect((await search(manager, 'oran ecole')).messages).to.have.length(1);
    expect((await search(manager, 'oran tablettes')).messages).to.have.length(0);
  });

  it('finds a contact by name, by the CRM record it matched, and by any spelling or part of its number', async () => {
    const contacts = async (query: string) => (await search(manager, query)).conversations.map((row) => row.contact.name);
    expect(await contacts('belkacem')).to.deep.equal(['Amina Belkacem']);
    expect(await contacts('lycee ibn')).to.deep.equal(['Amina Belkacem']);
    expect(await contacts('كريم')).to.deep.equal(['كريم حداد']);
    for (const phone of ['0555 12 34 56', '+213 555 12 34 56', '213555123456', '555 12 34']) expect(await contacts(phone), phone).to.deep.equal(['Amina Belkacem']);
  });

  it('finds only what the agent may see: his conversations and the unassigned ones', async () => {
    const answer = await search(agent, 'tablettes');
    expect(answer.messages.map((hit) => hit.conversationId)).to.have.members([ids['Amina Belkacem'], ids['Amina Belkacem']]);
    expect((await search(agent, 'nadia')).conversations).to.deep.equal([]);
    expect((await search(colleague, 'أسعار')).messages).to.deep.equal([]);
  });

  it('searches nothing for fewer than three letters, and pages through many messages without repeating one', async () => {
    expect(await search(manager, 'ec')).to.deep.include({ tooShort: true, messages: [], conversations: [] });
    const conversationId = ids['Amina Belkacem']!;
    await q(
      `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at)
       SELECT $1, 'inbound', 'text', 'Rappel numéro ' || n, 'received', now() - interval '2 days' FROM generate_series(1, 45) AS n`,
      [conversationId],
    );
    let answer = await search(manager, 'rappel');
    const all = [...answer.messages];
    while (answer.nextMessages) {
      answer = await search(manager, 'rappel', answer.nextMessages);
      all.push(...answer.messages);
    }
    expect(all).to.have.length(45);
    expect(new Set(all.map((hit) => hit.messageId)).size).to.equal(45);
  });

  it('finds an old message behind a thousand newer ones that do not match, and one among them that does', async () => {
    const conversationId = ids['Amina Belkacem']!;
    await q(
      `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at)
       SELECT $1, 'inbound', 'text', 'Bavardage ' || n, 'received', now() - n * interval '1 second' FROM generate_series(1, 1200) AS n`,
      [conversationId],
    );
    await q(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at) VALUES ($1, 'inbound', 'text', 'Une ancienne facture perdue', 'received', now() - interval '30 days')`, [conversationId]);
    await q(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at) VALUES ($1, 'inbound', 'text', 'Une facture récente', 'received', now() - interval '10 minutes')`, [conversationId]);
    expect(marked(await search(manager, 'facture'))).to.deep.equal([['facture'], ['facture']]);
    expect((await search(manager, 'ancienne facture')).messages).to.have.length(1);
  });
});

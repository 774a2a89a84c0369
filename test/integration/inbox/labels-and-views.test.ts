import { expect } from 'chai';
import { labelConversation, labelConversations } from '../../../src/conversations/label-conversation.js';
import { labelFields } from '../../../src/conversations/label-fields.js';
import { LabelRefusal } from '../../../src/conversations/label-refusal.js';
import { earlierConversations } from '../../../src/conversations/read/earlier-conversations.js';
import { deleteSavedView, saveView, savedViewsOf } from '../../../src/conversations/saved-views.js';
import { SavedViewRefusal } from '../../../src/conversations/saved-view-refusal.js';
import { WorkflowRefusal } from '../../../src/conversations/workflow-refusal.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { rejectionOf } from '../../support/rejection.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

/** Labels applied one by one and in bulk (audited, notified, permission-checked), their names, the agents' saved views and the panel's history. */
describe('labels, saved views and the customer history', function () {
  this.timeout(60_000);
  let f: WorkflowFixture;
  let agent: InboxActor & { id: string };
  let reader: InboxActor & { id: string };
  let vip: string;
  let invoice: string;
  const q = (sql: string, params: unknown[] = []) => f.context.dataSource.query(sql, params);
  const labelsOn = async (conversationId: string) =>
    ((await q(`SELECT l.name FROM whatsapp_conversation_labels cl JOIN whatsapp_labels l ON l.id = cl.label_id WHERE cl.conversation_id = $1 ORDER BY l.name`, [conversationId])) as { name: string }[]).map((row) => row.name);

  before(async () => {
    f = await startWorkflowFixture();
    agent = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]]);
    reader = await f.admin('agent', [['inbox.view', f.accountId]]);
    [{ id: vip }, { id: invoice }] = await q(`INSERT INTO whatsapp_labels (name, colour) VALUES ('VIP', 'red'), ('Invoice', 'blue') RETURNING id`);
  });
  after(() => f.close());

  it('puts labels on and takes them off in one transaction, with an audit row naming them and a live notice', async () => {
    const { id } = await f.conversation({ assigneeId: agent.id });
    const log = await f.listen();
    expect(await labelConversation(f.context, { conversationId: id, actor: agent, add: [vip, invoice] })).to.deep.include({ changed: true });
    expect(await labelConversation(f.context, { conversationId: id, actor: agent, add: [vip], remove: [invoice] })).to.deep.include({ changed: true });
    expect(await labelConversation(f.context, { conversationId: id, actor: agent, add: [vip] })).to.deep.include({ changed: false });
    expect(await labelsOn(id)).to.deep.equal(['VIP']);
    const events = (await f.events(id)).filter((event) => event.kind === 'labels_changed');
    expect(events).to.have.length(2);
    expect((events[0]!.details.added as string[]).sort()).to.deep.equal(['Invoice', 'VIP']);
    expect(events[0]!.details.removed).to.deep.equal([]);
    expect(events[1]!.details).to.deep.equal({ added: [], removed: ['Invoice'] });
    expect(events.every((event) => event.actorId === agent.id)).to.equal(true);
    const notices = await log.settle();
    expect(notices.filter((notice) => notice.conversationId === id && notice.kind === 'conversation.updated')).to.have.length(2);
    await log.stop();
  });

  it('refuses a label that does not exist, and an agent who may only read the conversation', async () => {
    const { id } = await f.conversation();
    const unknown = await rejectionOf(labelConversation(f.context, { conversationId: id, actor: agent, add: ['00000000-0000-4000-8000-000000000000'] }), LabelRefusal);
    expect(unknown.key).to.equal('labels.refusal.labelNotFound');
    await f.refused(() => labelConversation(f.context, { conversationId: id, actor: reader, add: [vip] }), id, 'not-allowed');
    expect(await labelsOn(id)).to.deep.equal([]);
  });

  it('labels a selection in bulk, each conversation checked on its own', async () => {
    const mine = await f.conversation({ assigneeId: agent.id });
    const unassigned = await f.conversation();
    const otherNumber = await f.conversation({ accountId: f.otherAccountId });
    const outcome = await labelConversations(f.context, { conversationIds: [mine.id, unassigned.id, otherNumber.id], actor: agent, add: [invoice] });
    expect(outcome).to.deep.include({ changed: 2, unchanged: 0, refused: 1 });
    expect(await labelsOn(otherNumber.id)).to.deep.equal([]);
    const refusal = outcome.results.find((result) => result.conversationId === otherNumber.id);
    expect(refusal).to.have.property('refusal');
    expect(WorkflowRefusal.of('not-visible').key).to.equal((refusal as { refusal: { key: string } }).refusal.key);
  });

  it('names labels uniquely whatever their case, in a colour of the palette', async () => {
    expect(await labelFields(f.context.dataSource, { name: '  Follow   up ', colour: 'green' })).to.deep.equal({ name: 'Follow up', colour: 'green' });
    expect(await labelFields(f.context.dataSource, { name: 'Urgent' })).to.deep.equal({ name: 'Urgent', colour: 'grey' });
    expect((await rejectionOf(labelFields(f.context.dataSource, { name: 'vip' }), LabelRefusal)).reason).to.equal('label-name-taken');
    expect(await labelFields(f.context.dataSource, { name: 'vip', colour: 'red' }, vip)).to.deep.equal({ name: 'vip', colour: 'red' });
    expect((await rejectionOf(labelFields(f.context.dataSource, { name: 'x'.repeat(51) }), LabelRefusal)).reason).to.equal('label-name-too-long');
    expect((await rejectionOf(labelFields(f.context.dataSource, { name: 'Blue', colour: '#00f' }), LabelRefusal)).reason).to.equal('label-colour-unknown');
    expect((await rejectionOf(labelFields(f.context.dataSource, { name: '   ' }), LabelRefusal)).reason).to.equal('label-name-required');
  });

  it('takes a deleted label off every conversation', async () => {
    const { id } = await f.conversation({ assigneeId: agent.id });
    const [{ id: temporary }] = await q(`INSERT INTO whatsapp_labels (name) VALUES ('Temporary') RETURNING id`);
    await labelConversation(f.context, { conversationId: id, actor: agent, add: [temporary] });
    await q(`DELETE FROM whatsapp_labels WHERE id = $1`, [temporary]);
    expect(await labelsOn(id)).to.deep.equal([]);
  });

  it('keeps the conversation’s label names, which reports and SLA policies match on, through adding, renaming and deleting', async () => {
    const { id } = await f.conversation({ assigneeId: agent.id });
    const names = async () => ((await q(`SELECT labels FROM whatsapp_conversations WHERE id = $1`, [id])) as { labels: string[] }[])[0]!.labels;
    const [{ id: school }, { id: quote }] = await q(`INSERT INTO whatsapp_labels (name) VALUES ('School'), ('Quote') RETURNING id`);
    await labelConversation(f.context, { conversationId: id, actor: agent, add: [school, quote] });
    expect(await names()).to.deep.equal(['Quote', 'School']);
    await q(`UPDATE whatsapp_labels SET name = 'Schools' WHERE id = $1`, [school]);
    expect(await names()).to.deep.equal(['Quote', 'Schools']);
    const [reported] = await q(`SELECT labels FROM whatsapp_report_conversations WHERE conversation_id = $1`, [id]);
    expect(reported.labels).to.deep.equal(['Quote', 'Schools']);
    await labelConversation(f.context, { conversationId: id, actor: agent, remove: [quote] });
    expect(await names()).to.deep.equal(['Schools']);
    await q(`DELETE FROM whatsapp_labels WHERE id = $1`, [school]);
    expect(await names()).to.deep.equal([]);
  });

  it('keeps each agent’s saved views his own: saved by name (again: replaced), listed, deleted', async () => {
    const view = await saveView(f.context.dataSource, agent, { name: ' Waiting VIPs ', filters: { tab: 'all', status: 'open', labelId: vip, waiting: true, bogus: 1 } });
    expect(view).to.deep.include({ name: 'Waiting VIPs', filters: { tab: 'all', status: 'open', labelId: vip, waiting: true } });
    await saveView(f.context.dataSource, agent, { name: 'Waiting VIPs', filters: { tab: 'mine', status: 'open' } });
    expect((await savedViewsOf(f.context.dataSource, agent)).map((saved) => [saved.name, saved.filters.tab])).to.deep.equal([['Waiting VIPs', 'mine']]);
    expect(await savedViewsOf(f.context.dataSource, reader)).to.deep.equal([]);
    expect(await deleteSavedView(f.context.dataSource, reader, view.id)).to.equal(false);
    expect(await deleteSavedView(f.context.dataSource, agent, view.id)).to.equal(true);
    expect((await rejectionOf(saveView(f.context.dataSource, agent, { name: '', filters: {} }), SavedViewRefusal)).reason).to.equal('view-name-required');
  });

  it('shows the customer’s other conversations on every number, as far as the agent may see them', async () => {
    const waId = '213555999888';
    const now = await f.conversation({ waId, assigneeId: agent.id });
    await q(`UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = now() WHERE id = $1`, [now.id]);
    const later = await f.conversation({ waId: '213555999887', assigneeId: agent.id });
    await q(`UPDATE whatsapp_conversations SET contact_id = $2 WHERE id = $1`, [later.id, now.contactId]);
    const elsewhere = await f.conversation({ waId, accountId: f.otherAccountId });
    const manager = await f.admin('manager');
    expect((await earlierConversations(f.context.dataSource, manager, later.id)).map((c) => c.id)).to.have.members([now.id, elsewhere.id]);
    expect((await earlierConversations(f.context.dataSource, agent, later.id)).map((c) => c.id)).to.deep.equal([now.id]);
  });
});

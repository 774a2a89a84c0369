import { expect } from 'chai';
import { assignConversation } from '../../../src/conversations/assign-conversation.js';
import { createLeadFromConversation } from '../../../src/conversations/create-lead-from-conversation.js';
import { reopenConversation } from '../../../src/conversations/reopen-conversation.js';
import { resolveConversation } from '../../../src/conversations/resolve-conversation.js';
import { sendInteractiveTo, sendTemplateTo, sendTextTo } from '../../../src/conversations/send-to-target.js';
import { unassignConversation } from '../../../src/conversations/unassign-conversation.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyStatusReports } from '../../../src/statuses/apply-status-reports.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

interface StoredEvent {
  kind: string;
  sequence: string;
  conversation_id: string | null;
  data: Record<string, unknown> & { contact?: { phoneE164: string | null }; message?: Record<string, unknown> };
}

/**
 * What hosts hear: each change that matters writes its outbox event in the same transaction,
 * with the ids a host needs (number, conversation, contact and its CRM record, message).
 */
describe('domain events written with the changes', () => {
  let f: WorkflowFixture;
  before(async () => {
    f = await startWorkflowFixture();
  });
  after(async () => f.close());
  beforeEach(async () => {
    await f.context.dataSource.query(`DELETE FROM whatsapp_outbox_events`);
  });

  const events = (): Promise<StoredEvent[]> =>
    f.context.dataSource.query(`SELECT kind, sequence, conversation_id, data FROM whatsapp_outbox_events ORDER BY sequence`);

  it('tells of assignments, resolutions, reopenings and leads, in the order they happened', async () => {
    const manager = await f.admin('manager');
    const agent = await f.admin('agent', ['inbox.view', 'inbox.reply']);
    const { id } = await f.conversation({ waId: '213555000101' });
    await assignConversation(f.context, { conversationId: id, assigneeId: agent.id, actor: manager });
    await unassignConversation(f.context, { conversationId: id, actor: manager });
    await resolveConversation(f.context, { conversationId: id, actor: manager });
    await resolveConversation(f.context, { conversationId: id, actor: manager });
    await reopenConversation(f.context, { conversationId: id, actor: manager });
    const { leadId } = await createLeadFromConversation(f.context, { conversationId: id, actor: manager, lead: { organisationName: 'Lycée Descartes' } as never });

    const written = await events();
    expect(written.map((event) => event.kind)).to.deep.equal([
      'conversation.assigned', 'conversation.assigned', 'conversation.resolved', 'conversation.reopened', 'lead.created', 'lead.linked',
    ]);
    expect(written.every((event) => event.conversation_id === id)).to.equal(true);
    expect(written[0]!.data).to.include({ assigneeId: agent.id, actorId: manager.id, accountId: f.accountId, conversationId: id });
    expect(written[1]!.data).to.include({ assigneeId: null, previousAssigneeId: agent.id });
    expect(written[0]!.data.contact).to.include({ phoneE164: '+213555000101' });
    expect(written[4]!.data).to.include({ leadId });
  });

  it('tells of a message’s statuses moving forward, never of a status that did not move', async () => {
    const { id } = await f.conversation({ waId: '213555000102' });
    const message = await sendTextTo(f.context, { conversationId: id }, { text: 'Bonjour' }, null);
    await f.context.dataSource.query(`UPDATE whatsapp_messages SET wamid = 'wamid.X', status = 'sent' WHERE id = $1`, [message.id]);
    const report = (status: string, at: number) => new Map([['wamid.X', [{ status, at: new Date(at), errors: [] }]]]);
    await inTransaction(f.context.dataSource, async (tx) => {
      await applyStatusReports(tx.manager, report('delivered', 2_000));
      await applyStatusReports(tx.manager, report('read', 3_000));
      // A late `delivered` records its time but moves nothing: no event.
      await applyStatusReports(tx.manager, report('delivered', 1_000));
    });
    const written = await events();
    expect(written.map((event) => [event.kind, event.data.message!.status])).to.deep.equal([
      ['message.status_changed', 'delivered'],
      ['message.status_changed', 'read'],
    ]);
    expect(written[0]!.data.message).to.include({ id: message.id, wamid: 'wamid.X', direction: 'outbound', text: 'Bonjour' });
  });

  it('starts a conversation with a new number from the host’s code, and sends interactive buttons in an open one', async () => {
    const refused = await sendTextTo(f.context, { accountId: f.accountId, to: '+213 555 00 01 03' }, { text: 'Hi' }, null).catch((error: Error) => error);
    // Outside the window (the customer never wrote): refused, and nothing was written, not even the conversation.
    expect(refused).to.be.instanceOf(Error).and.to.have.property('reason', 'customer-never-wrote');
    expect(await events()).to.deep.equal([]);
    expect(await f.context.dataSource.query(`SELECT 1 FROM whatsapp_contacts WHERE wa_id = '213555000103'`)).to.deep.equal([]);

    const [{ id: templateId }] = await f.context.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components)
       VALUES ($1, 'hello', 'en', 'APPROVED', 'UTILITY', '[{"type":"BODY","text":"Hello"}]') RETURNING id`,
      [f.accountId],
    );
    const template = await sendTemplateTo(f.context, { accountId: f.accountId, to: '0555 00 01 03' }, { templateId }, null);
    expect(template).to.include({ type: 'template', status: 'queued' });
    const [started] = await events();
    expect(started).to.deep.include({ kind: 'conversation.created', conversation_id: template.conversationId });
    expect(started!.data.contact).to.include({ phoneE164: '+213555000103' });
    const audit = await f.context.dataSource.query(`SELECT kind FROM whatsapp_conversation_events WHERE conversation_id = $1`, [template.conversationId]);
    expect(audit).to.deep.equal([{ kind: 'opened' }]);

    const { id } = await f.conversation({ waId: '213555000104' });
    const buttons = await sendInteractiveTo(
      f.context,
      { conversationId: id },
      { interactive: { type: 'button', body: { text: 'Confirmez-vous ?' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Oui' } }] } } },
      null,
    );
    expect(buttons).to.include({ type: 'interactive', status: 'queued', body: 'Confirmez-vous ?' });
  });
});

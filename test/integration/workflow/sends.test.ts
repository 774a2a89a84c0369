import { expect } from 'chai';
import { reply } from '../../../src/conversations/reply.js';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { sendTemplate } from '../../../src/conversations/send-template.js';
import { rejectionOf } from '../../support/rejection.js';
import { startWorkflowFixture, type WorkflowFixture } from './support/workflow-fixture.js';

describe('workflow: replies and templates sent by an agent', function () {
  this.timeout(30_000);
  let f: WorkflowFixture;
  let templateId: string;
  before(async () => {
    f = await startWorkflowFixture();
    const components = [{ type: 'BODY', text: 'Bonjour {{1}}, votre inscription expire demain.', example: { body_text: [['Amina']] } }];
    [{ id: templateId }] = await f.context.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components) VALUES ($1, 'rappel', 'fr', 'APPROVED', 'UTILITY', $2) RETURNING id`,
      [f.accountId, JSON.stringify(components)],
    );
  });
  after(async () => f.close());

  const replier = () => f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.accountId]]);
  const outbound = async (conversationId: string) =>
    f.context.dataSource.query(`SELECT id, sent_by_id AS "sentById", type FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`, [
      conversationId,
    ]);
  const sendJobs = async () => Number((await f.context.dataSource.query(`SELECT count(*) AS n FROM whatsapp_jobs.job WHERE name = 'whatsapp-send-message'`))[0].n);

  it('queues an agent\'s reply with its audit row, in one transaction', async () => {
    const actor = await replier();
    const { id } = await f.conversation();
    const message = await reply(f.context, { conversationId: id, text: 'Bonjour', actor });
    expect(await outbound(id)).to.deep.equal([{ id: message.id, sentById: actor.id, type: 'text' }]);
    // An unassigned conversation goes to the agent who answers it (the number's default).
    expect(await f.events(id)).to.deep.equal([
      { kind: 'assigned', actorId: actor.id, details: { assigneeId: actor.id, previousAssigneeId: null, reason: 'replied' } },
      { kind: 'replied', actorId: actor.id, details: { messageId: message.id } },
    ]);
  });

  it('queues an agent\'s template with its audit row naming the template', async () => {
    const actor = await replier();
    const { id } = await f.conversation();
    const message = await sendTemplate(f.context, { conversationId: id, templateId, values: { 'body:1': 'Karim' }, actor });
    expect(await f.events(id)).to.deep.equal([
      { kind: 'assigned', actorId: actor.id, details: { assigneeId: actor.id, previousAssigneeId: null, reason: 'replied' } },
      { kind: 'template_sent', actorId: actor.id, details: { messageId: message.id, templateId, templateName: 'rappel', language: 'fr' } },
    ]);
  });

  it('refuses an agent without inbox.reply on the number, or who cannot see the conversation: nothing queued, nothing audited', async () => {
    const viewer = await f.admin('agent', [['inbox.view', f.accountId], ['inbox.reply', f.otherAccountId]]);
    const [owner, other] = [await replier(), await replier()];
    const { id } = await f.conversation();
    const taken = await f.conversation({ assigneeId: owner.id });
    const jobs = await sendJobs();
    await f.refused(() => reply(f.context, { conversationId: id, text: 'Bonjour', actor: viewer }), id, 'not-allowed');
    await f.refused(() => sendTemplate(f.context, { conversationId: id, templateId, values: { 'body:1': 'Karim' }, actor: viewer }), id, 'not-allowed');
    await f.refused(() => reply(f.context, { conversationId: taken.id, text: 'Bonjour', actor: other }), taken.id, 'taken-by-another');
    expect(await outbound(id)).to.deep.equal([]);
    expect(await outbound(taken.id)).to.deep.equal([]);
    expect(await sendJobs()).to.equal(jobs);
  });

  it('leaves no audit row when the send itself is refused (window closed)', async () => {
    const actor = await replier();
    const { id } = await f.conversation();
    await f.context.dataSource.query(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = $1`, [id]);
    const refusal = await rejectionOf(reply(f.context, { conversationId: id, text: 'Bonjour', actor }), OutboundRefusal);
    expect(refusal.reason).to.equal('window-closed');
    expect(await f.events(id)).to.deep.equal([]);
  });

  it('lets the system (no actor) send without permissions and without an audit row', async () => {
    const { id } = await f.conversation();
    await reply(f.context, { conversationId: id, text: 'Automatic answer', actor: null });
    expect(await outbound(id)).to.have.length(1);
    expect(await f.events(id)).to.deep.equal([]);
  });
});

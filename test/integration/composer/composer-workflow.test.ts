import { expect } from 'chai';
import { addNote, markMentionsSeen } from '../../../src/conversations/add-note.js';
import { cannedRepliesFor } from '../../../src/conversations/read/canned-replies.js';
import { loadConversationNotes, loadScheduledMessages } from '../../../src/conversations/read/conversation-notes.js';
import { cancelScheduledMessage, scheduleMessage, sendScheduledMessage } from '../../../src/conversations/scheduled-messages.js';
import { snoozeConversation, unsnoozeConversation, wakeSnoozedConversation } from '../../../src/conversations/snooze-conversation.js';
import { WorkflowRefusal } from '../../../src/conversations/workflow-refusal.js';
import { countUnseenMentions } from '../../../src/live/mention-count.js';
import { loadPermissions } from '../../../src/permissions/load-permissions.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { insertAgent } from '../../support/login-users.js';
import { rejectionOf } from '../../support/rejection.js';
import { startOutboundHarness, type OutboundHarness } from '../outbound/support/outbound-harness.js';

/** Notes and mentions, snooze, scheduled messages and canned replies, on a real database and the sandbox. */
describe('composer workflow', function () {
  this.timeout(60_000);
  let h: OutboundHarness;
  let karim: InboxActor;
  let amina: InboxActor;
  let outsider: InboxActor;
  const sql = (text: string, params: unknown[] = []) => h.context.dataSource.query(text, params);

  const agent = async (id: string, name: string, permissions: string[]): Promise<InboxActor> => {
    await insertAgent(h.context.dataSource, { id, name });
    for (const permission of permissions) await sql(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [id, permission, h.accountId]);
    return { id, role: 'agent', permissions: await loadPermissions(h.context.dataSource, { id, role: 'agent' }) };
  };

  before(async () => {
    h = await startOutboundHarness();
    karim = await agent('karim', 'Karim Haddad', ['inbox.view', 'inbox.reply']);
    amina = await agent('amina', 'Amina Belkacem', ['inbox.view', 'inbox.reply']);
    outsider = await agent('outsider', 'Someone Else', []);
  });
  after(() => h?.close());

  describe('notes and mentions', () => {
    it('keeps a note apart from the messages, and counts a mention for the colleague who may see the conversation', async () => {
      const { conversationId } = await h.conversation();
      const { noteId, mentioned } = await addNote(h.context, { conversationId, body: '  @Amina Belkacem peux-tu rappeler ?  ', mentions: [amina.id, outsider.id, karim.id], actor: karim });
      expect(mentioned).to.deep.equal([amina.id]);
      const [notes] = [await loadConversationNotes(h.context.dataSource, conversationId)];
      expect(notes.map((note) => ({ id: note.id, body: note.body, author: note.author?.name, mentions: note.mentions.map((m) => m.name) }))).to.deep.equal([
        { id: noteId, body: '@Amina Belkacem peux-tu rappeler ?', author: 'Karim Haddad', mentions: ['Amina Belkacem'] },
      ]);
      const [{ count }] = await sql(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE conversation_id = $1`, [conversationId]);
      expect(count, 'a note is never a message').to.equal(0);
      expect(await countUnseenMentions(h.context.dataSource, amina)).to.equal(1);

      expect(await markMentionsSeen(h.context, conversationId, amina.id)).to.equal(1);
      expect(await countUnseenMentions(h.context.dataSource, amina)).to.equal(0);
    });

    it('refuses an empty note, and a note from someone who may not see the conversation', async () => {
      const { conversationId } = await h.conversation();
      expect((await rejectionOf(addNote(h.context, { conversationId, body: '   ', actor: karim }), WorkflowRefusal)).reason).to.equal('note-empty');
      expect((await rejectionOf(addNote(h.context, { conversationId, body: 'x', actor: outsider }), WorkflowRefusal)).reason).to.equal('not-visible');
    });

    it('no longer counts a mention in a conversation given to someone else', async () => {
      const { conversationId } = await h.conversation();
      await addNote(h.context, { conversationId, body: '@Amina', mentions: [amina.id], actor: karim });
      expect(await countUnseenMentions(h.context.dataSource, amina)).to.equal(1);
      await sql(`UPDATE whatsapp_conversations SET assignee_id = $2 WHERE id = $1`, [conversationId, karim.id]);
      expect(await countUnseenMentions(h.context.dataSource, amina)).to.equal(0);
    });
  });

  describe('snooze', () => {
    it('takes the conversation out of the open list until its time, then brings it back', async () => {
      const { conversationId } = await h.conversation();
      const until = new Date(Date.now() + 60_000);
      await snoozeConversation(h.context, { conversationId, until, actor: karim });
      const [snoozed] = await sql(`SELECT status, snoozed_until FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
      expect(snoozed).to.deep.equal({ status: 'snoozed', snoozed_until: until });
      const [job] = await sql(`SELECT start_after FROM whatsapp_jobs.job WHERE name = 'whatsapp-wake-snoozed-conversation' AND data->>'conversationId' = $1`, [conversationId]);
      expect(job.start_after).to.deep.equal(until);

      expect(await wakeSnoozedConversation(h.context, conversationId), 'too early: put off').to.equal('later');
      await sql(`UPDATE whatsapp_conversations SET snoozed_until = now() - interval '1 second' WHERE id = $1`, [conversationId]);
      expect(await wakeSnoozedConversation(h.context, conversationId)).to.equal('woken');
      const [back] = await sql(`SELECT status, snoozed_until FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
      expect(back).to.deep.equal({ status: 'open', snoozed_until: null });
      expect(await wakeSnoozedConversation(h.context, conversationId), 'a second job finds nothing to do').to.equal('not-snoozed');
    });

    it('snoozes until the customer writes, and an agent can bring it back at once; never into the past', async () => {
      const { conversationId } = await h.conversation();
      await snoozeConversation(h.context, { conversationId, until: null, actor: karim });
      expect((await sql(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0].status).to.equal('snoozed');
      await unsnoozeConversation(h.context, { conversationId, actor: karim });
      expect((await sql(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0].status).to.equal('open');
      const refused = await rejectionOf(snoozeConversation(h.context, { conversationId, until: new Date(Date.now() - 1000), actor: karim }), WorkflowRefusal);
      expect(refused.reason).to.equal('snooze-in-the-past');
    });
  });

  describe('scheduled messages', () => {
    it('sends a scheduled text at its time, as its author, through the reply use case', async () => {
      const { conversationId } = await h.conversation();
      const { scheduledId } = await scheduleMessage(h.context, { conversationId, sendAt: new Date(Date.now() + 60_000), content: { kind: 'text', text: 'Rappel : cours demain 9 h' }, actor: karim });
      expect((await loadScheduledMessages(h.context.dataSource, conversationId)).map((s) => [s.status, s.text])).to.deep.equal([['scheduled', 'Rappel : cours demain 9 h']]);
      expect(await sendScheduledMessage(h.context, scheduledId), 'not yet').to.equal('skipped');

      await sql(`UPDATE whatsapp_scheduled_messages SET send_at = now() WHERE id = $1`, [scheduledId]);
      expect(await sendScheduledMessage(h.context, scheduledId)).to.equal('sent');
      expect(await sendScheduledMessage(h.context, scheduledId), 'a second run sends nothing').to.equal('skipped');
      await h.drainSendJobs();
      const [row] = await sql(`SELECT s.status, m.body, m.sent_by_id, m.status AS message_status FROM whatsapp_scheduled_messages s JOIN whatsapp_messages m ON m.id = s.message_id WHERE s.id = $1`, [scheduledId]);
      expect(row).to.deep.include({ status: 'sent', body: 'Rappel : cours demain 9 h', sent_by_id: karim.id });
      expect(row.message_status).to.be.oneOf(['sent', 'delivered', 'read']);
    });

    it('is canceled before it goes; one whose window closed meanwhile fails with the reason', async () => {
      const { conversationId } = await h.conversation();
      const canceled = await scheduleMessage(h.context, { conversationId, sendAt: new Date(Date.now() + 60_000), content: { kind: 'text', text: 'Annulé' }, actor: karim });
      await cancelScheduledMessage(h.context, { scheduledId: canceled.scheduledId, actor: karim });
      await sql(`UPDATE whatsapp_scheduled_messages SET send_at = now() WHERE id = $1`, [canceled.scheduledId]);
      expect(await sendScheduledMessage(h.context, canceled.scheduledId)).to.equal('skipped');

      const late = await scheduleMessage(h.context, { conversationId, sendAt: new Date(Date.now() + 60_000), content: { kind: 'text', text: 'Trop tard' }, actor: karim });
      await sql(`UPDATE whatsapp_scheduled_messages SET send_at = now() WHERE id = $1`, [late.scheduledId]);
      await sql(`UPDATE whatsapp_conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = $1`, [conversationId]);
      expect(await sendScheduledMessage(h.context, late.scheduledId)).to.equal('failed');
      const [failed] = await sql(`SELECT status, failure_key, message_id FROM whatsapp_scheduled_messages WHERE id = $1`, [late.scheduledId]);
      expect(failed).to.deep.equal({ status: 'failed', failure_key: 'serviceWindow.closed', message_id: null });
      const [{ count }] = await sql(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE conversation_id = $1`, [conversationId]);
      expect(count).to.equal(0);
    });

    it('refuses a time in the past', async () => {
      const { conversationId } = await h.conversation();
      const refused = await rejectionOf(scheduleMessage(h.context, { conversationId, sendAt: new Date(Date.now() - 1), content: { kind: 'text', text: 'x' }, actor: karim }), WorkflowRefusal);
      expect(refused.reason).to.equal('schedule-in-the-past');
    });
  });

  describe('canned replies', () => {
    it('offers the shared replies and the agent\'s own, filled for the conversation, naming the placeholders left without a value', async () => {
      const { conversationId, contactId } = await h.conversation();
      await sql(`UPDATE whatsapp_contacts SET profile_name = 'Amina', crm_record_label = 'Lycée Ibn Khaldoun', crm_record_fields = '{"city": "Oran"}' WHERE id = $1`, [contactId]);
      await sql(
        `INSERT INTO whatsapp_canned_replies (shortcut, title, body, language, owner_id) VALUES
           ('bonjour', 'Accueil', 'Bonjour {{contact.name}}, ici {{agent.name}} du {{crm.label}} à {{crm.city}}.', 'fr', NULL),
           ('tarifs', 'Tarifs', 'Nos tarifs, {{ contact.name }} : {{crm.fees}}', NULL, 'karim'),
           ('secret', 'Privé', 'Réponse d’Amina', NULL, 'amina')`,
      );
      const replies = await cannedRepliesFor(h.context.dataSource, { conversationId, agentId: karim.id });
      expect(replies.map((r) => ({ shortcut: r.shortcut, shared: r.shared, text: r.text, missing: r.missing }))).to.deep.equal([
        { shortcut: 'bonjour', shared: true, text: 'Bonjour Amina, ici Karim Haddad du Lycée Ibn Khaldoun à Oran.', missing: [] },
        { shortcut: 'tarifs', shared: false, text: 'Nos tarifs, Amina : {{crm.fees}}', missing: ['crm.fees'] },
      ]);
    });
  });
});

import { expect } from 'chai';
import { newWamid } from '../../../src/sandbox/simulated-deliveries.js';
import type { ConversationEventView, ConversationPanel } from '../../../src/conversations/read/conversation-panel.js';
import type { TimelineMessage } from '../../../src/conversations/read/conversation-timeline.js';
import { startTestBackOffice, type Browser, type RunningBackOffice } from '../../support/test-back-office.js';
import { ACCOUNT, postDelivery, signedInAdmin, waitFor } from './support.js';

interface TimelineAnswer {
  record: { id: string; params: Record<string, unknown>; recordActions?: { name: string }[] };
  messages?: TimelineMessage[];
  hasMore?: boolean;
  updated?: TimelineMessage[];
  panel?: ConversationPanel;
  events?: ConversationEventView[];
  notice?: { message: string; type: string };
}

const CUSTOMER = '213555123456';

describe('conversation view: the timeline action', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;
  let root: { id: string; browser: Browser };
  let accountId: string;
  /** The conversation the simulated customer started: every kind of message, through the webhook and the real processor. */
  let kinds: string;
  const textWamid = newWamid();

  const sql = (text: string, params: unknown[] = []) => office.dataSource.query(text, params);
  const timeline = async (browser: Browser, conversationId: string, query = ''): Promise<TimelineAnswer> => {
    const response = await browser.request(`/admin/api/resources/whatsapp_conversations/records/${conversationId}/timeline${query}`);
    expect(response.status).to.equal(200);
    return response.json();
  };
  const conversation = async (waId: string, columns: Record<string, unknown> = {}): Promise<string> => {
    const [contact] = await sql(`INSERT INTO whatsapp_contacts (account_id, wa_id, profile_name) VALUES ($1, $2, 'Someone') RETURNING id`, [accountId, waId]);
    const names = Object.keys(columns);
    const [row] = await sql(
      `INSERT INTO whatsapp_conversations (account_id, contact_id${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2${names.map((_, i) => `, $${i + 3}`).join('')}) RETURNING id`,
      [accountId, contact.id, ...Object.values(columns)],
    );
    return row.id;
  };

  before(async () => {
    office = await startTestBackOffice({ accounts: [ACCOUNT] });
    [{ id: accountId }] = await sql(`SELECT id FROM whatsapp_accounts`);
    root = await signedInAdmin(office, 'root@example.com', 'super_admin');
    await office.plugin.worker.start();

    const from = { from: CUSTOMER, name: 'Amina Belkacem' };
    await postDelivery(office, 'text', { ...from, wamid: textWamid, text: 'Bonjour <img src=x onerror=alert(1)> https://evil.example/x' });
    for (const kind of ['image', 'video', 'audio', 'voice', 'document', 'sticker', 'location', 'contacts', 'button-reply', 'list-reply', 'flow-reply', 'button', 'order', 'unsupported', 'request-welcome'] as const) {
      await postDelivery(office, kind, from);
    }
    await postDelivery(office, 'text', { ...from, text: 'Je réponds à mon premier message', replyTo: textWamid });
    await postDelivery(office, 'text', { ...from, text: 'Et à un message inconnu', replyTo: 'wamid.NOT-HERE' });
    await postDelivery(office, 'reaction', { ...from, wamid: textWamid, emoji: '❤️' });
    await waitFor('every delivery processed', async () => (await sql(`SELECT count(*)::int AS n FROM whatsapp_webhook_events WHERE status = 'received'`))[0].n === 0);
    [{ id: kinds }] = await sql(`SELECT c.id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [CUSTOMER]);

    // What agents sent: one message at each delivery stage, a failure with Meta's reason, a template.
    const [template] = await sql(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components)
       VALUES ($1, 'rappel_inscription', 'fr', 'APPROVED', 'UTILITY', '[{"type":"BODY","text":"Bonjour"}]') RETURNING id`,
      [accountId],
    );
    const outbound = (status: string, extra = '', values: unknown[] = []) =>
      sql(
        `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, payload, status, sent_by_id${extra ? `, ${extra}` : ''})
         VALUES ($1, 'outbound', 'text', $2, $3, $4, $5${values.map((_, i) => `, $${i + 6}`).join('')})`,
        [kinds, `reply ${status}`, { type: 'text', text: { body: `reply ${status}` } }, status, root.id, ...values],
      );
    for (const status of ['queued', 'sent', 'delivered', 'read']) await outbound(status);
    await outbound('failed', 'error_code, error_title, error_details, error_explanation_key', [
      131047, 'Re-engagement message', 'More than 24 hours have passed', 'metaError.131047',
    ]);
    await sql(
      `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, payload, status, template_id)
       VALUES ($1, 'outbound', 'template', 'Bonjour', $2, 'sent', $3)`,
      [kinds, { type: 'template', template: { name: 'rappel_inscription', language: { code: 'fr' } } }, template.id],
    );
  });
  after(async () => office?.stop());

  it('opens on the latest messages, oldest first, every kind with what the view needs to show it', async () => {
    const answer = await timeline(root.browser, kinds);
    expect(answer.hasMore).to.equal(false);
    const messages = answer.messages!;
    const byType = (type: string) => messages.find((m) => m.type === type)!;
    const times = messages.map((m) => m.createdAt);
    expect(times).to.deep.equal([...times].sort());

    // Customer text is data, exactly as written: the browser renders it as text.
    const text = messages.find((m) => m.wamid === textWamid)!;
    expect(text).to.deep.include({ direction: 'inbound', type: 'text', status: 'received', content: { kind: 'text' } });
    expect(text.body).to.equal('Bonjour <img src=x onerror=alert(1)> https://evil.example/x');

    expect(byType('image').content).to.deep.equal({ kind: 'image', caption: 'Le reçu du paiement' });
    expect(byType('image').media).to.deep.include({ stored: false, mimeType: 'image/jpeg' });
    expect(byType('video').content).to.deep.equal({ kind: 'video', caption: 'Présentation de l’école' });
    expect(messages.filter((m) => m.type === 'audio').map((m) => m.content)).to.have.deep.members([
      { kind: 'audio', voice: false },
      { kind: 'audio', voice: true },
    ]);
    expect(byType('document').content).to.deep.equal({ kind: 'document', fileName: 'reçu-inscription.pdf', caption: 'Dossier d’inscription' });
    expect(byType('document').media).to.deep.include({ fileName: 'reçu-inscription.pdf', mimeType: 'application/pdf' });
    expect(byType('sticker').content).to.deep.equal({ kind: 'sticker', animated: false });
    expect(byType('location').content).to.deep.equal({
      kind: 'location',
      latitude: 35.6971,
      longitude: -0.6308,
      name: 'École Les Oliviers',
      address: 'Boulevard de l’ALN, Oran',
      url: null,
      mapUrl: 'https://www.openstreetmap.org/?mlat=35.6971&mlon=-0.6308#map=16/35.6971/-0.6308',
    });
    expect(byType('contacts').content).to.deep.equal({
      kind: 'contacts',
      contacts: [
        {
          name: 'Karim Haddad',
          organisation: 'Lycée Ibn Khaldoun · Directeur',
          phones: [{ phone: '+213 661 98 76 54', waId: '213661987654', type: 'CELL' }],
          emails: ['karim.haddad@example.dz'],
          urls: [],
        },
      ],
    });
    const interactive = messages
      .filter((m) => m.type === 'interactive')
      .map((m) => m.content as { interactiveType: string })
      .sort((a, b) => a.interactiveType.localeCompare(b.interactiveType));
    expect(interactive).to.deep.equal([
      { kind: 'interactive', interactiveType: 'button_reply', title: 'Oui', description: null, replyId: 'callback_yes', answers: [], options: [] },
      { kind: 'interactive', interactiveType: 'list_reply', title: 'Anglais — niveau A1', description: 'Cours du samedi matin', replyId: 'course_english', answers: [], options: [] },
      {
        kind: 'interactive',
        interactiveType: 'nfm_reply',
        title: 'flow',
        description: null,
        replyId: null,
        answers: [{ key: 'level', value: 'B1' }, { key: 'preferred_day', value: 'samedi' }],
        options: [],
      },
    ]);
    expect(byType('button').content).to.deep.equal({ kind: 'button', text: 'Confirmer', payload: 'CONFIRM_ENROLLMENT' });
    expect(byType('order').content).to.deep.include({ kind: 'order', text: 'Commande pour la rentrée' });
    expect((byType('order').content as { items: unknown[] }).items).to.deep.equal([
      { productId: 'cours-anglais-a1', quantity: 1, price: 12000, currency: 'DZD' },
      { productId: 'manuel-anglais', quantity: 2, price: 1500, currency: 'DZD' },
    ]);
    expect(byType('unsupported')).to.deep.include({ content: { kind: 'unsupported', originalType: 'unsupported' } });
    expect(byType('unsupported').error).to.deep.include({ code: 131051, title: 'Message type unknown' });
    expect(byType('request_welcome').content).to.deep.equal({ kind: 'request_welcome' });
    expect(byType('template').content).to.deep.equal({ kind: 'template', name: 'rappel_inscription', language: 'fr' });
  });

  it('shows reactions on the message they are about, and replies with the message they quote', async () => {
    const messages = (await timeline(root.browser, kinds)).messages!;
    const first = messages.find((m) => m.wamid === textWamid)!;
    expect(first.reactions).to.have.length(1);
    expect(first.reactions[0]).to.deep.include({ emoji: '❤️', from: 'customer' });
    expect(messages.filter((m) => m.type === 'reaction')).to.deep.equal([]);

    const reply = messages.find((m) => m.body === 'Je réponds à mon premier message')!;
    expect(reply.replyToWamid).to.equal(textWamid);
    expect(reply.quoted).to.deep.equal({ id: first.id, direction: 'inbound', type: 'text', body: first.body, fileName: null });
    const orphan = messages.find((m) => m.body === 'Et à un message inconnu')!;
    expect(orphan).to.deep.include({ replyToWamid: 'wamid.NOT-HERE', quoted: null });
  });

  it('gives outbound messages their delivery state, a failure its code, title and explanation key, and the sender', async () => {
    const messages = (await timeline(root.browser, kinds)).messages!.filter((m) => m.direction === 'outbound' && m.type === 'text');
    expect(messages.map((m) => m.status)).to.deep.equal(['queued', 'sent', 'delivered', 'read', 'failed']);
    expect(messages.every((m) => m.sentBy?.name === 'root')).to.equal(true);
    expect(messages[4]!.error).to.deep.equal({
      code: 131047,
      title: 'Re-engagement message',
      details: 'More than 24 hours have passed',
      explanationKey: 'metaError.131047',
    });
    expect(messages[0]!.error).to.equal(null);
  });

  it('fills the panel: contact, matched CRM record, lead, assignee, status, intent and an open window', async () => {
    const [lead] = await sql(`INSERT INTO whatsapp_leads (organisation_name, contact_name, status) VALUES ('Lycée Ibn Khaldoun', 'M. Haddad', 'qualified') RETURNING id`);
    await sql(`UPDATE whatsapp_conversations SET lead_id = $2, assignee_id = $3, intent = 'school' WHERE id = $1`, [kinds, lead.id, root.id]);
    const { panel } = await timeline(root.browser, kinds);
    expect(panel!.contact).to.deep.include({ name: 'Amina Belkacem', profileName: 'Amina Belkacem', phone: '+213555123456', waId: CUSTOMER });
    expect(panel!.crmRecord).to.deep.include({ type: 'organisation', label: 'Lycée Ibn Khaldoun, Alger' });
    expect(panel!.lead).to.deep.include({ id: lead.id, organisationName: 'Lycée Ibn Khaldoun', contactName: 'M. Haddad', status: 'qualified' });
    expect(panel!.assignee).to.deep.equal({ id: root.id, name: 'root', email: 'root@example.com' });
    expect(panel).to.deep.include({ status: 'open', intent: 'school', templateLanguage: 'fr' });
    expect(panel!.account).to.deep.include({ id: accountId, name: 'Oran office' });
    expect(panel!.window.open).to.equal(true);
    const closesAt = Date.parse(panel!.window.closesAt!);
    expect(closesAt - Date.parse(panel!.window.lastInboundAt!)).to.equal(24 * 3600 * 1000);
    expect(panel!.window.remainingMs).to.equal(closesAt - Date.parse(panel!.now));
  });

  it('says when the 24-hour window is closed, and when the customer never wrote', async () => {
    const closed = await conversation('213555000111', { last_inbound_at: new Date(Date.now() - 25 * 3600 * 1000) });
    const never = await conversation('213555000112');
    const closedPanel = (await timeline(root.browser, closed)).panel!;
    expect(closedPanel.window).to.deep.include({ open: false, remainingMs: 0 });
    expect(closedPanel.window.closesAt).to.be.a('string');
    expect((await timeline(root.browser, never)).panel!.window).to.deep.equal({ open: false, closesAt: null, remainingMs: 0, lastInboundAt: null });
  });

  it('shows the audit trail newest first: who did what, with the names it points at', async () => {
    const [lead] = await sql(`INSERT INTO whatsapp_leads (organisation_name) VALUES ('École El Amel') RETURNING id`);
    const id = await conversation('213555000113');
    const event = (kind: string, actor: string | null, details: object, minutesAgo: number) =>
      sql(`INSERT INTO whatsapp_conversation_events (conversation_id, kind, actor_id, details, created_at) VALUES ($1, $2, $3, $4, now() - make_interval(mins => $5))`, [
        id, kind, actor, details, minutesAgo,
      ]);
    await event('opened', null, { wamid: 'wamid.X' }, 30);
    await event('assigned', root.id, { assigneeId: root.id }, 20);
    await event('lead_linked', root.id, { leadId: lead.id }, 10);
    await event('resolved', root.id, { assigneeId: 'not-a-uuid' }, 5);
    const { events } = await timeline(root.browser, id);
    expect(events!.map((e) => [e.kind, e.actor?.name ?? null, e.assigneeName, e.leadName])).to.deep.equal([
      ['resolved', 'root', null, null],
      ['lead_linked', 'root', null, 'École El Amel'],
      ['assigned', 'root', 'root', null],
      ['opened', null, null, null],
    ]);
    expect(events![3]!.details).to.deep.equal({ wamid: 'wamid.X' });
  });

  describe('paging', () => {
    let paged: string;
    let ids: string[];

    before(async () => {
      paged = await conversation('213555000200', { last_inbound_at: new Date() });
      // 120 messages a minute apart, oldest first; two of them share a timestamp (the id breaks the tie).
      const rows = await sql(
        `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at)
         SELECT $1, 'inbound', 'text', 'message ' || i, 'received',
                now() - make_interval(mins => 200 - (CASE WHEN i = 11 THEN 10 ELSE i END))
           FROM generate_series(0, 119) AS i
         RETURNING id, created_at`,
        [paged],
      );
      ids = rows
        .sort((a: { id: string; created_at: Date }, b: { id: string; created_at: Date }) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : 1))
        .map((row: { id: string }) => row.id);
    });

    it('pages back 50 at a time with `before`, without losing or repeating a message, until there is no more', async () => {
      const first = await timeline(root.browser, paged);
      expect(first.messages!.map((m) => m.id)).to.deep.equal(ids.slice(70));
      expect(first.hasMore).to.equal(true);
      const second = await timeline(root.browser, paged, `?before=${first.messages![0]!.id}`);
      expect(second.messages!.map((m) => m.id)).to.deep.equal(ids.slice(20, 70));
      expect(second.hasMore).to.equal(true);
      const third = await timeline(root.browser, paged, `?before=${second.messages![0]!.id}`);
      expect(third.messages!.map((m) => m.id)).to.deep.equal(ids.slice(0, 20));
      expect(third.hasMore).to.equal(false);
    });

    it('reads what is newer than a message with `after`, 50 at a time', async () => {
      const next = await timeline(root.browser, paged, `?after=${ids[59]}`);
      expect(next.messages!.map((m) => m.id)).to.deep.equal(ids.slice(60, 110));
      expect(next.hasMore).to.equal(true);
      const rest = await timeline(root.browser, paged, `?after=${ids[109]}`);
      expect(rest.messages!.map((m) => m.id)).to.deep.equal(ids.slice(110));
      expect(rest.hasMore).to.equal(false);
      expect((await timeline(root.browser, paged, `?after=${ids[119]}`)).messages).to.deep.equal([]);
    });

    it('still finds with `after` a message that committed late with a slightly earlier time than the one shown', async () => {
      const late = await conversation('213555000201');
      const insert = (body: string, secondsAgo: number) =>
        sql(
          `INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at)
           VALUES ($1, 'inbound', 'text', $2, 'received', now() - make_interval(secs => $3)) RETURNING id`,
          [late, body, secondsAgo],
        );
      await insert('long ago', 3600);
      const [{ id: shown }] = await insert('shown', 60);
      await insert('committed late', 70);
      const answer = await timeline(root.browser, late, `?after=${shown}`);
      expect(answer.messages!.map((m) => m.body)).to.deep.equal(['committed late']);
    });

    it('re-reads the visible messages a live update names, and only this conversation’s', async () => {
      await sql(`UPDATE whatsapp_messages SET status = 'read' WHERE id = $1`, [ids[100]]);
      const answer = await timeline(root.browser, paged, `?after=${ids[119]}&ids=${ids[100]},${ids[5]},not-a-uuid`);
      expect(answer.updated!.map((m) => [m.id, m.status])).to.deep.equal([
        [ids[5], 'received'],
        [ids[100], 'read'],
      ]);
      const elsewhere = (await timeline(root.browser, kinds, `?ids=${ids[100]}`)).updated;
      expect(elsewhere).to.deep.equal([]);
    });

    it('answers an empty page for a cursor that is not a message of this conversation', async () => {
      const [other] = await sql(`SELECT id FROM whatsapp_messages WHERE conversation_id = $1 LIMIT 1`, [kinds]);
      expect((await timeline(root.browser, paged, `?before=${other.id}`)).messages).to.deep.equal([]);
      expect((await timeline(root.browser, paged, `?after=not-a-uuid`)).messages).to.deep.equal([]);
    });
  });

  describe('who may read it', () => {
    it('gives an agent the conversations of his number that are his or unassigned', async () => {
      const agent = await signedInAdmin(office, 'agent@example.com', 'agent', [['inbox.view', accountId]]);
      const unassigned = await conversation('213555000300');
      const his = await conversation('213555000301', { assignee_id: agent.id });
      for (const id of [unassigned, his]) {
        const answer = await timeline(agent.browser, id);
        expect(answer.notice).to.equal(undefined);
        expect(answer.panel!.contact.waId).to.be.a('string');
      }
    });

    it('answers the forbidden notice and no data to an agent who may not see the conversation', async () => {
      const agent = await signedInAdmin(office, 'other-agent@example.com', 'agent', [['inbox.view', accountId]]);
      const stranger = await signedInAdmin(office, 'stranger@example.com', 'agent');
      await sql(`UPDATE whatsapp_conversations SET assignee_id = $2 WHERE id = $1`, [kinds, root.id]);
      for (const [browser, id] of [[agent.browser, kinds], [stranger.browser, await conversation('213555000400')]] as const) {
        const answer = await timeline(browser, id);
        expect(answer.notice).to.deep.include({ type: 'error' });
        expect(answer.record.params).to.deep.equal({});
        expect(answer).to.not.have.any.keys('messages', 'panel', 'events', 'updated');
        expect(JSON.stringify(answer)).to.not.contain('Amina');
      }
    });
  });
});

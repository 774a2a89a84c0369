import { expect } from 'chai';
import { eventually } from '../../support/eventually.js';
import { startAssistantOffice, type AssistantOffice } from './assistant-office.js';

interface Run {
  kind: string;
  outcome: string;
  reason: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_micros: string;
  attempts: number;
  error: string | null;
  message_id: string | null;
}

describe('assistant: Answer mode over HTTP, against the fake model', function () {
  this.timeout(180_000);
  let t: AssistantOffice;
  let assistant: string;
  let agentId: string;
  let customer = 213661000100;

  before(async () => {
    t = await startAssistantOffice();
    [{ id: agentId }] = await t.query<{ id: string }>(`SELECT id FROM whatsapp_agents`);
    const base = (await t.adminAction('whatsapp_knowledge_bases', 'new', { name: 'Shop' })).record!.id;
    await t.adminAction('whatsapp_knowledge_base_numbers', 'new', { knowledgeBaseId: base, accountId: t.accountId });
    for (const [question, answer] of [
      ['How much is delivery?', 'Delivery costs 500 DA in Oran and is free above 5000 DA.'],
      ['Quels sont vos horaires ?', 'Nous sommes ouverts du dimanche au jeudi, de 8h à 17h.'],
      ['ما هي طرق الدفع؟', 'نقبل الدفع نقدا عند الاستلام أو بالبطاقة الذهبية.'],
    ]) {
      await t.adminAction('whatsapp_knowledge_entries', 'new', { knowledgeBaseId: base, question: question!, answer: answer! });
    }
    assistant = (
      await t.adminAction('whatsapp_assistants', 'new', {
        name: 'Shop assistant', provider: 'openai', baseUrl: t.model.url, model: 'fake-1', apiKey: 'sk-live-1', inputPricePerMillion: '1.5', outputPricePerMillion: '6',
        currency: 'USD', handoverKeywords: 'refund\nremboursement', maxExchanges: '3', answersPerHour: '10', maxRetries: '1', timeoutMs: '2000', handoverAgentId: agentId,
      })
    ).record!.id;
    await t.adminAction('whatsapp_assistant_numbers', 'new', { accountId: t.accountId, assistantId: assistant, mode: 'answer' });
  });
  after(async () => t.stop());
  beforeEach(() => t.model.reset());

  /** A new customer writes; answers the conversation's id once the assistant's run for it exists. */
  const write = async (text: string, options: { from?: string; timestamp?: number } = {}) => {
    const from = options.from ?? String(customer++);
    expect((await t.office.deliver('text', { from, text, timestamp: options.timestamp })).status).to.equal(200);
    const conversation = await eventually(async () => (await t.query<{ id: string }>(
      `SELECT c.id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [from]))[0]?.id);
    return { from, conversation };
  };
  const runs = (conversation: string) =>
    t.query<Run>(`SELECT kind, outcome, reason, input_tokens, output_tokens, cost_micros, attempts, error, message_id FROM whatsapp_assistant_runs WHERE conversation_id = $1 ORDER BY created_at`, [conversation]);
  const runCount = async (conversation: string, count: number) => eventually(async () => ((await runs(conversation)).length >= count ? runs(conversation) : undefined), 30_000);
  const outbound = (conversation: string) =>
    t.query<{ body: string; automation: string | null; status: string; sent_by_id: string | null }>(
      `SELECT body, automation, status, sent_by_id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound' ORDER BY created_at`, [conversation]);
  const audit = (conversation: string) =>
    t.query<{ kind: string; actor_id: string | null; details: Record<string, unknown> }>(`SELECT kind, actor_id, details FROM whatsapp_conversation_events WHERE conversation_id = $1 ORDER BY created_at`, [conversation]);

  // The processor queues an answer job with the message it stores, in one transaction: once the
  // message is there, whether a job exists is settled.
  const secondMessage = (conversation: string) =>
    eventually(async () => (await t.query<{ id: string }>(
      `SELECT id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'inbound' ORDER BY created_at OFFSET 1`, [conversation]))[0]?.id);
  const answerJobFor = async (messageId: string) =>
    (await t.query<{ jobs: number }>(`SELECT count(*)::int AS jobs FROM whatsapp_jobs.job WHERE name = 'whatsapp-assistant-answer' AND data->>'messageId' = $1`, [messageId]))[0]!.jobs;

  it('answers from the knowledge, marked AI, sent through the pipeline, with its tokens and cost', async () => {
    const { conversation } = await write('Hi! how much is the delivery to Oran?');
    const [run] = await runCount(conversation, 1);
    expect(run).to.include({ kind: 'answer', outcome: 'answered', attempts: 1 });
    expect(run!.input_tokens).to.be.greaterThan(0);
    expect(Number(run!.cost_micros)).to.equal(Math.round(run!.input_tokens * 1.5 + run!.output_tokens * 6));
    const [message] = await outbound(conversation);
    expect(message).to.include({ body: 'Delivery costs 500 DA in Oran and is free above 5000 DA.', automation: 'assistant', sent_by_id: null });
    await eventually(async () => ((await outbound(conversation))[0]!.status === 'sent' ? true : undefined));
    expect((await audit(conversation)).map((e) => e.kind)).to.include('assistant_replied');
    // The prompt: the rules first, this conversation's message as the user's turn, the passage numbered.
    const request = t.model.requests.find((r) => r.path === '/v1/chat/completions')!.body as { messages: { role: string; content: string }[] };
    expect(request.messages[0]!.role).to.equal('system');
    expect(request.messages[0]!.content).to.match(/^You answer customers of this business on WhatsApp\./).and.contain('[1] How much is delivery? Delivery costs 500 DA');
    expect(request.messages.slice(1)).to.deep.equal([{ role: 'user', content: 'Hi! how much is the delivery to Oran?' }]);
  });

  it('answers in French and in Arabic from entries in those languages', async () => {
    const french = await write('Bonjour, quels sont vos horaires d’ouverture ?');
    await runCount(french.conversation, 1);
    expect((await outbound(french.conversation))[0]!.body).to.equal('Nous sommes ouverts du dimanche au jeudi, de 8h à 17h.');
    const arabic = await write('السلام عليكم، ما هي طرق الدفع المتاحة؟');
    await runCount(arabic.conversation, 1);
    expect((await outbound(arabic.conversation))[0]!.body).to.equal('نقبل الدفع نقدا عند الاستلام أو بالبطاقة الذهبية.');
  });

  for (const [reason, text] of [
    ['asked_for_human', 'Je veux parler à un conseiller svp'],
    ['asked_for_human', 'ممكن أتكلم مع موظف؟'],
    ['keyword', 'I want a REFUND for my order'],
    ['no_passage', 'Do you repair bicycles?'],
  ] as const) {
    it(`hands over to a person (${reason}: “${text}”), with the reason in the audit trail, and stays quiet afterwards`, async () => {
      const { from, conversation } = await write(text);
      const [run] = await runCount(conversation, 1);
      expect(run).to.include({ outcome: 'handed_over', reason });
      expect(await outbound(conversation)).to.deep.equal([]);
      const events = await audit(conversation);
      const handover = events.find((e) => e.kind === 'assistant_handed_over')!;
      expect(handover.details).to.include({ reason, assigneeId: agentId });
      expect(events.find((e) => e.kind === 'assigned')!.details).to.include({ assigneeId: agentId, byAssistant: true });
      const notes = await t.query<{ body: string; author_id: string | null }>(`SELECT body, author_id FROM whatsapp_conversation_notes WHERE conversation_id = $1`, [conversation]);
      expect(notes).to.have.length(1);
      expect(notes[0]!.author_id).to.equal(null);
      expect(notes[0]!.body).to.match(/^The AI assistant handed this conversation over: .+\.$/);
      const [state] = await t.query<{ assignee_id: string }>(`SELECT assignee_id FROM whatsapp_conversations WHERE id = $1`, [conversation]);
      expect(state!.assignee_id).to.equal(agentId);
      // Handed over: the next question is the person's, even one the knowledge answers.
      await t.office.deliver('text', { from, text: 'How much is delivery?' });
      expect(await answerJobFor(await secondMessage(conversation))).to.equal(0);
      expect(await runs(conversation)).to.have.length(1);
      expect(await outbound(conversation)).to.deep.equal([]);
    });
  }

  it('hands over after the configured number of exchanges', async () => {
    const { from, conversation } = await write('How much is delivery?');
    await runCount(conversation, 1);
    for (const count of [2, 3]) {
      await t.office.deliver('text', { from, text: `And the delivery price again? (${count})` });
      await runCount(conversation, count);
    }
    await t.office.deliver('text', { from, text: 'delivery?' });
    const all = await runCount(conversation, 4);
    expect(all.map((r) => [r.outcome, r.reason])).to.deep.equal([['answered', null], ['answered', null], ['answered', null], ['handed_over', 'max_exchanges']]);
    expect(await outbound(conversation)).to.have.length(3);
  });

  it('hands over at the hourly cap of answers', async () => {
    await t.query(`UPDATE whatsapp_assistants SET answers_per_hour = 1 WHERE id = $1`, [assistant]);
    try {
      const { from, conversation } = await write('How much is delivery?');
      await runCount(conversation, 1);
      await t.office.deliver('text', { from, text: 'delivery to Blida?' });
      const all = await runCount(conversation, 2);
      expect(all.map((r) => r.reason)).to.deep.equal([null, 'hourly_cap']);
      expect(await outbound(conversation)).to.have.length(1);
    } finally {
      await t.query(`UPDATE whatsapp_assistants SET answers_per_hour = 10 WHERE id = $1`, [assistant]);
    }
  });

  it('sends nothing to a customer who opted out, nor outside the 24-hour window', async () => {
    const { from, conversation } = await write('How much is delivery?');
    await runCount(conversation, 1);
    await t.query(`UPDATE whatsapp_contacts SET marketing_opted_out_at = now() WHERE wa_id = $1`, [from]);
    await t.office.deliver('text', { from, text: 'How much is delivery?' });
    const all = await runCount(conversation, 2);
    expect(all[1]).to.include({ outcome: 'skipped', reason: 'opted_out' });

    const late = await write('How much is delivery?', { timestamp: Math.floor(Date.now() / 1000) - 25 * 3600 });
    const [run] = await runCount(late.conversation, 1);
    expect(run).to.include({ outcome: 'skipped', reason: 'window_closed' });
    expect(await outbound(conversation)).to.have.length(1);
    expect(await outbound(late.conversation)).to.deep.equal([]);
  });

  it('answers only in the hours chosen for it, against the number’s business hours', async () => {
    // Business hours on, and no opening hours: the number is closed.
    await t.query(`INSERT INTO whatsapp_automation_settings (account_id, business_hours_enabled) VALUES ($1, true)`, [t.accountId]);
    await t.query(`UPDATE whatsapp_assistants SET answer_hours = 'business_hours' WHERE id = $1`, [assistant]);
    try {
      const closed = await write('How much is delivery?');
      expect((await runCount(closed.conversation, 1))[0]).to.include({ outcome: 'skipped', reason: 'outside_hours' });
      await t.query(`UPDATE whatsapp_assistants SET answer_hours = 'outside_business_hours' WHERE id = $1`, [assistant]);
      const after = await write('How much is delivery?');
      expect((await runCount(after.conversation, 1))[0]).to.include({ outcome: 'answered' });
    } finally {
      await t.query(`DELETE FROM whatsapp_automation_settings WHERE account_id = $1`, [t.accountId]);
      await t.query(`UPDATE whatsapp_assistants SET answer_hours = 'always' WHERE id = $1`, [assistant]);
    }
  });

  it('retries a 429 and a 500, and hands over when the provider keeps failing', async () => {
    t.model.fail({ status: 429, retryAfter: 0 });
    const retried = await write('How much is delivery?');
    const [ok] = await runCount(retried.conversation, 1);
    expect(ok).to.include({ outcome: 'answered', attempts: 2 });

    t.model.fail({ status: 503, times: 2 });
    const failed = await write('How much is delivery?');
    const [run] = await runCount(failed.conversation, 1);
    expect(run).to.include({ outcome: 'handed_over', reason: 'provider_error', attempts: 2 });
    expect(run!.error).to.match(/^http: HTTP 503/);
    expect(await outbound(failed.conversation)).to.deep.equal([]);
    t.model.fail({ status: 401 });
    const refused = await write('How much is delivery?');
    const [once] = await runCount(refused.conversation, 1);
    expect(once).to.include({ reason: 'provider_error', attempts: 1 });
  });

  it('gives up on a provider that does not answer within the timeout, and hands over', async () => {
    t.model.fail({ delayMs: 4000 });
    const { conversation } = await write('How much is delivery?');
    const [run] = await runCount(conversation, 1);
    expect(run).to.include({ outcome: 'handed_over', reason: 'provider_error', attempts: 1 });
    expect(run!.error).to.equal('timeout: no answer within 2000 ms');
  });

  it('lets an agent take over a conversation, and turn the assistant back on', async () => {
    const { from, conversation } = await write('How much is delivery?');
    await runCount(conversation, 1);
    const taken = await t.assistantApi(`/conversations/${conversation}/take-over`, { method: 'POST' });
    expect(taken.body).to.include({ changed: true });
    const view = await t.assistantApi(`/conversations/${conversation}`);
    expect(view.body).to.include({ mode: 'off', conversationMode: 'off', numberMode: 'answer', available: true });
    await t.office.deliver('text', { from, text: 'How much is delivery to Blida?' });
    expect(await answerJobFor(await secondMessage(conversation))).to.equal(0);
    expect(await runs(conversation)).to.have.length(1);
    expect((await audit(conversation)).filter((e) => e.kind === 'assistant_mode_changed').map((e) => [e.actor_id, e.details.mode])).to.deep.equal([[agentId, 'off']]);

    await t.assistantApi(`/conversations/${conversation}/mode`, { method: 'POST', json: { mode: null } });
    await t.office.deliver('text', { from, text: 'delivery price please' });
    const all = await runCount(conversation, 2);
    expect(all[1]).to.include({ outcome: 'answered' });
  });

  it('counts the AI answers in the reports: automatic replies, never agents’, and the assistant’s table with tokens and cost', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await t.browser.request(`/admin/api/pages/whatsappReports?${new URLSearchParams({ from: today, to: today, timeZone: 'UTC' })}`);
    const { report } = (await response.json()) as { report: { overview: { humanReplies: number; automaticReplies: number }; assistant: Record<string, unknown>[] } };
    const [{ answered, cost }] = await t.query<{ answered: number; cost: string }>(
      `SELECT count(*)::int AS answered, sum(cost_micros)::text AS cost FROM whatsapp_assistant_runs WHERE kind = 'answer' AND outcome = 'answered'`);
    const [{ sent }] = await t.query<{ sent: number }>(`SELECT count(*)::int AS sent FROM whatsapp_messages WHERE automation = 'assistant'`);
    expect(sent).to.equal(answered);
    expect(report.overview.humanReplies).to.equal(0);
    expect(report.overview.automaticReplies).to.equal(sent);
    const row = report.assistant.find((r) => r.kind === 'answer' && r.outcome === 'answered')!;
    expect(row).to.include({ runs: answered, costMicros: Number(cost), currency: 'USD', number: 'Sandbox number (simulated)' });
    expect(report.assistant.filter((r) => r.outcome === 'handed_over').map((r) => r.reason)).to.include.members(['asked_for_human', 'keyword', 'no_passage', 'max_exchanges']);
  });
});

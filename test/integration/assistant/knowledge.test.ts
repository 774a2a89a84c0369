import { expect } from 'chai';
import { minimalPdf } from '../../support/minimal-pdf.js';
import { insertLoginUser } from '../../support/login-users.js';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { Browser } from '../../support/test-back-office.js';
import { startAssistantOffice, type AssistantOffice } from './assistant-office.js';

describe('assistant: knowledge bases over HTTP', function () {
  this.timeout(120_000);
  let t: AssistantOffice;
  let base: string;

  before(async () => {
    t = await startAssistantOffice();
    const created = await t.adminAction('whatsapp_knowledge_bases', 'new', { name: 'École Ibn Khaldoun', description: 'FAQ' });
    base = created.record!.id;
  });
  after(async () => t.stop());

  const passagesFor = async (question: string, assistantId?: string) => {
    const { status, body } = await t.assistantApi(`/knowledge/${base}/test`, { method: 'POST', json: { question, assistantId } });
    expect(status, JSON.stringify(body)).to.equal(200);
    return body as { passages: { content: string }[]; answer?: { text: string | null; reason: string | null; inputTokens: number; outputTokens: number; costMicros: number } };
  };
  const upload = async (fileName: string, data: Buffer | string, contentType = 'application/octet-stream') => {
    const answer = await t.assistantApi(`/knowledge/${base}/files`, { method: 'POST', body: Buffer.from(data), fileName, contentType });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    await t.indexed(base);
    return answer.body;
  };

  it('finds an FAQ entry written in the back office at once, as soon as it is saved', async () => {
    const saved = await t.adminAction('whatsapp_knowledge_entries', 'new', {
      knowledgeBaseId: base,
      question: 'What are your opening hours?',
      answer: 'We are open Sunday to Thursday, 8:00 to 17:00.',
    });
    expect(saved.record?.errors ?? {}).to.deep.equal({});
    const found = await passagesFor('When are you open? what hours');
    expect(found.passages.map((p) => p.content)).to.deep.equal(['What are your opening hours? We are open Sunday to Thursday, 8:00 to 17:00.']);
  });

  it('makes each CSV row an entry, found in French whatever the accents', async () => {
    const csv = 'question;réponse\n"Quels sont les frais d\'inscription ?";"L\'inscription coûte 15 000 DA par an."\n"Proposez-vous le transport scolaire ?";"Oui, un bus dessert Oran centre."\n';
    const uploaded = await upload('faq.csv', csv, 'text/csv');
    expect(uploaded).to.include({ kind: 'csv', entries: 2 });
    const found = await passagesFor('les frais d inscription a l ecole');
    expect(found.passages[0]!.content).to.contain('15 000 DA');
    const [{ entries }] = await t.query<{ entries: number }>(`SELECT count(*)::int AS entries FROM whatsapp_knowledge_entries WHERE knowledge_base_id = $1`, [base]);
    expect(entries).to.equal(3);
  });

  it('indexes plain text and Markdown, and finds Arabic written with other letter forms', async () => {
    await upload('arabe.txt', 'التسجيل مفتوح من شهر أيار إلى شهر تموز.\n\nالزي المدرسي إلزامي لجميع التلاميذ.', 'text/plain');
    await upload('livraison.md', '# Cantine\n\nLa **cantine** sert des repas chauds chaque midi, menu affiché le dimanche.', 'text/markdown');
    const arabic = await passagesFor('متى يفتح التسجيل؟');
    expect(arabic.passages[0]!.content).to.contain('التسجيل مفتوح');
    const markdown = await passagesFor('Y a-t-il une cantine ?');
    expect(markdown.passages[0]!.content).to.equal('Cantine\n\nLa cantine sert des repas chauds chaque midi, menu affiché le dimanche.');
  });

  it('extracts the text of a PDF with PDF.js and finds it', async () => {
    const uploaded = await upload('reglement.pdf', minimalPdf(['Règlement intérieur', 'Les cours commencent à 8h15 précises.', 'Les retards répétés sont signalés aux parents.']));
    expect(uploaded).to.include({ kind: 'pdf' });
    const [document] = await t.query<{ text: string }>(`SELECT text FROM whatsapp_knowledge_documents WHERE file_name = 'reglement.pdf'`);
    expect(document!.text).to.contain('Les cours commencent à 8h15 précises.');
    const found = await passagesFor('a quelle heure commencent les cours ?');
    expect(found.passages[0]!.content).to.contain('8h15');
  });

  it('takes a document past the back office’s 1 MB body limit, up to its own 10 MB', async () => {
    const big = Array.from({ length: 14_000 }, (_, i) => `Paragraphe ${i} du catalogue des fournitures scolaires, édition complète.`).join('\n\n');
    expect(Buffer.byteLength(big)).to.be.greaterThan(1_000_000);
    await upload('catalogue.txt', big, 'text/plain');
    const tooBig = await t.assistantApi(`/knowledge/${base}/files`, { method: 'POST', body: Buffer.alloc(11 * 1024 * 1024, 'a'), fileName: 'huge.txt', contentType: 'text/plain' });
    expect(tooBig.status).to.equal(413);
  });

  it('returns no passage for a question nothing in the base answers', async () => {
    expect((await passagesFor('Do you sell second-hand cars?')).passages).to.deep.equal([]);
    expect((await passagesFor('what is it?')).passages).to.deep.equal([]);
  });

  it('refuses what it cannot read, and an empty file', async () => {
    const refused = await t.assistantApi(`/knowledge/${base}/files`, { method: 'POST', body: Buffer.from('%PDF-1.4 broken'), fileName: 'broken.pdf' });
    expect(refused.status).to.equal(422);
    expect((refused.body.notice as { message: string }).message).to.equal('assistant.refusal.fileUnreadable');
    const kind = await t.assistantApi(`/knowledge/${base}/files`, { method: 'POST', body: Buffer.from('x'), fileName: 'photo.jpg' });
    expect((kind.body.notice as { message: string }).message).to.equal('assistant.refusal.fileKind');
  });

  it('re-indexes in the background with its progress, the passages the same afterwards', async () => {
    const before = await t.query<{ content: string }>(`SELECT content FROM whatsapp_knowledge_chunks WHERE knowledge_base_id = $1 ORDER BY content`, [base]);
    const queued = await t.assistantApi(`/knowledge/${base}/reindex`, { method: 'POST' });
    expect(queued.body.status).to.equal('queued');
    await t.indexed(base);
    const { body } = await t.assistantApi(`/knowledge/${base}/progress`);
    expect(body).to.include({ status: 'idle', done: before.length, total: before.length, passages: before.length });
    const after = await t.query<{ content: string }>(`SELECT content FROM whatsapp_knowledge_chunks WHERE knowledge_base_id = $1 ORDER BY content`, [base]);
    expect(after).to.deep.equal(before);
  });

  it('answers a test question with a chosen assistant, its tokens and cost shown', async () => {
    const created = await t.adminAction('whatsapp_assistants', 'new', {
      name: 'Test', provider: 'openai', baseUrl: t.model.url, model: 'fake-1', apiKey: 'sk-test-123', inputPricePerMillion: '2', outputPricePerMillion: '8', currency: 'USD',
    });
    const tested = await passagesFor('Quels sont les frais d’inscription ?', created.record!.id);
    expect(tested.answer!.text).to.equal("L'inscription coûte 15 000 DA par an.");
    expect(tested.answer!.inputTokens).to.be.greaterThan(0);
    expect(tested.answer!.costMicros).to.equal(tested.answer!.inputTokens * 2 + tested.answer!.outputTokens * 8);
    expect(t.model.requests.at(-1)!.authorization).to.equal('Bearer sk-test-123');
    const [sealed] = await t.query<{ key: string }>(`SELECT api_key_encrypted AS key FROM whatsapp_assistants WHERE id = $1`, [created.record!.id]);
    expect(sealed!.key).to.match(/^v1\./).and.not.contain('sk-test-123');
  });

  it('keeps knowledge bases to those who manage the assistant', async () => {
    await insertLoginUser(t.office.dataSource, { email: 'agent@example.com', name: 'Agent', role: 'agent', passwordHash: await hashPassword('another long password') });
    const agent = new Browser(t.office.baseUrl);
    await agent.login('agent@example.com', 'another long password');
    const response = await agent.request(`/admin/whatsapp/assistant/knowledge/${base}/test`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'frais' }),
    });
    expect(response.status).to.equal(422);
    expect((await response.json()).notice.message).to.equal('inbox.refusal.notAllowed');
  });
});

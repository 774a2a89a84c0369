import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { ROOT, startAssistantOffice, type AssistantOffice } from '../assistant/assistant-office.js';

/**
 * The AI assistant in a real browser, against the back office, the sandbox Graph API and the
 * sandbox's fake model: an automatic answer appears in the thread marked AI, then a customer who
 * asks for a person is handed over, which the side panel, the audit trail and a private note say;
 * in Suggest mode, a draft lands in the composer with its passages and goes only when the agent sends it.
 */
describe('the AI assistant in a real browser', function () {
  this.timeout(180_000);
  let t: AssistantOffice;
  let browser: Browser;
  let page: Page;
  const from = '213663000001';

  before(async function () {
    requireChromium(this);
    t = await startAssistantOffice();
    const base = (await t.adminAction('whatsapp_knowledge_bases', 'new', { name: 'Shop' })).record!.id;
    await t.adminAction('whatsapp_knowledge_base_numbers', 'new', { knowledgeBaseId: base, accountId: t.accountId });
    await t.adminAction('whatsapp_knowledge_entries', 'new', { knowledgeBaseId: base, question: 'How much is delivery?', answer: 'Delivery costs 500 DA in Oran.' });
    const assistant = (await t.adminAction('whatsapp_assistants', 'new', { name: 'Shop assistant', provider: 'openai', baseUrl: t.model.url, model: 'fake-1' })).record!.id;
    await t.adminAction('whatsapp_assistant_numbers', 'new', { accountId: t.accountId, assistantId: assistant, mode: 'answer' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAs(page, t.office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('shows an automatic answer marked AI, then a hand-over to a person in the side panel and the audit trail', async () => {
    await t.office.deliver('text', { from, name: 'Karim', text: 'Hello, how much is delivery?' });
    const conversationId = await eventually(async () => (await t.query<{ id: string }>(`SELECT id FROM whatsapp_conversations`))[0]?.id);
    await page.goto(`${t.office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
    const answer = page.locator('[data-testid=message][data-direction=outbound]', { hasText: 'Delivery costs 500 DA in Oran.' });
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.locator('[data-testid=automatic-mark]').innerText()).to.equal('AI assistant');
    const panel = page.locator('[data-testid=panel-assistant]');
    expect(await panel.locator('[data-testid=assistant-mode] option:checked').innerText()).to.equal('As the number (Answers by itself)');

    await t.office.deliver('text', { from, text: 'I want to speak to a real person please' });
    const handedOver = panel.locator('[data-testid=assistant-handed-over]');
    await handedOver.waitFor({ timeout: 30_000 });
    expect(await handedOver.innerText()).to.equal('Handed to a person: the customer asked for a person.');
    await page.locator('[data-testid=audit-event][data-kind=assistant_handed_over]').waitFor();
    expect(await page.locator('[data-testid=audit-event][data-kind=assistant_handed_over]').innerText()).to.contain(
      'AI: the assistant handed the conversation to a person (the customer asked for a person)',
    );
    expect(await page.locator('[data-testid=message][data-direction=outbound]').count()).to.equal(1);
    await shot('assistant-hand-over');
  });

  it('puts a suggested reply into the composer, with the passages it used, and sends nothing until the agent does', async () => {
    await t.query(`UPDATE whatsapp_assistant_numbers SET mode = 'suggest' WHERE account_id = $1`, [t.accountId]);
    const other = '213663000002';
    await t.office.deliver('text', { from: other, name: 'Nadia', text: 'Bonsoir, how much is delivery to Oran?' });
    const conversationId = await eventually(async () => (await t.query<{ id: string }>(
      `SELECT c.id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [other]))[0]?.id);
    await page.goto(`${t.office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
    await page.locator('[data-testid=message][data-direction=inbound]').first().waitFor();
    await page.locator('[data-testid=assistant-suggest]').click();
    const box = page.locator('[data-testid=reply-text]');
    await eventually(async () => ((await box.inputValue()) === 'Delivery costs 500 DA in Oran.' ? true : undefined));
    expect(await page.locator('[data-testid=assistant-passage]').allInnerTexts()).to.deep.equal(['How much is delivery? Delivery costs 500 DA in Oran.']);
    expect(await t.query(`SELECT 1 FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`, [conversationId])).to.deep.equal([]);
    await shot('assistant-suggestion');
    await box.press('Enter');
    const sent = await eventually(async () => (await t.query<{ body: string; automation: string | null; sent_by_id: string | null }>(
      `SELECT body, automation, sent_by_id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'outbound'`, [conversationId]))[0]);
    expect(sent.body).to.equal('Delivery costs 500 DA in Oran.');
    expect(sent.automation).to.equal(null);
    expect(sent.sent_by_id).to.not.equal(null);
  });
});

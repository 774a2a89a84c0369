import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { waitFor } from '../processor/support/wait-for.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/**
 * The record feature on the example host's own resource (its organisations), in a real browser:
 * the record shows its WhatsApp conversation under another spelling of its phone, sends free text
 * inside the 24-hour window and a template outside it, offers click-to-chat with a QR code, and
 * the host's activity timeline (its own `activities` table) fills from the plugin's events.
 */
describe('WhatsApp on the host’s own records, in a real browser', function () {
  this.timeout(180_000);
  let office: SandboxBackOffice;
  let browser: Browser;
  let page: Page;
  let ibnKhaldoun: number;
  let elAmel: number;

  before(async function () {
    requireChromium(this);
    office = await startSandboxBackOffice();
    await office.ensureFirstAdmin(ROOT);
    [{ id: ibnKhaldoun }] = await office.dataSource.query(`SELECT id FROM crm_organisations WHERE phone_e164 = '+213555123456'`);
    [{ id: elAmel }] = await office.dataSource.query(`SELECT id FROM crm_organisations WHERE phone_e164 = '+213661987654'`);
    // The organisation's record keeps its phone as +213555123456; WhatsApp spells it 213555123456.
    expect((await office.deliver('text', { from: '213555123456', name: 'Lycée Ibn Khaldoun', text: 'Bonjour, avez-vous reçu notre dossier ?' })).status).to.equal(200);
    await waitFor('the customer’s conversation', async () => (await office.dataSource.query(`SELECT id FROM whatsapp_conversations`)).length > 0);
    await waitFor('the sandbox’s templates', async () => (await office.dataSource.query(`SELECT 1 FROM whatsapp_templates WHERE status = 'APPROVED'`)).length > 0);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await signInAs(page, office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  const panel = () => page.locator('[data-testid=whatsapp-on-record]');
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('shows the record’s conversation and last messages, and sends free text inside the window', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/crm_organisations/records/${ibnKhaldoun}/show`);
    await panel().locator('[data-testid=record-messages]').waitFor();
    expect(await panel().innerText()).to.include('avez-vous reçu notre dossier');
    await panel().locator('[data-testid=record-text]').fill('Oui, nous vous rappelons demain.');
    await panel().locator('[data-testid=record-send]').click();
    await panel().locator('[data-testid=record-messages]').getByText('Oui, nous vous rappelons demain.').waitFor();
    expect(await panel().locator('[data-testid=record-text]').inputValue()).to.equal('');
    const [sent] = await office.dataSource.query(
      `SELECT m.direction, ct.wa_id, (SELECT count(*)::int FROM whatsapp_conversations) AS conversations
         FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
         JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE m.body = 'Oui, nous vous rappelons demain.'`,
    );
    // Sent in the customer's own conversation, to the spelling WhatsApp gave: no second contact.
    expect(sent).to.deep.equal({ direction: 'outbound', wa_id: '213555123456', conversations: 1 });
    await shot('record-feature-window-open');
  });

  it('fills the host’s own activity timeline from the plugin’s events', async () => {
    await waitFor('the sent message’s activity', async () =>
      (await office.dataSource.query(`SELECT 1 FROM activities WHERE record_id = $1 AND kind = 'message.sent'`, [String(ibnKhaldoun)])).length > 0);
    await page.reload();
    const activities = page.locator('[data-testid=record-activities] [data-testid=activity]');
    await activities.first().waitFor();
    expect(await page.locator('[data-testid=record-activities]').innerText()).to.include('Oui, nous vous rappelons demain.');
    const [{ count, distinct }] = await office.dataSource.query(`SELECT count(*)::int AS count, count(DISTINCT source_event_id)::int AS distinct FROM activities`);
    expect(count).to.equal(distinct);
  });

  it('outside the window offers only a template, and sends it to a number that never wrote', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/crm_organisations/records/${elAmel}/show`);
    await panel().waitFor();
    expect(await panel().locator('[data-testid=record-text]').count()).to.equal(0);
    await panel().locator('.adminjs_Select').first().click();
    await page.getByText('hello_world (en_US)', { exact: true }).first().click();
    await panel().locator('[data-testid=record-send]').click();
    await waitFor('the template message', async () => (await office.dataSource.query(
      `SELECT 1 FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id JOIN whatsapp_contacts ct ON ct.id = c.contact_id
        WHERE ct.wa_id = '213661987654' AND m.type = 'template'`,
    )).length > 0);
    // The new contact is known to the CRM at once (the host's contact matchers), as if the customer had written first.
    const [contact] = await office.dataSource.query(`SELECT crm_record_type, crm_record_id FROM whatsapp_contacts WHERE wa_id = '213661987654'`);
    expect(contact).to.deep.equal({ crm_record_type: 'organisation', crm_record_id: String(elAmel) });
    await shot('record-feature-template');
  });

  it('offers click-to-chat: a wa.me link with the prefilled text, and its QR code', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/crm_organisations/records/${ibnKhaldoun}/show`);
    const link = panel().locator('[data-testid=wa-me-link]');
    await link.waitFor();
    expect(await link.getAttribute('href')).to.equal('https://wa.me/213555123456');
    const qr = panel().locator('[data-testid=click-to-chat] img');
    expect(await qr.getAttribute('src')).to.match(/^data:image\/svg\+xml/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).to.be.greaterThan(0);
    await panel().locator('[data-testid=click-to-chat] .adminjs_Select').click();
    await page.getByText('hello_world (en_US)', { exact: true }).last().click();
    await waitFor('the prefilled link', async () => ((await link.getAttribute('href')) ?? '').includes('?text=Welcome'));
  });

  it('puts a WhatsApp action on the host’s list', async () => {
    // Each row of the list carries the record actions AdminJS offers on it.
    const list = await page.evaluate(async () => (await fetch('/admin/api/resources/crm_organisations/actions/list')).json());
    const rows = (list as { records: { recordActions: { name: string }[] }[] }).records;
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((row) => row.recordActions.some((action) => action.name === 'whatsapp'))).to.equal(true);
    await page.goto(`${office.baseUrl}/admin/resources/crm_organisations/records/${ibnKhaldoun}/whatsapp`);
    await panel().waitFor();
    expect(await panel().innerText()).to.include('213555123456');
  });
});

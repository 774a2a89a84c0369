import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, requireChromium } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/**
 * The Inbox page in a real browser against the sandbox: signed Meta-shaped deliveries arrive
 * while the agent looks at the list, which updates without a reload; search in French and Arabic
 * opens the conversation at the message; labels go on from the thread and filter the list; the
 * keyboard works. Screenshots in English and Arabic land in test-artifacts/screenshots.
 */
describe('the Inbox page in a real browser', function () {
  this.timeout(180_000);
  let office: SandboxBackOffice;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const rows = () => page.locator('[data-testid=conversation-row]');
  const row = (name: string) => rows().filter({ has: page.locator('[data-testid=row-name]', { hasText: name }) });
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  const names = async () => rows().locator('[data-testid=row-name]').allInnerTexts();
  const conversationOf = async (waId: string): Promise<string> =>
    eventually(async () => {
      const [found] = await office.dataSource.query(
        `SELECT c.id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`,
        [waId],
      );
      return found?.id as string | undefined;
    });

  before(async function () {
    requireChromium(this);
    office = await startSandboxBackOffice();
    await office.ensureFirstAdmin(ROOT);
    await office.deliver('text', { from: '213555000001', name: 'Amina Belkacem', text: 'Bonjour, nous sommes une École privée à Oran.' });
    await conversationOf('213555000001');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${office.baseUrl}/admin/login`);
    await page.fill('input[name=email]', ROOT.email);
    await page.fill('input[name=password]', ROOT.password);
    // The first sign-in loads the whole admin bundle: slow on a busy machine.
    await Promise.all([page.waitForURL(/\/admin(\/)?$/, { timeout: 120_000 }), page.click('button[type=submit]')]);
    await page.locator('[data-testid=inbox-page]').waitFor({ timeout: 120_000 });
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  it('lands the agent in the Inbox, in the tab he chooses, each tab counted', async () => {
    await page.locator('[data-testid=tab-unassigned]').click();
    await row('Amina Belkacem').waitFor();
    expect(await page.locator('[data-testid=tab-count-unassigned]').innerText()).to.equal('1');
    expect(await row('Amina Belkacem').locator('[data-testid=row-preview]').innerText()).to.include('École privée');
    expect(await row('Amina Belkacem').getAttribute('data-unread')).to.equal('1');
  });

  it('shows a new customer at the top the moment they write, without a reload', async () => {
    await office.deliver('text', { from: '213661000002', name: 'Karim Haddad', text: 'السلام عليكم، أريد معرفة أسعار الإشتراك' });
    await row('Karim Haddad').waitFor({ timeout: 10_000 });
    expect((await names())[0]).to.equal('Karim Haddad');
    await eventually(async () => ((await page.locator('[data-testid=tab-count-unassigned]').innerText()) === '2' ? true : undefined));
  });

  it('moves a conversation up and counts its unread messages when its customer writes again', async () => {
    await office.deliver('text', { from: '213555000001', name: 'Amina Belkacem', text: 'Vous avez des places en septembre ?' });
    await eventually(async () => ((await names())[0] === 'Amina Belkacem' ? true : undefined));
    await eventually(async () => ((await row('Amina Belkacem').getAttribute('data-unread')) === '2' ? true : undefined));
    expect(await row('Amina Belkacem').locator('[data-testid=row-preview]').innerText()).to.include('septembre');
  });

  it('opens a conversation with Enter after moving with the arrows, and shows its new messages as they come', async () => {
    await page.locator('[data-testid=conversation-list]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const thread = page.locator('[data-testid=inbox-thread]');
    await thread.locator('[data-testid=thread-name]', { hasText: 'Karim Haddad' }).waitFor();
    await thread.locator('[data-testid=message]', { hasText: 'أسعار' }).waitFor();
    await office.deliver('text', { from: '213661000002', name: 'Karim Haddad', text: 'Merci, et pour les tablettes ?' });
    await thread.locator('[data-testid=message]', { hasText: 'tablettes' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=reply-box]').count(), 'the reply box is in the thread').to.equal(1);
  });

  it('searches in French without accents and opens the conversation at the message found', async () => {
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).to.equal('inbox-search');
    await page.keyboard.type('ecole privee');
    const hit = page.locator('[data-testid=search-hit]').first();
    await hit.waitFor();
    expect(await hit.locator('mark').allInnerTexts()).to.deep.equal(['École', 'privée']);
    await hit.click();
    const thread = page.locator('[data-testid=inbox-thread]');
    await thread.locator('[data-testid=thread-name]', { hasText: 'Amina Belkacem' }).waitFor();
    await thread.locator('[data-testid=message][data-focused=true]', { hasText: 'École privée' }).waitFor();
  });

  it('searches in Arabic whatever the hamza and opens the conversation at the message found', async () => {
    await page.fill('[data-testid=inbox-search]', 'اسعار');
    const hit = page.locator('[data-testid=search-hit]', { hasText: 'عليكم' });
    await hit.waitFor();
    expect(await hit.locator('mark').allInnerTexts()).to.deep.equal(['أسعار']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const thread = page.locator('[data-testid=inbox-thread]');
    await thread.locator('[data-testid=message][data-focused=true]', { hasText: 'أسعار' }).waitFor();
    await page.fill('[data-testid=inbox-search]', '');
  });

  it('puts a label on from the thread, and filters the list by it', async () => {
    await office.dataSource.query(`INSERT INTO whatsapp_labels (name, colour) VALUES ('VIP', 'red'), ('Facture', 'blue')`);
    await page.reload();
    await row('Karim Haddad').click();
    await page.locator('[data-testid=inbox-thread] [data-testid=thread-name]', { hasText: 'Karim Haddad' }).waitFor();
    await page.locator('[data-testid=label-add]').selectOption({ label: 'VIP' });
    await page.locator('[data-testid=thread-labels] [data-testid=label-chip][data-label=VIP]').waitFor();
    await page.locator('[data-testid=filter-label]').selectOption({ label: 'VIP' });
    await eventually(async () => ((await names()).join() === 'Karim Haddad' ? true : undefined));
    await row('Karim Haddad').locator('[data-testid=label-chip][data-label=VIP]').waitFor();
    const [event] = await office.dataSource.query(`SELECT details FROM whatsapp_conversation_events WHERE kind = 'labels_changed'`);
    expect(event.details).to.deep.equal({ added: ['VIP'], removed: [] });
    await page.locator('[data-testid=filters-clear]').click();
    expect(errors).to.deep.equal([]);
  });

  for (const language of ['en', 'ar'] as const) {
    it(`shows the Inbox page in ${language === 'en' ? 'English' : 'Arabic'}${language === 'ar' ? ', right to left, phone numbers left to right' : ''}`, async () => {
      await office.dataSource.query(`UPDATE whatsapp_agents SET language = $1 WHERE email = $2`, [language, ROOT.email]);
      await page.reload();
      await page.locator('[data-testid=inbox-thread] [data-testid=message]').first().waitFor();
      await row('Amina Belkacem').waitFor();
      expect(await page.getAttribute('html', 'dir')).to.equal(language === 'ar' ? 'rtl' : 'ltr');
      if (language === 'ar') {
        const phone = page.locator('[data-testid=inbox-thread] header span[dir=ltr]').first();
        expect(await phone.evaluate((element) => getComputedStyle(element).direction)).to.equal('ltr');
      }
      await shot(`inbox-page-${language}`);
    });
  }
});

import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { localesDir } from '../../../src/config/package-paths.js';
import { entryId, readCatalogue } from '../../../src/i18n/catalogue.js';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };
const HOSTILE = '<img src=x onerror=alert(1)> <script>window.__pwned = true</script> Bonjour, une inscription ?';

/**
 * An agent's day in a real browser (Debian's chromium), against the runnable back office with the
 * sandbox Graph API: a simulated customer writes, the agent opens the conversation, replies and
 * watches the message go queued → delivered → read, assigns, links a lead and resolves. Customer
 * text that looks like HTML must stay text. Screenshots land in test-artifacts/screenshots.
 */
describe('the inbox in a real browser', function () {
  this.timeout(180_000);
  let office: SandboxBackOffice;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  let conversationId: string;
  let leadId: string;

  before(async function () {
    requireChromium(this);
    office = await startSandboxBackOffice();
    await office.ensureFirstAdmin(ROOT);
    [{ id: leadId }] = await office.dataSource.query(
      `INSERT INTO whatsapp_leads (organisation_name, contact_name, phone_e164) VALUES ('Lycée Ibn Khaldoun', 'M. Haddad', '+213661000111') RETURNING id`,
    );
    expect((await office.deliver('text', { from: '213555123456', name: 'Amina Belkacem', text: HOSTILE })).status).to.equal(200);
    conversationId = await eventually(async () => {
      const rows = await office.dataSource.query(`SELECT id FROM whatsapp_conversations`);
      return rows[0]?.id as string | undefined;
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    // Counts the page's open Server-Sent Event streams (a browser allows six connections per host).
    await page.addInitScript(() => {
      const Original = window.EventSource;
      const counter = window as unknown as { __streams: number };
      counter.__streams = 0;
      window.EventSource = class extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          counter.__streams += 1;
        }
        override close() {
          if (this.readyState !== Original.CLOSED) counter.__streams -= 1;
          super.close();
        }
      } as typeof EventSource;
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signInAs(page, office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  const view = () => page.locator('[data-testid=conversation-view]');
  const panel = () => page.locator('[data-testid=side-panel]');
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('opens the conversation a customer started, with the customer’s HTML shown as text and run nowhere', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
    const inbound = view().locator('[data-testid=message][data-direction=inbound]');
    await inbound.first().waitFor();
    expect(await inbound.first().innerText()).to.include('<img src=x onerror=alert(1)>');
    expect(await inbound.first().innerText()).to.include('<script>');
    expect(await view().locator('img[src="x"], script').count(), 'no element was made from the text').to.equal(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).to.equal(undefined);
    expect(dialogs).to.deep.equal([]);
    expect(await panel().locator('[data-testid=panel-contact-name]').innerText()).to.include('Amina Belkacem');
    expect(await panel().locator('[data-testid=window-timer]').getAttribute('data-open')).to.equal('true');
    await shot('conversation-opened');
  });

  it('replies with Enter: the message shows at once as queued, then delivered and read through the sandbox', async () => {
    const seen = new Set<string>();
    await page.fill('[data-testid=reply-text]', 'Bonjour Madame, je m’en occupe.');
    await page.press('[data-testid=reply-text]', 'Enter');
    const outbound = view().locator('[data-testid=message][data-direction=outbound]');
    await outbound.first().waitFor({ timeout: 5_000 });
    // The box empties once the server has queued the message (a refused send keeps the text).
    await eventually(async () => ((await page.inputValue('[data-testid=reply-text]')) === '' ? true : undefined));
    await eventually(async () => {
      const status = await outbound.first().getAttribute('data-status');
      if (status) seen.add(status);
      return status === 'read' ? status : undefined;
    }, 30_000, 50);
    expect([...seen][0], 'first shown as queued (or already sending)').to.be.oneOf(['queued', 'sending']);
    expect(seen.has('delivered') || seen.has('sent'), `statuses seen: ${[...seen].join(' → ')}`).to.equal(true);
    const [message] = await office.dataSource.query(`SELECT status, body FROM whatsapp_messages WHERE direction = 'outbound'`);
    expect(message).to.deep.equal({ status: 'read', body: 'Bonjour Madame, je m’en occupe.' });
    await shot('conversation-replied-read');
  });

  it('assigns the conversation to the agent himself, and the audit trail says so', async () => {
    await panel().locator('[data-testid=action-assign]').click();
    await panel().locator('[data-testid=assign-me]').click();
    const [me] = await office.dataSource.query(`SELECT name FROM whatsapp_agents WHERE email = $1`, [ROOT.email]);
    await eventually(async () => ((await panel().locator('[data-testid=panel-assignee]').innerText()).includes(me.name) ? true : undefined));
    const [row] = await office.dataSource.query(`SELECT a.email FROM whatsapp_conversations c JOIN whatsapp_agents a ON a.id = c.assignee_id`);
    expect(row.email).to.equal(ROOT.email);
    await panel().locator('[data-testid=audit-event][data-kind=assigned]').first().waitFor();
  });

  it('links an existing B2B lead found by a phone typed the local way', async () => {
    await panel().locator('[data-testid=action-link-lead]').click();
    await panel().locator('[data-testid=lead-search]').fill('0661 00 01 11');
    await panel().locator('[data-testid=lead-choice]').first().click();
    await eventually(async () => ((await panel().locator('[data-testid=panel-lead]').innerText()).includes('Lycée Ibn Khaldoun') ? true : undefined));
    const [row] = await office.dataSource.query(`SELECT lead_id FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
    expect(row.lead_id).to.equal(leadId);
    await panel().locator('[data-testid=audit-event][data-kind=lead_linked]').first().waitFor();
  });

  it('resolves the conversation, then shows reopen instead', async () => {
    await panel().locator('[data-testid=action-resolve]').click();
    await panel().locator('[data-testid=action-reopen]').waitFor();
    const [row] = await office.dataSource.query(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
    expect(row.status).to.equal('resolved');
    await panel().locator('[data-testid=audit-event][data-kind=resolved]').first().waitFor();
    await shot('conversation-resolved');
  });

  it('shows a new customer message without a reload, and marks it read while the agent watches', async () => {
    await panel().locator('[data-testid=action-reopen]').click();
    await panel().locator('[data-testid=action-resolve]').waitFor();
    await office.deliver('text', { from: '213555123456', name: 'Amina Belkacem', text: 'Merci beaucoup !' });
    await view().locator('[data-testid=message][data-direction=inbound]', { hasText: 'Merci beaucoup !' }).waitFor({ timeout: 15_000 });
    expect(dialogs).to.deep.equal([]);
    expect(await page.evaluate(() => (window as unknown as { __streams: number }).__streams), 'one live stream for the page').to.equal(1);
    // The agent is looking at it: it does not stay unread.
    await eventually(async () => {
      const [row] = await office.dataSource.query(`SELECT unread_count FROM whatsapp_conversations WHERE id = $1`, [conversationId]);
      return row.unread_count === 0 ? true : undefined;
    });
  });

  for (const language of ['fr', 'ar'] as const) {
    it(`shows the conversation view in ${language === 'fr' ? 'French' : 'Arabic'}: translated labels, no raw key, no English left${language === 'ar' ? ', right to left' : ''}`, async () => {
      await office.dataSource.query(`UPDATE whatsapp_agents SET language = $1 WHERE email = $2`, [language, ROOT.email]);
      await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
      await view().locator('[data-testid=message]').first().waitFor();
      await panel().locator('[data-testid=audit-trail]').waitFor();
      expect(await page.getAttribute('html', 'lang')).to.equal(language);
      const direction = await view().evaluate((element) => getComputedStyle(element).direction);
      expect(direction).to.equal(language === 'ar' ? 'rtl' : 'ltr');
      const text = await page.locator('body').innerText();
      const catalogue = readCatalogue(localesDir, language);
      const english = readCatalogue(localesDir, 'en');
      expect(text, 'a label of the panel').to.include(catalogue.get(entryId('conversation-view.json', 'conversationView.panel.assignee'))!.value);
      expect(text.match(/\b(?:conversationView|inbox|live|permissions)\.[A-Za-z.]+/g) ?? [], 'raw keys').to.deep.equal([]);
      // Any English sentence of the catalogue still on the page, where this language says it otherwise.
      const leftovers = [...english.values()]
        .filter((entry) => entry.file !== 'admin.json' && !entry.value.includes('{{') && entry.value.split(' ').length >= 2)
        .filter((entry) => catalogue.get(entryId(entry.file, entry.key))?.value !== entry.value && text.includes(entry.value))
        .map((entry) => `${entry.key}: ${entry.value}`);
      expect(leftovers, 'English left on the page').to.deep.equal([]);
      await shot(`conversation-view-${language}`);
    });
  }

  it('sends a handler’s notice as a key, and the agent reads it in his language', async () => {
    await office.dataSource.query(`UPDATE whatsapp_agents SET language = 'fr' WHERE email = $1`, [ROOT.email]);
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
    await panel().locator('[data-testid=action-unassign]').waitFor();
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/unassign') && response.request().method() === 'POST'),
      panel().locator('[data-testid=action-unassign]').click(),
    ]);
    expect((await answer.json()).notice).to.deep.include({ message: 'inbox.unassigned', type: 'success' });
    const french = readCatalogue(localesDir, 'fr').get(entryId('inbox.json', 'inbox.unassigned'))!.value;
    await page.locator(`text=${french}`).first().waitFor();
  });

  it('keeps the language chosen in AdminJS’s menu in the admin’s profile', async () => {
    await office.dataSource.query(`UPDATE whatsapp_agents SET language = NULL WHERE email = $1`, [ROOT.email]);
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations`);
    await page.locator('[data-css="language-select"], button:has(svg) >> text=English').first().click();
    await page.locator('text=العربية').first().click();
    await eventually(async () => {
      const [row] = await office.dataSource.query(`SELECT language FROM whatsapp_agents WHERE email = $1`, [ROOT.email]);
      return row.language === 'ar' ? true : undefined;
    });
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    await shot('conversations-list-ar');
  });
});

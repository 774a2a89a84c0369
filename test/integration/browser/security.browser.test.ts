import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { SCREENSHOTS, launchChromium, requireChromium } from '../../support/chromium.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long admin password';
/** A name stored before names were checked (or written by another tool): it must stay text. */
const HOSTILE_NAME = 'Mallory</script><script>window.__xss = (window.__xss || 0) + 1</script><!--';

/**
 * AdminJS writes its state into an inline script of every page: a stored value that closes the
 * script must not run, and the page must still work under the Content-Security-Policy (no
 * violation from AdminJS's own scripts).
 */
describe('stored script in AdminJS’s page state, in a real browser', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  before(async function () {
    requireChromium(this);
    office = await startTestBackOffice();
    await insertLoginUser(office.dataSource, { email: 'mallory@example.com', name: HOSTILE_NAME, role: 'super_admin', passwordHash: await hashPassword(PASSWORD) });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __violations: string[] }).__violations ??= [];
        (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`);
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${office.baseUrl}/admin/login`);
    await page.fill('input[name=email]', 'mallory@example.com');
    await page.fill('input[name=password]', PASSWORD);
    await Promise.all([page.waitForURL(/\/admin(\/)?$/), page.click('button[type=submit]')]);
  });
  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  it('sends a nonce-based Content-Security-Policy and the other back-office headers', async () => {
    const response = await fetch(`${office.baseUrl}/admin/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.match(/script-src 'self' 'nonce-[\w+/=]+'/);
    expect(csp).to.contain("frame-ancestors 'none'").and.to.contain("object-src 'none'").and.not.to.contain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(response.headers.get('referrer-policy')).to.equal('same-origin');
  });

  it('shows the stored name as text, runs none of it, and AdminJS works without a policy violation', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_admin_users`);
    await page.getByText('mallory@example.com').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'security-hostile-name.png'), fullPage: true });
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).to.equal(undefined);
    expect(await page.evaluate(() => (window as unknown as { REDUX_STATE: { session: { title: string } } }).REDUX_STATE.session.title)).to.equal(HOSTILE_NAME);
    const seen = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
    // The design system's webpack runtime tries `new Function("return this")` inside a try and
    // falls back to `window` when the policy refuses it: a refused eval that changes nothing.
    const harmless = (violation: string) => /^script-src eval \S+\/frontend\/assets\/design-system\.bundle\.js/.test(violation);
    expect(seen.filter((violation) => !harmless(violation))).to.deep.equal([]);
    expect(violations.filter((message) => !/eval/.test(message))).to.deep.equal([]);
  });

  it('serves Roboto itself: no page asks Google Fonts, and the text is set in Roboto', async () => {
    const origins = new Set<string>();
    const listen = (request: { url(): string }) => origins.add(new URL(request.url()).origin);
    page.on('request', listen);
    try {
      await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations`);
      await page.waitForLoadState('networkidle');
      const roboto = await page.evaluate(async () => {
        await document.fonts.ready;
        return document.fonts.check('400 16px Roboto') && Array.from(document.fonts as unknown as Iterable<FontFace>).some((font) => font.family.replace(/"/g, '') === 'Roboto' && font.status === 'loaded');
      });
      expect(roboto, 'Roboto loaded from the back office').to.equal(true);
    } finally {
      page.off('request', listen);
    }
    expect([...origins]).to.deep.equal([office.baseUrl]);
  });

  it('refuses an inline script that does not carry the page’s nonce', async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __injected?: boolean }).__injected ?? false;
    });
    expect(ran).to.equal(false);
  });

  it('isolates customer text and shows its direction controls instead of obeying them, keeping the stored bytes', async () => {
    const rlo = '\u202E';
    const db = office.dataSource;
    const [{ id: accountId }] = await db.query(
      `INSERT INTO whatsapp_accounts (name, phone_number_id, waba_id) VALUES ('Numéro', '100000000000009', '104729381102938') RETURNING id`,
    );
    const [{ id: contactId }] = await db.query(
      `INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) VALUES ($1, '213555000009', '+213555000009', $2) RETURNING id`,
      [accountId, `Karim ${rlo}gnp.exe`],
    );
    const [{ id: conversationId }] = await db.query(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, last_message_at, last_inbound_at) VALUES ($1, $2, now(), now()) RETURNING id`,
      [accountId, contactId],
    );
    await db.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status, payload, media_file_name, created_at)
       VALUES ($1, 'wamid.rlo-text', 'inbound', 'text', $2, 'received', '{}', NULL, now() - interval '1 minute'),
              ($1, 'wamid.rlo-doc', 'inbound', 'document', NULL, 'received', $3, $4, now())`,
      [conversationId, `voici la facture ${rlo}fdp.exe`, JSON.stringify({ document: { filename: `${rlo}gnp.exe` } }), `${rlo}gnp.exe`],
    );

    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`);
    const documentName = page.locator('[data-testid=document-name]');
    await documentName.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'security-direction-controls.png'), fullPage: true });
    expect(await documentName.innerText()).to.contain('⟨U+202E⟩gnp.exe').and.not.to.contain(rlo);
    expect(await documentName.locator('bdi[data-customer-text]').count()).to.equal(1);
    const texts = await page.locator('bdi[data-customer-text]').allInnerTexts();
    expect(texts.some((text) => text.includes('voici la facture ⟨U+202E⟩fdp.exe')), texts.join(' | ')).to.equal(true);
    expect(texts.some((text) => text.includes('Karim ⟨U+202E⟩gnp.exe')), texts.join(' | ')).to.equal(true);
    expect(texts.join('')).not.to.contain(rlo);

    const [{ profileName }] = await db.query(`SELECT profile_name AS "profileName" FROM whatsapp_contacts WHERE id = $1`, [contactId]);
    expect(profileName, 'the stored name keeps its characters').to.equal(`Karim ${rlo}gnp.exe`);

    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_contacts`);
    const cell = page.locator('bdi[data-customer-text]', { hasText: 'Karim' }).first();
    await cell.waitFor();
    expect(await cell.innerText()).to.contain('Karim ⟨U+202E⟩gnp.exe');
  });
});

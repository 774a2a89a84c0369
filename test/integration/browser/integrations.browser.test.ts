import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/** A manager creates an API token in a real browser: the form, then the token shown once. */
describe('integrations screens in a real browser', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;
  let browser: Browser;
  let page: Page;

  before(async function () {
    requireChromium(this);
    office = await startTestBackOffice();
    await office.ensureFirstAdmin(ROOT);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, office.baseUrl, ROOT);
  });
  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  it('creates an API token and shows it once, ready to copy', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_api_tokens/actions/new`);
    await page.locator('input[name=name]').fill('Billing system');
    await page.locator('label[for="permissions-inbox.reply"]').click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'integrations-new-token.png'), fullPage: true });
    await page.locator('[data-testid=create-with-secret]').click();
    const shown = page.locator('[data-testid=shown-secret]');
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).to.match(/^wat_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'integrations-token-shown.png'), fullPage: true });
    const [row] = await office.dataSource.query(
      `SELECT name, permissions, token_prefix, expires_at BETWEEN now() + interval '89 days' AND now() + interval '91 days' AS in_90_days FROM whatsapp_api_tokens`,
    );
    // Tokens expire in 90 days unless the manager chooses otherwise.
    expect(row).to.deep.equal({ name: 'Billing system', permissions: ['inbox.reply'], token_prefix: token.slice(0, 12), in_90_days: true });
  });
});

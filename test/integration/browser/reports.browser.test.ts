import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };
const HOUR = 3600_000;

/**
 * The reports page in a real browser: its figures, a chart drawn by Chart.js on a canvas, the
 * filters applied, a table downloaded as CSV, and the page in Arabic (right to left).
 */
describe('the reports page in a real browser', function () {
  this.timeout(180_000);
  let office: RunningBackOffice;
  let browser: Browser;
  let page: Page;

  before(async function () {
    requireChromium(this);
    office = await startTestBackOffice({
      accounts: [
        { phoneNumberId: '100000000000001', wabaId: '200000000000001', name: 'Sales' },
        { phoneNumberId: '100000000000002', wabaId: '200000000000002', name: 'Support' },
      ],
    });
    await office.ensureFirstAdmin(ROOT);
    const q = async (sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params))[0];
    const now = Date.now();
    let n = 0;
    for (const [name, hoursAgo, answerMinutes] of [['Sales', 5, 4], ['Sales', 30, 10], ['Support', 2, null]] as const) {
      const account = (await q(`SELECT id FROM whatsapp_accounts WHERE name = $1`, [name])).id;
      const contact = (await q(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, $2) RETURNING id`, [account, `2135550000${++n}`])).id;
      const opened = new Date(now - hoursAgo * HOUR);
      const conversation = (await q(`INSERT INTO whatsapp_conversations (account_id, contact_id, created_at) VALUES ($1, $2, $3) RETURNING id`, [account, contact, opened])).id;
      await q(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at) VALUES ($1, 'inbound', 'text', 'Bonjour', 'received', $2)`, [conversation, opened]);
      if (answerMinutes !== null) {
        await q(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status, created_at) VALUES ($1, 'outbound', 'text', 'Bonjour !', 'read', $2)`, [
          conversation, new Date(opened.getTime() + answerMinutes * 60_000),
        ]);
      }
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await signInAs(page, office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  const figure = (id: string) => page.locator(`[data-testid=report-${id}-figure]`);

  it('shows the period’s figures and draws the charts', async () => {
    await page.goto(`${office.baseUrl}/admin/pages/whatsappReports`);
    await page.locator('[data-testid=reports]').waitFor();
    expect(await figure('conversations').textContent()).to.equal('3');
    expect(await figure('messages').textContent()).to.equal('3');
    // Medians of 4 and 10 minutes: 7 minutes.
    expect(await figure('first-response').textContent()).to.match(/^7 min/);
    const canvas = page.locator('[data-testid=chart-per-day] canvas');
    await canvas.waitFor();
    // Chart.js drew something: the canvas has pixels that are not blank.
    const painted = await canvas.evaluate((element: HTMLCanvasElement) => {
      const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
    expect(painted).to.equal(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-en.png'), fullPage: true });
  });

  it('applies a filter by number', async () => {
    await page.locator('#report-accountId').click();
    await page.getByText('Support', { exact: true }).click();
    await Promise.all([page.waitForResponse(/\/api\/pages\/whatsappReports\?.*accountId=/), page.click('[data-testid=report-apply]')]);
    await expectText(figure('conversations'), '1');
    expect(await figure('first-response').textContent()).to.equal('—');
  });

  it('downloads a table as CSV, with the filters shown', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-csv-perDay]')]);
    expect(download.suggestedFilename()).to.match(/^whatsapp-perDay-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let body = '';
        stream.on('data', (chunk) => (body += String(chunk)));
        stream.on('end', () => resolve(body));
        stream.on('error', reject);
      });
    });
    const rows = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rows[0]).to.equal('Day,Opened,Resolved,Customer messages,Agents’ replies,Automatic replies');
    expect(rows.slice(1).reduce((sum, row) => sum + Number(row.split(',')[1]), 0)).to.equal(1);
  });

  it('reads right to left in Arabic', async () => {
    const [agent] = await office.dataSource.query(`SELECT id FROM whatsapp_agents LIMIT 1`);
    await office.dataSource.query(`UPDATE whatsapp_agents SET language = 'ar' WHERE id = $1`, [agent.id]);
    await page.goto(`${office.baseUrl}/admin/pages/whatsappReports`);
    await page.locator('[data-testid=reports]').waitFor();
    expect(await page.locator('h2').filter({ hasText: 'التقارير' }).count()).to.equal(1);
    expect(await page.evaluate(() => document.documentElement.dir)).to.equal('rtl');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-ar.png'), fullPage: true });
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await locator.textContent()) === text) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await locator.textContent()).to.equal(text);
}

import { expect } from 'chai';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_TEMPLATES } from '../../../src/sandbox/sample-templates.js';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/**
 * A manager's broadcast in a real browser, against the runnable back office and the sandbox
 * Graph API: he writes it (name, an approved marketing template, a CSV of phones with a bad row,
 * each parameter mapped to a column or a text), sees the preview, launches it, and watches the
 * counts move until every valid recipient is sent and delivered.
 */
describe('a broadcast in a real browser: create, launch, watch', function () {
  this.timeout(180_000);
  let office: SandboxBackOffice;
  let browser: Browser;
  let page: Page;
  let csvFile: string;

  before(async function () {
    requireChromium(this);
    office = await startSandboxBackOffice();
    await office.ensureFirstAdmin(ROOT);
    // The sandbox's sample marketing template, approved (as a template sync would store it).
    const sample = SAMPLE_TEMPLATES.find((template) => template.name === 'bienvenue_client')!;
    await office.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, category, status, parameter_format, components)
       SELECT id, $1, $2, $3, 'APPROVED', 'NAMED', $4 FROM whatsapp_accounts ON CONFLICT DO NOTHING`,
      [sample.name, sample.language, sample.category, JSON.stringify(sample.components)],
    );
    const dir = await mkdtemp(path.join(os.tmpdir(), 'awp-broadcast-'));
    csvFile = path.join(dir, 'rentree.csv');
    await writeFile(csvFile, 'téléphone;prenom\n0661 00 00 01;Amina\n0661 00 00 02;Karim\npas un numéro;Nadia\n+213 661 00 00 03;Yacine\n');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAs(page, office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  const editor = () => page.locator('[data-testid=broadcast-editor]');
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('writes a broadcast from a CSV, reports the bad row, maps the parameters and previews each recipient’s message', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_broadcasts/actions/new`);
    await editor().waitFor();
    await page.fill('#broadcast-name', 'Rentrée 2026');
    const templateId = await page.locator('#broadcast-template option', { hasText: 'bienvenue_client' }).getAttribute('value');
    await page.selectOption('#broadcast-template', templateId!);
    await page.setInputFiles('[data-testid=broadcast-csv]', csvFile);
    await page.waitForURL(/\/records\/[^/]+\/edit$/);
    const report = page.locator('[data-testid=broadcast-csv-report]');
    await eventually(async () => ((await report.innerText().catch(() => '')).includes('4') ? true : undefined), 20_000);
    expect(await report.innerText()).to.match(/4 rows, 3 to send.*Invalid number: 1/);

    const firstName = page.locator('[data-testid="parameter-body:first_name"]');
    await firstName.locator('select').first().selectOption('column');
    await firstName.locator('select').nth(1).selectOption('prenom');
    const site = page.locator('[data-testid="parameter-body:site"]');
    await site.locator('select').first().selectOption('text');
    await site.locator('input').fill('ecole.example');
    await page.click('[data-testid=broadcast-save]');
    const preview = page.locator('[data-testid=broadcast-preview]');
    await eventually(async () => ((await preview.innerText().catch(() => '')).includes('Bienvenue Amina') ? true : undefined), 20_000);
    expect(await preview.innerText()).to.include('Bienvenue Amina ! Découvrez nos offres sur ecole.example.');
    expect(await preview.innerText()).to.include('Bienvenue Yacine !');
    await shot('broadcast-editor-en');
  });

  it('launches it and shows the counts live until every valid recipient got it, one message each', async () => {
    await page.click('[data-testid=broadcast-launch]');
    await page.waitForURL(/\/records\/[^/]+\/show$/).catch(async (error: unknown) => {
      await shot('broadcast-launch-failed');
      throw error;
    });
    const progress = page.locator('[data-testid=broadcast-progress]');
    await progress.waitFor();
    const count = async (key: string) => Number((await page.locator(`[data-testid=count-${key}] dd`).innerText()).replace(/\D/g, ''));
    await eventually(async () => ((await count('delivered')) === 3 ? true : undefined), 60_000);
    expect(await count('total')).to.equal(4);
    expect(await count('skipped')).to.equal(1);
    expect(await page.locator('[data-testid=broadcast-status]').innerText()).to.match(/Completed/);
    expect(await page.locator('[role=progressbar]').getAttribute('aria-valuenow')).to.equal('4');
    await shot('broadcast-progress-en');

    const sent = office.sandbox.log.entries({ endpoint: 'messages' }).map((entry) => (entry.body as { to?: string }).to);
    expect(sent.sort()).to.deep.equal(['213661000001', '213661000002', '213661000003']);
    const csv = await page.evaluate(async () => (await fetch(document.querySelector<HTMLAnchorElement>('[data-testid=broadcast-export]')!.href)).text());
    expect(csv).to.match(/Line,Phone,Name,Outcome/);
    expect(csv.trim().split('\n')).to.have.length(5);
  });
});

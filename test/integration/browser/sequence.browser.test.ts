import { expect } from 'chai';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_TEMPLATES } from '../../../src/sandbox/sample-templates.js';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/**
 * A manager's sequence in a real browser: he writes it (a template with its parameters, a wait of two days at 10:00, a text), is told what is missing while he
 * writes, saves it, enrols two phones by hand (one unreadable), and reads an enrollment's
 * timeline: enrolled, the template sent, waiting until the day after tomorrow.
 */
describe('a sequence in a real browser: write, enrol, read the timeline', function () {
  this.timeout(180_000);
  let office: SandboxBackOffice;
  let browser: Browser;
  let page: Page;

  before(async function () {
    requireChromium(this);
    office = await startSandboxBackOffice();
    await office.ensureFirstAdmin(ROOT);
    const sample = SAMPLE_TEMPLATES.find((template) => template.name === 'bienvenue_client')!;
    await office.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, category, status, parameter_format, components)
       SELECT id, $1, $2, $3, 'APPROVED', 'NAMED', $4 FROM whatsapp_accounts ON CONFLICT DO NOTHING`,
      [sample.name, sample.language, sample.category, JSON.stringify(sample.components)],
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAs(page, office.baseUrl, ROOT);
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('writes a sequence step by step, told what is missing until it can run', async () => {
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_sequences/actions/new`);
    await page.locator('[data-testid=sequence-editor]').waitFor();
    await page.fill('#sequence-name', 'Bienvenue');
    const addStep = async (kind: string) => {
      await page.selectOption('[data-testid=sequence-editor] select[aria-label="Kind of step"]', kind);
      await page.click('[data-testid=sequence-add-step]');
    };
    await addStep('template');
    expect(await page.locator('[data-testid=sequence-problems]').innerText()).to.include('Choose a template for each template step.');
    const templateId = await page.locator('#step-1-template option', { hasText: 'bienvenue_client' }).getAttribute('value');
    await page.selectOption('#step-1-template', templateId!);
    const firstName = page.locator('[data-testid="step-1-parameter-body:first_name"]');
    await firstName.locator('select').first().selectOption('text');
    await firstName.locator('input').fill('cher client');
    const site = page.locator('[data-testid="step-1-parameter-body:site"]');
    await site.locator('select').first().selectOption('text');
    await site.locator('input').fill('ecole.example');
    await addStep('wait');
    await page.fill('#step-2-amount', '2');
    await page.fill('#step-2-at', '10:00');
    await addStep('text');
    expect(await page.locator('[data-testid=sequence-problems]').innerText()).to.include('Write the text of each text step.');
    await page.fill('#step-3-text', 'Une question ? Répondez à ce message.');
    expect(await page.locator('[data-testid=sequence-problems]').count()).to.equal(0);
    await shot('sequence-editor-en');
    await page.click('[data-testid=sequence-save]');
    await page.waitForURL(/whatsapp_sequences\/records\/[^/]+\/show$/);

    const [row] = await office.dataSource.query(`SELECT name, status, steps FROM whatsapp_sequences`);
    expect(row.name).to.equal('Bienvenue');
    expect(row.steps.map((step: { kind: string }) => step.kind)).to.deep.equal(['template', 'wait', 'text']);
    expect(row.steps[0].parameters).to.deep.equal({ 'body:first_name': { source: 'text', text: 'cher client' }, 'body:site': { source: 'text', text: 'ecole.example' } });
    expect(row.steps[1]).to.include({ amount: 2, unit: 'days', atTime: '10:00' });
  });

  it('enrols phones by hand and shows an enrollment’s timeline: enrolled, sent, waiting', async () => {
    const url = page.url().replace(/\/show$/, '/enroll');
    await page.goto(url);
    await page.fill('#enroll-phones', '0661 00 00 01\nnot a phone');
    await page.click('[data-testid=sequence-enroll] button');
    const result = page.locator('[data-testid=enroll-result]');
    await result.waitFor();
    expect(await result.innerText()).to.match(/1 contact enrolled\.[\s\S]*1 phone could not be read\./);

    await eventually(async () => (office.sandbox.log.entries({ endpoint: 'messages' }).length === 1 ? true : undefined), 30_000);
    const [enrollment] = await office.dataSource.query(`SELECT id FROM whatsapp_sequence_enrollments`);
    await page.goto(`${office.baseUrl}/admin/resources/whatsapp_sequence_enrollments/records/${enrollment.id}/show`);
    const timeline = page.locator('[data-testid=enrollment-timeline]');
    await timeline.waitFor();
    const kinds = await page.locator('[data-testid=timeline-line]').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-kind')));
    expect(kinds).to.deep.equal(['enrolled', 'sent', 'waiting']);
    const text = await timeline.innerText();
    expect(text).to.include('Enrolled (From a list)');
    expect(text).to.include('Message sent');
    expect(text).to.include('Bienvenue cher client');
    expect(text).to.match(/Waiting until/);
    await shot('enrollment-timeline-en');
  });
});

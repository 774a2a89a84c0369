import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { SAMPLE_MEDIA } from '../../../src/sandbox/sample-media.js';
import { SCREENSHOTS, launchChromium, requireChromium, signInAs } from '../../support/chromium.js';
import { eventually } from '../../support/eventually.js';
import { insertLoginUser } from '../../support/login-users.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };
const KARIM = { email: 'karim@example.com', password: 'another long password', name: 'Karim Haddad' };
const CUSTOMER = '213555123456';

/**
 * The composer in a real browser (Debian's chromium) against the runnable back office and the
 * sandbox Graph API: each thing an agent does in the reply box, checked where it lands — the
 * sandbox's log (what Meta received), the database, and the other agent's screen.
 */
describe('the composer in a real browser', function () {
  this.timeout(240_000);
  let office: SandboxBackOffice;
  let mediaDir: string;
  let files: string;
  let browser: Browser;
  let page: Page;
  let karimContext: BrowserContext;
  let conversationId: string;
  let karimId: string;

  const conversationUrl = () => `${office.baseUrl}/admin/resources/whatsapp_conversations/records/${conversationId}/show`;
  const box = () => page.locator('[data-testid=reply-box]');
  const thread = () => page.locator('[data-testid=timeline]');
  const shot = (name: string, target: Page = page) => target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const sent = (type: string) => office.sandbox.log.acceptedMessages().map((entry) => entry.body as Record<string, unknown>).filter((body) => body.type === type);
  const sql = (text: string, params: unknown[] = []) => office.dataSource.query(text, params);

  before(async function () {
    requireChromium(this);
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-composer-media-'));
    files = await mkdtemp(path.join(os.tmpdir(), 'awp-composer-files-'));
    office = await startSandboxBackOffice({ mediaDir });
    await office.ensureFirstAdmin(ROOT);
    karimId = await insertLoginUser(office.dataSource, { email: KARIM.email, name: KARIM.name, passwordHash: await hashPassword(KARIM.password), role: 'agent' });
    const [{ id: accountId }] = await sql(`SELECT id FROM whatsapp_accounts`);
    for (const permission of ['inbox.view', 'inbox.reply']) {
      await sql(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [karimId, permission, accountId]);
    }
    expect((await office.deliver('text', { from: CUSTOMER, name: 'Amina Belkacem', text: 'Bonjour, je voudrais les horaires' })).status).to.equal(200);
    conversationId = await eventually(async () => (await sql(`SELECT id FROM whatsapp_conversations`))[0]?.id as string | undefined);
    // Left unassigned so that Karim, who sees his own and the unassigned ones, sees it too.
    await sql(`UPDATE whatsapp_accounts SET assign_on_reply = false`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInAs(page, office.baseUrl, ROOT);
    await page.goto(conversationUrl());
    await thread().locator('[data-testid=message][data-direction=inbound]').first().waitFor();
  });

  after(async () => {
    await browser?.close();
    await office?.stop();
    await rm(mediaDir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });

  it('keeps what is typed as a draft across a reload', async () => {
    await page.fill('[data-testid=reply-text]', 'Un brouillon à finir');
    await eventually(async () => ((await page.evaluate(() => Object.keys(window.localStorage).some((key) => key.startsWith('adminjs-whatsapp:draft:')))) ? true : undefined));
    await page.reload();
    await thread().locator('[data-testid=message]').first().waitFor();
    expect(await page.inputValue('[data-testid=reply-text]')).to.equal('Un brouillon à finir');
    await page.fill('[data-testid=reply-text]', '');
  });

  it('takes a draft put in from outside (an assistant\'s suggestion) for its own conversation only, sending nothing', async () => {
    const compose = (detail: Record<string, unknown>) =>
      page.evaluate((request) => window.dispatchEvent(new CustomEvent('adminjs-whatsapp:compose', { cancelable: true, detail: request })), detail);
    const accepted = office.sandbox.log.acceptedMessages().length;
    // After the previous test's reload the composer may still be mounting: it listens once it is drawn.
    await page.locator('[data-testid=reply-text]').waitFor();
    expect(await compose({ conversationId: 'another-conversation', text: 'Pas pour vous' }), 'no composer took it').to.equal(true);
    await eventually(async () => ((await compose({ conversationId, text: 'Nos horaires : 9 h – 18 h' })) === false ? true : undefined));
    await eventually(async () => ((await page.inputValue('[data-testid=reply-text]')) === 'Nos horaires : 9 h – 18 h' ? true : undefined));
    await eventually(async () => ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'reply-text' ? true : undefined));
    await eventually(async () => ((await page.evaluate(() => Object.values(window.localStorage).some((value) => value.includes('Nos horaires')))) ? true : undefined));
    await page.reload();
    await thread().locator('[data-testid=message]').first().waitFor();
    // Kept as a draft: the composer restores it once it is drawn again.
    await eventually(async () => ((await page.inputValue('[data-testid=reply-text]')) === 'Nos horaires : 9 h – 18 h' ? true : undefined));
    expect(office.sandbox.log.acceptedMessages().length).to.equal(accepted);
    await page.fill('[data-testid=reply-text]', '');
  });

  it('attaches a photo: previewed with its caption, uploaded to the sandbox\'s media endpoint and sent by id, then shown in the thread', async () => {
    const photo = path.join(files, 'reçu.jpg');
    await writeFile(photo, SAMPLE_MEDIA.image.data);
    await box().locator('[data-testid=composer-attach]').click();
    await box().locator('[data-testid=attach-media-input]').setInputFiles(photo);
    await box().locator('[data-testid=attachment-preview][data-kind=image] img').waitFor();
    await box().locator('[data-testid=attachment-caption]').fill('Votre reçu');
    await shot('composer-attachment-preview');
    await box().locator('[data-testid=reply-send]').click();

    const image = await eventually(async () => sent('image')[0]);
    const upload = office.sandbox.log.last('media-upload')!;
    expect(image.image).to.deep.equal({ id: (upload.answer as { id: string }).id, caption: 'Votre reçu' });
    const outbound = thread().locator('[data-testid=message][data-direction=outbound][data-kind=image] img');
    await outbound.first().waitFor({ timeout: 15_000 });
    expect(await outbound.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).to.equal(true);
    expect(await box().locator('[data-testid=attachment-preview]').count()).to.equal(0);
  });

  it('says at once why a file cannot go, before anything is uploaded', async () => {
    const gif = path.join(files, 'anim.gif');
    await writeFile(gif, Buffer.from('GIF89a'));
    const uploads = office.sandbox.log.entries({ endpoint: 'media-upload' }).length;
    await box().locator('[data-testid=composer-attach]').click();
    await box().locator('[data-testid=attach-document-input]').setInputFiles(gif);
    await box().locator('[data-testid=attachment-problem]').waitFor();
    expect(await box().locator('[data-testid=reply-send]').isDisabled()).to.equal(true);
    await box().locator('[data-testid=attachment-remove]').click();
    expect(office.sandbox.log.entries({ endpoint: 'media-upload' }).length).to.equal(uploads);
  });

  const inbound = () => thread().locator('[data-testid=message][data-direction=inbound]').first();

  it('quotes a customer message from its menu: the reply carries its wamid as context', async () => {
    const [{ wamid }] = await sql(`SELECT wamid FROM whatsapp_messages WHERE direction = 'inbound' ORDER BY created_at LIMIT 1`);
    await inbound().hover();
    await inbound().locator('[data-testid=message-reply]').click();
    await box().locator('[data-testid=reply-target]').waitFor();
    expect(await box().locator('[data-testid=reply-target]').innerText()).to.include('je voudrais les horaires');
    await page.fill('[data-testid=reply-text]', 'Nous sommes ouverts de 8 h à 18 h.');
    await page.press('[data-testid=reply-text]', 'Enter');
    const text = await eventually(async () => sent('text').find((body) => (body.text as { body: string }).body.startsWith('Nous sommes ouverts')));
    expect(text.context).to.deep.equal({ message_id: wamid });
    await thread().locator('[data-testid=message][data-direction=outbound] [data-testid=quoted-message]').first().waitFor();
    expect(await box().locator('[data-testid=reply-target]').count()).to.equal(0);
  });

  it('reacts to a message, shows the reaction, and takes it away', async () => {
    const [{ wamid }] = await sql(`SELECT wamid FROM whatsapp_messages WHERE direction = 'inbound' ORDER BY created_at LIMIT 1`);
    await inbound().hover();
    await inbound().locator('[data-testid=message-react]').click();
    await inbound().locator('[data-testid=quick-reaction]', { hasText: '👍' }).click();
    await inbound().locator('[data-testid=reaction]', { hasText: '👍' }).waitFor({ timeout: 10_000 });
    expect(await eventually(async () => sent('reaction')[0])).to.deep.include({ reaction: { message_id: wamid, emoji: '👍' } });
    await shot('composer-reaction');

    await inbound().hover();
    await inbound().locator('[data-testid=message-react]').click();
    await inbound().locator('[data-testid=quick-reaction][aria-pressed=true]').click();
    await eventually(async () => ((await inbound().locator('[data-testid=reaction]').count()) === 0 ? true : undefined), 10_000);
    expect(await eventually(async () => sent('reaction')[1])).to.deep.include({ reaction: { message_id: wamid, emoji: '' } });
    expect(await thread().locator('[data-testid=message][data-kind=reaction]').count(), 'reaction messages are not bubbles').to.equal(0);
  });

  it('inserts an emoji from the picker where the caret is', async () => {
    await page.fill('[data-testid=reply-text]', 'Merci ');
    await box().locator('[data-testid=composer-emoji]').click();
    await page.locator('[data-testid=emoji-picker] input[type=search]').fill('smile');
    await page.locator('[data-testid=emoji-picker] .category button').first().click();
    // The picker hands the emoji over asynchronously: wait for the box to change.
    const typed = await eventually(async () => {
      const value = await page.inputValue('[data-testid=reply-text]');
      return value === 'Merci ' ? undefined : value;
    });
    expect(typed.startsWith('Merci ')).to.equal(true);
    expect([...typed.slice('Merci '.length)]).to.have.length(1);
    await page.fill('[data-testid=reply-text]', '');
  });

  const interactiveKinds = [
    {
      kind: 'button',
      fill: async () => {
        await box().locator('[data-testid=interactive-button-0]').fill('Matin');
        await box().locator('[data-testid=interactive-add-button]').click();
        await box().locator('[data-testid=interactive-button-1]').fill('Après-midi');
        await box().locator('[data-testid=interactive-add-button]').click();
        await box().locator('[data-testid=interactive-button-2]').fill('Soir');
        expect(await box().locator('[data-testid=interactive-add-button]').isDisabled(), 'three buttons at most').to.equal(true);
      },
      expected: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'b1', title: 'Matin' } }, { type: 'reply', reply: { id: 'b2', title: 'Après-midi' } }, { type: 'reply', reply: { id: 'b3', title: 'Soir' } }] } },
    },
    {
      kind: 'list',
      fill: async () => {
        await box().locator('[data-testid=interactive-list-button]').fill('Voir les cours');
        await box().locator('[data-testid=interactive-row-0]').fill('Anglais B1');
        await box().locator('[data-testid=interactive-add-row]').click();
        await box().locator('[data-testid=interactive-row-1]').fill('Maths BAC');
        await box().locator('[data-testid=interactive-row-1-description]').fill('Préparation intensive');
      },
      expected: { type: 'list', action: { button: 'Voir les cours', sections: [{ rows: [{ id: 'r1', title: 'Anglais B1' }, { id: 'r2', title: 'Maths BAC', description: 'Préparation intensive' }] }] } },
    },
    {
      kind: 'cta_url',
      fill: async () => {
        await box().locator('[data-testid=interactive-cta-text]').fill('S’inscrire');
        await box().locator('[data-testid=interactive-cta-url]').fill('https://example.com/inscription');
      },
      expected: { type: 'cta_url', action: { name: 'cta_url', parameters: { display_text: 'S’inscrire', url: 'https://example.com/inscription' } } },
    },
  ];
  for (const { kind, fill, expected } of interactiveKinds) {
    it(`builds and sends ${kind === 'cta_url' ? 'a link button' : kind === 'list' ? 'a list' : 'reply buttons'} within Meta's limits, with a preview`, async () => {
      await box().locator('[data-testid=composer-interactive]').click();
      await box().locator(`[data-testid=interactive-kind-${kind}]`).click();
      await box().locator('[data-testid=interactive-body]').fill(`Choisissez (${kind})`);
      await fill();
      const preview = await box().locator('[data-testid=interactive-preview]').innerText();
      expect(preview).to.include(`Choisissez (${kind})`);
      if (kind === 'button') {
        // Meta's limit: 20 characters a button title; Send stays off past it.
        await box().locator('[data-testid=interactive-button-2]').fill('Un titre bien trop long pour WhatsApp');
        expect(await box().locator('[data-testid=interactive-send]').isDisabled()).to.equal(true);
        await box().locator('[data-testid=interactive-button-2]').fill('Soir');
        await shot('composer-interactive-buttons');
      }
      await box().locator('[data-testid=interactive-send]').click();
      const message = await eventually(async () => sent('interactive').find((body) => (body.interactive as { body: { text: string } }).body.text === `Choisissez (${kind})`));
      expect(message.interactive).to.deep.include(expected);
      await box().locator('[data-testid=interactive-builder]').waitFor({ state: 'detached' });
    });
  }

  it('inserts a canned reply with /shortcut, its placeholders filled for this customer and this agent', async () => {
    await sql(`INSERT INTO whatsapp_canned_replies (shortcut, title, body, language) VALUES ('horaires', 'Horaires', 'Bonjour {{contact.name}}, ici {{agent.name}} pour {{crm.label}} : nous ouvrons à 8 h.', 'fr')`);
    await page.reload();
    await thread().locator('[data-testid=message]').first().waitFor();
    await page.locator('[data-testid=reply-text]').pressSequentially('/hor');
    await box().locator('[data-testid=canned-suggestions-choice]').first().waitFor();
    await page.press('[data-testid=reply-text]', 'Enter');
    const [{ name }] = await sql(`SELECT name FROM whatsapp_agents WHERE email = $1`, [ROOT.email]);
    const filled = `Bonjour Amina Belkacem, ici ${name} pour Lycée Ibn Khaldoun, Alger : nous ouvrons à 8 h.`;
    expect(await page.inputValue('[data-testid=reply-text]')).to.equal(filled);
    await page.press('[data-testid=reply-text]', 'Enter');
    await eventually(async () => sent('text').find((body) => (body.text as { body: string }).body === filled));
  });

  it('adds a private note mentioning Karim: it is never sent, and Karim sees it live with a notice and a count', async () => {
    karimContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const karim = await karimContext.newPage();
    await signInAs(karim, office.baseUrl, KARIM);
    await karim.goto(conversationUrl());
    await karim.locator('[data-testid=timeline] [data-testid=message]').first().waitFor();
    const sends = office.sandbox.log.acceptedMessages().length;

    await box().locator('[data-testid=mode-note]').click();
    await page.locator('[data-testid=reply-text]').pressSequentially('@Kar');
    await box().locator('[data-testid=mention-suggestions-choice]', { hasText: KARIM.name }).click();
    await page.locator('[data-testid=reply-text]').pressSequentially('peux-tu rappeler la cliente ?');
    await box().locator('[data-testid=reply-send]').click();

    await thread().locator('[data-testid=note]').first().waitFor();
    const note = karim.locator('[data-testid=timeline] [data-testid=note]');
    await note.first().waitFor({ timeout: 15_000 });
    expect(await note.first().innerText()).to.include(`@${KARIM.name} peux-tu rappeler la cliente ?`);
    await karim.locator('[data-testid=mention-toast]').waitFor({ timeout: 15_000 });
    await karim.locator('[data-testid=mention-count]', { hasText: '1' }).waitFor();
    await shot('composer-note-mention-received', karim);
    const [mention] = await sql(`SELECT agent_id, seen_at FROM whatsapp_mentions`);
    expect(mention).to.deep.equal({ agent_id: karimId, seen_at: null });
    expect(office.sandbox.log.acceptedMessages().length, 'a note is never sent to the customer').to.equal(sends);

    // Opening the conversation sees the mention.
    await karim.reload();
    await karim.locator('[data-testid=timeline] [data-testid=note]').first().waitFor();
    await eventually(async () => ((await sql(`SELECT seen_at FROM whatsapp_mentions`))[0].seen_at ? true : undefined));
    await box().locator('[data-testid=mode-reply]').click();
  });

  const soon = (seconds: number) => {
    const at = new Date(Date.now() + seconds * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  };

  it('schedules a message: it waits in the strip, can be canceled, and goes at its time', async () => {
    await page.fill('[data-testid=reply-text]', 'Message annulé');
    await box().locator('[data-testid=schedule]').click();
    await box().locator('[data-testid=schedule-tomorrowMorning]').click();
    await box().locator('[data-testid=scheduled-message]').waitFor();
    await box().locator('[data-testid=scheduled-cancel]').click();
    await box().locator('[data-testid=scheduled-message]').waitFor({ state: 'detached' });

    await page.fill('[data-testid=reply-text]', 'Rappel : votre cours commence bientôt.');
    await box().locator('[data-testid=schedule]').click();
    await box().locator('[data-testid=schedule-at]').fill(soon(4));
    await box().locator('[data-testid=schedule-custom]').click();
    await box().locator('[data-testid=scheduled-message][data-status=scheduled]').waitFor();
    expect(await page.inputValue('[data-testid=reply-text]')).to.equal('');
    await shot('composer-scheduled');
    expect(sent('text').some((body) => (body.text as { body: string }).body.startsWith('Rappel'))).to.equal(false);

    await thread().locator('[data-testid=message][data-direction=outbound]', { hasText: 'Rappel : votre cours commence bientôt.' }).waitFor({ timeout: 30_000 });
    await eventually(async () => sent('text').find((body) => (body.text as { body: string }).body === 'Rappel : votre cours commence bientôt.'), 15_000);
    await box().locator('[data-testid=scheduled-message]').waitFor({ state: 'detached' });
    expect(sent('text').filter((body) => (body.text as { body: string }).body === 'Message annulé')).to.deep.equal([]);
  });

  it('snoozes the conversation: it leaves the open list and comes back at its time, or when the customer writes', async () => {
    await box().locator('[data-testid=snooze]').click();
    await box().locator('[data-testid=snooze-at]').fill(soon(4));
    await box().locator('[data-testid=snooze-custom]').click();
    await box().locator('[data-testid=snoozed-banner]').waitFor();
    expect((await sql(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0].status).to.equal('snoozed');
    await box().locator('[data-testid=snoozed-banner]').waitFor({ state: 'detached', timeout: 30_000 });
    expect((await sql(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0].status).to.equal('open');

    await box().locator('[data-testid=snooze]').click();
    await box().locator('[data-testid=snooze-until-reply]').click();
    await box().locator('[data-testid=snoozed-banner]').waitFor();
    await office.deliver('text', { from: CUSTOMER, name: 'Amina Belkacem', text: 'Vous êtes là ?' });
    await box().locator('[data-testid=snoozed-banner]').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await sql(`SELECT status FROM whatsapp_conversations WHERE id = $1`, [conversationId]))[0].status).to.equal('open');
    await karimContext?.close();
  });
});

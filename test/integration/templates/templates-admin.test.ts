import { expect } from 'chai';
import { startSandboxGraphApi, type SandboxGraphApi } from '../../../src/sandbox/start-sandbox-graph-api.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { Browser, formData } from '../../support/test-back-office.js';
import { seedTemplate } from './support/templates-harness.js';
import { PASSWORD, startTemplatesBackOffice, type TemplatesBackOffice } from './support/templates-back-office.js';

const TOKEN = 'EAAG-admin-sandbox-token';
const WABA_ID = TEST_ACCOUNT.wabaId;
const API = '/admin/api/resources/whatsapp_templates';

describe('templates in the back office (admin API over HTTP)', function () {
  this.timeout(60_000);
  let sandbox: SandboxGraphApi;
  let office: TemplatesBackOffice;
  let manager: Browser;
  let agent: Browser;

  before(async () => {
    sandbox = await startSandboxGraphApi({ numbers: [{ phoneNumberId: TEST_ACCOUNT.phoneNumberId, wabaId: WABA_ID }], accessToken: TOKEN });
    office = await startTemplatesBackOffice(sandbox.url, TOKEN);
    manager = new Browser(office.baseUrl);
    agent = new Browser(office.baseUrl);
    expect((await manager.login('manager@example.com', PASSWORD)).status).to.equal(303);
    expect((await agent.login('agent@example.com', PASSWORD)).status).to.equal(303);
  });
  after(async () => {
    await office?.stop();
    await sandbox?.close();
  });
  beforeEach(async () => {
    sandbox.templates.clear();
    sandbox.log.clear();
    await office.dataSource.query(`DELETE FROM whatsapp_templates`);
  });

  const post = (browser: Browser, path: string, fields: Record<string, string> = {}) =>
    browser.request(path, { method: 'POST', body: formData(fields) }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const get = (browser: Browser, path: string) => browser.request(path).then(async (response) => ({ status: response.status, body: await response.json() }));
  const rows = () => office.dataSource.query(`SELECT id, name, language, status, components FROM whatsapp_templates ORDER BY name`);
  const synced = async (...names: string[]) => {
    sandbox.templates.seed(WABA_ID, names.map((name) => seedTemplate(name)));
    await post(manager, `${API}/actions/syncFromMeta`, { accountId: office.accountId });
    sandbox.log.clear();
    return Object.fromEntries((await rows()).map((row: { name: string; id: string }) => [row.name, row.id]));
  };

  const REMINDER_FORM = {
    name: 'rappel_cours',
    language: 'fr',
    category: 'UTILITY',
    parameterFormat: 'POSITIONAL',
    bodyText: 'Bonjour {{1}}, votre cours commence le {{2}}.',
    'bodyExamples.1': 'Amina',
    'bodyExamples.2': '12 mai',
    'buttons.0.type': 'QUICK_REPLY',
    'buttons.0.text': 'Je confirme',
  };

  describe('as a manager', () => {
    it('creates a template from the form: submitted to Meta, stored PENDING, redirected to it', async () => {
      const { status, body } = await post(manager, `${API}/actions/new`, { accountId: office.accountId, ...REMINDER_FORM });

      expect(status).to.equal(200);
      expect(body.notice).to.include({ message: 'templates.submitted', type: 'success' });
      const [row] = await rows();
      expect(row).to.include({ name: 'rappel_cours', status: 'PENDING' });
      expect(body.redirectUrl).to.equal(`${API.replace('/api', '')}/records/${row.id}/show`);
      expect(sandbox.templates.find(WABA_ID, 'rappel_cours', 'fr')!.components).to.deep.equal([
        { type: 'BODY', text: 'Bonjour {{1}}, votre cours commence le {{2}}.', example: { body_text: [['Amina', '12 mai']] } },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Je confirme' }] },
      ]);
    });

    it('shows every problem on its field, keeps what was typed, and sends nothing', async () => {
      const { body } = await post(manager, `${API}/actions/new`, {
        accountId: office.accountId,
        ...REMINDER_FORM,
        name: 'Rappel cours',
        'bodyExamples.2': '',
        'buttons.0.text': 'Un libellé bien trop long pour un bouton',
      });

      expect(body.notice).to.include({ message: 'templates.hasProblems', type: 'error' });
      expect(body.record.errors).to.deep.equal({
        name: { message: 'templateRules.name.invalidCharacters', type: 'templateRules', params: { value: 'Rappel cours' } },
        'bodyExamples.2': { message: 'templateRules.example.empty', type: 'templateRules', params: { variable: '{{2}}' } },
        'buttons.0.text': { message: 'templateRules.buttons.textTooLong', type: 'templateRules', params: { max: 25, length: 40 } },
      });
      expect(body.record.params).to.include({ name: 'Rappel cours', 'bodyExamples.1': 'Amina' });
      expect(await rows()).to.deep.equal([]);
      expect(sandbox.log.entries({ endpoint: 'template-create' })).to.deep.equal([]);
    });

    it('shows Meta’s refusal and keeps the refused template', async () => {
      sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'meta-error', code: 100, details: 'The body looks promotional.' } });

      const { body } = await post(manager, `${API}/actions/new`, { accountId: office.accountId, ...REMINDER_FORM });

      expect(body.notice).to.deep.include({ message: 'templates.refusedByMeta', type: 'error' });
      expect(body.notice.options.reason).to.match(/promotional/);
      expect(await rows()).to.have.length(1).and.to.have.nested.property('[0].status', 'REJECTED');
    });

    it('loads the form of a template on GET and edits it on POST only', async () => {
      const { rappel_cours: id } = await synced('rappel_cours');

      const { body: loaded } = await get(manager, `${API}/records/${id}/edit`);
      expect(loaded.record.params).to.include({ name: 'rappel_cours', bodyText: 'Bonjour {{1}}, voici le modèle rappel_cours.', 'bodyExamples.1': 'Amina' });
      expect(sandbox.log.entries()).to.deep.equal([]);

      const { body } = await post(manager, `${API}/records/${id}/edit`, {
        category: 'UTILITY',
        bodyText: 'Bonjour {{1}}, votre cours est confirmé.',
        'bodyExamples.1': 'Amina',
      });

      expect(body.notice).to.include({ message: 'templates.submitted', type: 'success' });
      expect(sandbox.templates.find(WABA_ID, 'rappel_cours', 'fr')).to.include({ status: 'PENDING' });
      const [row] = await rows();
      expect(row.components[0].text).to.equal('Bonjour {{1}}, votre cours est confirmé.');
    });

    it('deletes a template at Meta on POST, never on GET', async () => {
      const { rappel_cours: id } = await synced('rappel_cours');

      expect((await get(manager, `${API}/records/${id}/delete`)).status).to.equal(200);
      expect(sandbox.templates.list(WABA_ID)).to.have.length(1);

      const { body } = await post(manager, `${API}/records/${id}/delete`);

      expect(body.notice).to.include({ message: 'templates.deletedAtMeta', type: 'success' });
      expect(sandbox.templates.list(WABA_ID)).to.deep.equal([]);
      expect(await rows()).to.have.nested.property('[0].status', 'DELETED');
    });

    it('syncs a number from Meta on POST, and only lists the numbers on GET', async () => {
      sandbox.templates.seed(WABA_ID, [seedTemplate('a_un'), seedTemplate('b_deux')]);

      const { body: choices } = await get(manager, `${API}/actions/syncFromMeta`);
      expect(choices.accounts).to.deep.equal([{ id: office.accountId, name: `WhatsApp ${TEST_ACCOUNT.displayPhoneNumber}`, displayPhoneNumber: TEST_ACCOUNT.displayPhoneNumber, hasAccessToken: true }]);
      expect(sandbox.log.entries()).to.deep.equal([]);

      const { body } = await post(manager, `${API}/actions/syncFromMeta`, { accountId: office.accountId });

      expect(body.notice).to.deep.equal({
        message: 'templates.synced',
        type: 'success',
        resourceId: 'whatsapp_templates',
        options: { accountId: office.accountId, listed: 2, created: 2, updated: 0, unchanged: 0, missing: 0 },
      });
      expect((await rows()).map((row: { name: string }) => row.name)).to.deep.equal(['a_un', 'b_deux']);
    });
  });

  describe('as an agent', () => {
    it('lists and reads templates, with their components', async () => {
      const { rappel_cours: id } = await synced('rappel_cours');

      const list = await get(agent, `${API}/actions/list`);
      expect(list.status).to.equal(200);
      expect(list.body.records.map((r: { id: string }) => r.id)).to.deep.equal([id]);
      const show = await get(agent, `${API}/records/${id}/show`);
      expect(show.body.record.params).to.include({ 'components.0.text': 'Bonjour {{1}}, voici le modèle rappel_cours.' });
    });

    it('is refused every change, and nothing changes', async () => {
      const { rappel_cours: id } = await synced('rappel_cours');
      const before = await rows();

      const attempts = [
        await post(agent, `${API}/actions/new`, { accountId: office.accountId, ...REMINDER_FORM, name: 'par_agent' }),
        await post(agent, `${API}/records/${id}/edit`, { category: 'MARKETING', bodyText: 'Changé {{1}} ici.', 'bodyExamples.1': 'x' }),
        await post(agent, `${API}/records/${id}/delete`),
        await post(agent, `${API}/actions/syncFromMeta`, { accountId: office.accountId }),
      ];

      for (const attempt of attempts) expect(attempt.body.notice).to.include({ type: 'error', message: 'forbiddenError' });
      expect(await rows()).to.deep.equal(before);
      expect(sandbox.log.entries()).to.deep.equal([]);
    });
  });
});

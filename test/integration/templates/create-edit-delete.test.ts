import { REMINDER_TEMPLATE } from '../../fixtures/reminder-template.js';
import { expect } from 'chai';
import { createTemplate } from '../../../src/templates/create-template.js';
import { deleteTemplate } from '../../../src/templates/delete-template.js';
import { editTemplate } from '../../../src/templates/edit-template.js';
import { syncTemplates } from '../../../src/templates/sync-templates.js';
import { seedTemplate, startTemplatesHarness, WABA_ID, type TemplatesHarness } from './support/templates-harness.js';

const REMINDER = REMINDER_TEMPLATE;

describe('templates: create, edit and delete through Meta', function () {
  this.timeout(30_000);
  let h: TemplatesHarness;

  beforeEach(async () => {
    h = await startTemplatesHarness();
  });
  afterEach(() => h.close());

  const create = (draft: unknown = REMINDER) => createTemplate(h.templates, { accountId: h.accountId, draft, actor: null });
  const createRequests = () => h.sandbox.log.entries({ endpoint: 'template-create' });

  describe('create', () => {
    it('submits a valid template to Meta and stores it PENDING with Meta id, category and components', async () => {
      const result = await create();

      expect(result.status).to.equal('submitted');
      const atMeta = h.sandbox.templates.find(WABA_ID, 'rappel_inscription', 'fr')!;
      expect(atMeta).to.include({ status: 'PENDING', category: 'UTILITY' });
      expect(atMeta.components).to.deep.equal(REMINDER.components);
      const row = (await h.row('rappel_inscription'))!;
      expect(row).to.include({ status: 'PENDING', meta_id: atMeta.id, category: 'UTILITY', account_id: h.accountId, problem_code: null });
      expect(row.components).to.deep.equal(REMINDER.components);
      expect(createRequests()).to.have.length(1);
    });

    it('returns every problem of an invalid draft and neither stores nor sends anything', async () => {
      const result = await create({
        ...REMINDER,
        name: 'Rappel inscription',
        components: [{ type: 'BODY', text: '{{1}} votre cours {{3}} expire.', example: { body_text: [['Amina']] } }],
      });

      expect(result.status).to.equal('invalid');
      const keys = result.status === 'invalid' ? result.problems.map((p) => p.key) : [];
      expect(keys).to.include.members([
        'templateRules.name.invalidCharacters',
        'templateRules.variables.notSequential',
        'templateRules.body.variableAtStart',
        'templateRules.example.count',
      ]);
      expect(await h.db.dataSource.query(`SELECT * FROM whatsapp_templates`)).to.deep.equal([]);
      expect(createRequests()).to.deep.equal([]);
    });

    it('refuses a number that has no access token, on the account field, before anything is stored', async () => {
      await h.db.dataSource.query(`UPDATE whatsapp_accounts SET access_token_encrypted = NULL`);
      const result = await create();
      expect(result).to.deep.equal({ status: 'invalid', problems: [{ path: 'accountId', key: 'templates.account.hasNoToken', params: {} }] });
      expect(createRequests()).to.deep.equal([]);
    });

    it('keeps Meta’s refusal on the stored template, status REJECTED with Meta’s words', async () => {
      // Meta already has it (created elsewhere, never synced): Meta refuses the duplicate.
      h.sandbox.templates.seed(WABA_ID, [seedTemplate('rappel_inscription')]);

      const result = await create();

      expect(result.status).to.equal('refused');
      const row = (await h.row('rappel_inscription'))!;
      expect(row).to.include({ status: 'REJECTED', meta_id: null, problem_code: 100 });
      expect(row.rejection_reason).to.match(/already exists for the template rappel_inscription/);
      expect(row.problem_message).to.equal(row.rejection_reason);
      expect(row.components).to.deep.equal(REMINDER.components);
    });

    it('flags the number too when Meta says the token is no longer valid', async () => {
      h.sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'meta-error', code: 190 } });

      expect((await create()).status).to.equal('refused');

      expect(await h.row('rappel_inscription')).to.include({ status: 'REJECTED', problem_code: 190 });
      const [account] = await h.db.dataSource.query(`SELECT problem_code, problem_message FROM whatsapp_accounts WHERE id = $1`, [h.accountId]);
      expect(account.problem_code).to.equal(190);
    });

    it('keeps a template Meta never answered for as DRAFT with the failure, and submits it again when asked', async () => {
      h.sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'drop' } });

      const first = await create();

      expect(first.status).to.equal('unanswered');
      expect(first.status === 'unanswered' && first.error.outcome).to.equal('unknown');
      const kept = (await h.row('rappel_inscription'))!;
      expect(kept).to.include({ status: 'DRAFT', meta_id: null });
      expect(kept.problem_message).to.be.a('string').and.not.equal('');

      const again = await create();
      expect(again.status).to.equal('submitted');
      const row = (await h.row('rappel_inscription'))!;
      expect(row).to.include({ id: kept.id, status: 'PENDING', problem_message: null });
      expect(h.sandbox.templates.list(WABA_ID)).to.have.length(1);
    });

    it('refuses a name and language the number already has at Meta', async () => {
      expect((await create()).status).to.equal('submitted');
      const second = await create();
      expect(second).to.deep.equal({
        status: 'invalid',
        problems: [{ path: 'name', key: 'templates.alreadyExists', params: { name: 'rappel_inscription', language: 'fr' } }],
      });
      expect(createRequests()).to.have.length(1);
    });
  });

  describe('edit', () => {
    const edited = {
      ...REMINDER,
      components: [
        { type: 'BODY', text: 'Bonjour {{1}}, votre inscription au cours {{2}} expire dans {{3}} jours.', example: { body_text: [['Amina', 'Anglais B1', '3']] } },
      ],
    };

    it('sends the new definition to Meta and stores it once Meta took it, back in review', async () => {
      const [atMeta] = h.sandbox.templates.seed(WABA_ID, [{ ...REMINDER, status: 'APPROVED' }]);
      await syncTemplates(h.templates, h.accountId, null);
      const { id } = (await h.row('rappel_inscription'))!;

      const result = await editTemplate(h.templates, { templateId: id as string, draft: { ...edited, name: 'other_name' }, actor: null });

      expect(result.status).to.equal('submitted');
      expect(atMeta!.status).to.equal('PENDING');
      expect(atMeta!.components).to.deep.equal(edited.components);
      const row = (await h.row('rappel_inscription'))!;
      expect(row).to.include({ status: 'PENDING', name: 'rappel_inscription' });
      expect(row.components).to.deep.equal(edited.components);
    });

    it('keeps the stored definition and Meta’s refusal when Meta refuses the edit', async () => {
      await create(); // PENDING at Meta: not editable until reviewed
      const { id } = (await h.row('rappel_inscription'))!;

      const result = await editTemplate(h.templates, { templateId: id as string, draft: edited, actor: null });

      expect(result.status).to.equal('refused');
      const row = (await h.row('rappel_inscription'))!;
      expect(row.components).to.deep.equal(REMINDER.components);
      expect(row).to.include({ status: 'PENDING', problem_code: 100 });
      expect(row.problem_message).to.match(/cannot be edited/);
    });

    it('submits a template Meta refused as a new template when it is corrected', async () => {
      h.sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'meta-error', code: 100, details: 'Body too promotional' } });
      await create();
      const { id } = (await h.row('rappel_inscription'))!;

      const result = await editTemplate(h.templates, { templateId: id as string, draft: edited, actor: null });

      expect(result.status).to.equal('submitted');
      expect(h.sandbox.templates.find(WABA_ID, 'rappel_inscription', 'fr')!.components).to.deep.equal(edited.components);
      expect(await h.row('rappel_inscription')).to.include({ id, status: 'PENDING', rejection_reason: null, problem_code: null });
    });

    it('checks the new definition before calling Meta', async () => {
      h.sandbox.templates.seed(WABA_ID, [{ ...REMINDER }]);
      await syncTemplates(h.templates, h.accountId, null);
      const { id } = (await h.row('rappel_inscription'))!;

      const result = await editTemplate(h.templates, { templateId: id as string, draft: { ...REMINDER, components: [{ type: 'BODY', text: '' }] }, actor: null });

      expect(result.status === 'invalid' && result.problems.map((p) => p.key)).to.deep.equal(['templateRules.body.textRequired']);
      expect(h.sandbox.log.entries({ endpoint: 'template-edit' })).to.deep.equal([]);
    });
  });

  describe('delete', () => {
    it('deletes one language at Meta (name and hsm_id) and keeps the row as DELETED; deleting again removes it', async () => {
      h.sandbox.templates.seed(WABA_ID, [seedTemplate('bienvenue'), seedTemplate('bienvenue', { language: 'en' })]);
      await syncTemplates(h.templates, h.accountId, null);
      const row = (await h.row('bienvenue'))!;

      const result = await deleteTemplate(h.templates, { templateId: row.id as string, actor: null });

      expect(result.status).to.equal('deleted');
      expect(h.sandbox.templates.list(WABA_ID).map((t) => `${t.name}/${t.language}`)).to.deep.equal(['bienvenue/en']);
      const [request] = h.sandbox.log.entries({ endpoint: 'template-delete' });
      expect(request!.path).to.equal(`/${WABA_ID}/message_templates`);
      expect(await h.row('bienvenue')).to.include({ status: 'DELETED' });
      expect(await h.row('bienvenue', 'en')).to.include({ status: 'APPROVED' });

      expect(await deleteTemplate(h.templates, { templateId: row.id as string, actor: null })).to.deep.equal({ status: 'removed' });
      expect(await h.row('bienvenue')).to.equal(undefined);
      expect(h.sandbox.log.entries({ endpoint: 'template-delete' })).to.have.length(1);
    });

    it('removes a template Meta never had without calling Meta', async () => {
      h.sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'meta-error', code: 100 } });
      await create();
      const { id } = (await h.row('rappel_inscription'))!;

      expect(await deleteTemplate(h.templates, { templateId: id as string, actor: null })).to.deep.equal({ status: 'removed' });
      expect(h.sandbox.log.entries({ endpoint: 'template-delete' })).to.deep.equal([]);
    });

    it('keeps the template and says why when Meta refuses to delete it', async () => {
      h.sandbox.templates.seed(WABA_ID, [seedTemplate('bienvenue')]);
      await syncTemplates(h.templates, h.accountId, null);
      const { id } = (await h.row('bienvenue'))!;
      h.sandbox.faults.add({ endpoint: 'template-delete', times: 1, action: { type: 'meta-error', code: 10 } });

      const result = await deleteTemplate(h.templates, { templateId: id as string, actor: null });

      expect(result.status).to.equal('refused');
      expect(await h.row('bienvenue')).to.include({ status: 'APPROVED', problem_code: 10 });
      expect(h.sandbox.templates.list(WABA_ID)).to.have.length(1);
    });
  });
});

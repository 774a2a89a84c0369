import { expect } from 'chai';
import { GraphApiError } from '../../../src/cloud-api/index.js';
import { createTemplate } from '../../../src/templates/create-template.js';
import { syncTemplates } from '../../../src/templates/sync-templates.js';
import { TemplateAccountError } from '../../../src/templates/template-account.js';
import { seedTemplate, startTemplatesHarness, WABA_ID, type TemplatesHarness } from './support/templates-harness.js';

const NAMES = ['a_un', 'b_deux', 'c_trois', 'd_quatre', 'e_cinq', 'f_six', 'g_sept'];

describe('templates: sync from Meta', function () {
  this.timeout(30_000);
  let h: TemplatesHarness;

  afterEach(() => h.close());

  const rows = async () =>
    (await h.db.dataSource.query(
      `SELECT name, language, status, category, quality, meta_id, components, rejection_reason, last_synced_at, updated_at
         FROM whatsapp_templates ORDER BY name, language`,
    )) as Record<string, unknown>[];

  it('follows every page and creates each template; a second sync changes nothing', async () => {
    h = await startTemplatesHarness();
    const seeded = h.sandbox.templates.seed(WABA_ID, [
      ...NAMES.map((name) => seedTemplate(name)),
      seedTemplate('a_un', { language: 'en', status: 'PENDING', parameter_format: 'NAMED', quality_score: { score: 'YELLOW' } }),
    ]);
    h.sandbox.templates.seed('999000999000999', [seedTemplate('other_waba')]);

    const report = await syncTemplates(h.templates, h.accountId, null, { pageSize: 3 });

    expect(report).to.deep.equal({ accountId: h.accountId, listed: 8, created: 8, updated: 0, unchanged: 0, missing: 0 });
    expect(h.sandbox.log.entries({ endpoint: 'templates-list' })).to.have.length(3);
    const stored = await rows();
    expect(stored.map((r) => `${r.name}/${r.language}`)).to.deep.equal(['a_un/en', 'a_un/fr', ...NAMES.slice(1).map((n) => `${n}/fr`)]);
    const english = stored[0]!;
    expect(english).to.include({ status: 'PENDING', quality: 'YELLOW', meta_id: seeded[7]!.id, category: 'UTILITY' });
    expect(stored[1]!.components).to.deep.equal(seeded[0]!.components);
    expect(stored.every((r) => r.last_synced_at instanceof Date)).to.equal(true);

    const again = await syncTemplates(h.templates, h.accountId, null, { pageSize: 3 });
    expect(again).to.include({ listed: 8, created: 0, updated: 0, unchanged: 8, missing: 0 });
    const after = await rows();
    expect(after.map((r) => r.updated_at)).to.deep.equal(stored.map((r) => r.updated_at));
    expect((after[0]!.last_synced_at as Date).getTime()).to.be.greaterThan((stored[0]!.last_synced_at as Date).getTime());
  });

  it('updates what Meta changed, adds what is new and marks DELETED what Meta no longer lists', async () => {
    h = await startTemplatesHarness();
    const seeded = h.sandbox.templates.seed(WABA_ID, NAMES.map((name) => seedTemplate(name)));
    await syncTemplates(h.templates, h.accountId, null, { pageSize: 3 });
    // A template being submitted (no Meta id yet) is not Meta's to mark.
    await h.db.dataSource.query(`INSERT INTO whatsapp_templates (account_id, name, language, status) VALUES ($1, 'z_brouillon', 'fr', 'DRAFT')`, [
      h.accountId,
    ]);

    seeded[1]!.status = 'PAUSED';
    seeded[1]!.quality_score = { score: 'RED' };
    seeded[2]!.status = 'REJECTED';
    seeded[2]!.rejected_reason = 'INVALID_FORMAT';
    h.sandbox.templates.delete(WABA_ID, 'd_quatre');
    h.sandbox.templates.seed(WABA_ID, [seedTemplate('h_huit', { category: 'MARKETING' })]);

    const report = await syncTemplates(h.templates, h.accountId, null, { pageSize: 3 });

    expect(report).to.include({ listed: 7, created: 1, updated: 2, unchanged: 4, missing: 1 });
    expect(await h.row('b_deux')).to.include({ status: 'PAUSED', quality: 'RED' });
    expect(await h.row('c_trois')).to.include({ status: 'REJECTED', rejection_reason: 'INVALID_FORMAT' });
    expect(await h.row('d_quatre')).to.include({ status: 'DELETED' });
    expect(await h.row('h_huit')).to.include({ status: 'APPROVED', category: 'MARKETING' });
    expect(await h.row('z_brouillon')).to.include({ status: 'DRAFT', meta_id: null });

    // It comes back (restored at Meta): the next sync says so.
    h.sandbox.templates.seed(WABA_ID, [seedTemplate('d_quatre')]);
    expect(await syncTemplates(h.templates, h.accountId, null)).to.include({ updated: 1, missing: 0 });
    expect(await h.row('d_quatre')).to.include({ status: 'APPROVED' });
  });

  it('links a submission Meta never answered for, once Meta lists it, and clears its failure', async () => {
    h = await startTemplatesHarness();
    h.sandbox.faults.add({ endpoint: 'template-create', times: 1, action: { type: 'drop' } });
    await createTemplate(h.templates, { accountId: h.accountId, draft: seedTemplate('rappel'), actor: null });
    expect(await h.row('rappel')).to.include({ status: 'DRAFT', meta_id: null });
    const [atMeta] = h.sandbox.templates.seed(WABA_ID, [seedTemplate('rappel', { status: 'PENDING' })]);

    expect(await syncTemplates(h.templates, h.accountId, null)).to.include({ updated: 1 });

    expect(await h.row('rappel')).to.include({ status: 'PENDING', meta_id: atMeta!.id, problem_message: null, problem_code: null });
  });

  it('leaves a template changed while Meta was listing (a webhook) as the newer change made it', async () => {
    let changeDuringListing: (() => Promise<void>) | null = null;
    h = await startTemplatesHarness({
      client: {
        fetch: async (input, init) => {
          const change = changeDuringListing;
          changeDuringListing = null;
          if (change) await change();
          return fetch(input, init);
        },
      },
    });
    h.sandbox.templates.seed(WABA_ID, [seedTemplate('a_un'), seedTemplate('b_deux')]);
    await syncTemplates(h.templates, h.accountId, null);
    h.sandbox.templates.delete(WABA_ID, 'b_deux');
    h.sandbox.templates.find(WABA_ID, 'a_un', 'fr')!.status = 'PAUSED';
    changeDuringListing = async () => {
      await h.db.dataSource.query(`UPDATE whatsapp_templates SET status = 'DISABLED', updated_at = now()`);
    };

    const report = await syncTemplates(h.templates, h.accountId, null);

    expect(report).to.include({ listed: 1, updated: 0, missing: 0 });
    expect(await h.row('a_un')).to.include({ status: 'DISABLED' });
    expect(await h.row('b_deux')).to.include({ status: 'DISABLED' });
  });

  it('throws Meta’s error and flags the number when Meta no longer accepts its token', async () => {
    h = await startTemplatesHarness({ sandbox: { accessToken: 'another-token' } });

    const error = await syncTemplates(h.templates, h.accountId, null).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).to.be.instanceOf(GraphApiError);
    expect((error as GraphApiError).code).to.equal(190);
    const [account] = await h.db.dataSource.query(`SELECT problem_code FROM whatsapp_accounts WHERE id = $1`, [h.accountId]);
    expect(account.problem_code).to.equal(190);
    expect(await rows()).to.deep.equal([]);
  });

  it('refuses a number without an access token before calling Meta', async () => {
    h = await startTemplatesHarness();
    await h.db.dataSource.query(`UPDATE whatsapp_accounts SET access_token_encrypted = NULL`);

    const error = await syncTemplates(h.templates, h.accountId, null).catch((e: unknown) => e);

    expect(error).to.be.instanceOf(TemplateAccountError).and.include({ key: 'templates.account.hasNoToken' });
    expect(h.sandbox.log.entries()).to.deep.equal([]);
  });
});

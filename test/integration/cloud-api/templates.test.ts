import { REMINDER_TEMPLATE } from '../../fixtures/reminder-template.js';
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphApiClient } from '../../../src/cloud-api/graph-api-client.js';
import type { TemplateDefinition } from '../../../src/cloud-api/message-template.js';
import type { SeedTemplate } from '../../../src/sandbox/sandbox-template-store.js';
import { failure, NUMBER, startSandboxFixture, type SandboxFixture } from './sandbox-fixture.js';

const seed = (name: string, language = 'fr', status = 'APPROVED'): SeedTemplate => ({
  name,
  language,
  category: 'UTILITY',
  status,
  components: [{ type: 'BODY', text: `Modèle ${name}` }],
});

const REMINDER = REMINDER_TEMPLATE;

describe('templates through the client (list with paging, create, edit, delete)', () => {
  let fixture: SandboxFixture;

  beforeEach(async () => {
    fixture = await startSandboxFixture();
  });
  afterEach(() => fixture.sandbox.close());

  it('lists every template across several pages by following paging.next', async () => {
    const names = ['a_one', 'b_two', 'c_three', 'd_four', 'e_five', 'f_six', 'g_seven'];
    fixture.sandbox.templates.seed(NUMBER.wabaId, names.map((name) => seed(name)));
    fixture.sandbox.templates.seed('999000999000999', [seed('other_waba')]);

    const templates = await fixture.client.listTemplates(fixture.waba, { limit: 3 });

    expect(templates.map((t) => t.name)).to.deep.equal(names);
    expect(templates[0]).to.have.all.keys('id', 'name', 'language', 'status', 'category', 'components', 'parameter_format');
    const pages = fixture.sandbox.log.entries({ endpoint: 'templates-list' });
    expect(pages).to.have.length(3);
    expect(pages.map((page) => (page.answer as { data: unknown[] }).data.length)).to.deep.equal([3, 3, 1]);
    expect((pages[2]!.answer as { paging: Record<string, unknown> }).paging).not.to.have.property('next');
  });

  it('passes fields and filters to Meta', async () => {
    fixture.sandbox.templates.seed(NUMBER.wabaId, [seed('ok_one'), seed('pending_one', 'fr', 'PENDING'), seed('ok_two', 'en')]);
    const approved = await fixture.client.listTemplates(fixture.waba, { fields: ['name', 'status'], filters: { status: 'APPROVED' } });
    expect(approved).to.deep.equal([
      { id: approved[0]!.id, name: 'ok_one', status: 'APPROVED' },
      { id: approved[1]!.id, name: 'ok_two', status: 'APPROVED' },
    ]);
  });

  it('refuses to follow a paging link to another host (the token would go with it)', async () => {
    const hostile = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: [{ id: '1', name: 'x', language: 'fr', status: 'APPROVED' }], paging: { next: 'http://127.0.0.2:9/steal?after=x' } }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      const client = createGraphApiClient({ graphUrl: `http://127.0.0.1:${(hostile.address() as AddressInfo).port}` });
      const error = await failure(client.listTemplates(fixture.waba));
      expect(error).to.include({ kind: 'invalid-response', outcome: 'not-sent' });
      expect(error.message).to.contain('http://127.0.0.2:9');
    } finally {
      await new Promise((resolve) => hostile.close(resolve));
    }
  });

  it('creates a template: PENDING with its category, and the body as Meta documents it', async () => {
    const created = await fixture.client.createTemplate(fixture.waba, REMINDER);
    expect(created).to.deep.equal({ id: created.id, status: 'PENDING', category: 'UTILITY' });
    expect(fixture.sandbox.log.last('template-create')!.body).to.deep.equal(REMINDER);
    const [listed] = await fixture.client.listTemplates(fixture.waba);
    expect(listed).to.include({ id: created.id, name: 'rappel_inscription', status: 'PENDING' });
  });

  it("refuses what Meta refuses: bad names, missing examples, a name already used in that language", async () => {
    expect(await failure(fixture.client.createTemplate(fixture.waba, { ...REMINDER, name: 'Rappel Inscription' }))).to.include({ code: 100, class: 'permanent' });
    const noExample = { ...REMINDER, components: [{ type: 'BODY' as const, text: 'Bonjour {{1}}' }] };
    expect((await failure(fixture.client.createTemplate(fixture.waba, noExample))).details).to.match(/example/);
    const gap = { ...REMINDER, components: [{ type: 'BODY' as const, text: 'Bonjour {{1}} {{3}}', example: { body_text: [['a', 'b']] } }] };
    expect((await failure(fixture.client.createTemplate(fixture.waba, gap))).details).to.match(/without gaps/);
    await fixture.client.createTemplate(fixture.waba, REMINDER);
    expect(await failure(fixture.client.createTemplate(fixture.waba, REMINDER))).to.include({ code: 100, subcode: 2388024 });
  });

  it('creates a named-parameter template with named examples', async () => {
    const named: TemplateDefinition = {
      name: 'bienvenue',
      language: 'fr',
      category: 'MARKETING',
      parameter_format: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Bonjour {{first_name}}, bienvenue !',
          example: { body_text_named_params: [{ param_name: 'first_name', example: 'Amina' }] },
        },
      ],
    };
    expect((await fixture.client.createTemplate(fixture.waba, named)).status).to.equal('PENDING');
    const missing = { ...named, name: 'bienvenue_2', components: [{ type: 'BODY' as const, text: 'Bonjour {{first_name}}' }] };
    expect((await failure(fixture.client.createTemplate(fixture.waba, missing))).details).to.contain('first_name');
  });

  it('edits a template with POST /{template_id}: it goes back to review', async () => {
    const { id } = await fixture.client.createTemplate(fixture.waba, REMINDER);
    fixture.sandbox.setTemplateStatus(id, 'APPROVED');
    const components = [{ type: 'BODY' as const, text: 'Bonjour {{1}}, votre inscription expire bientôt.', example: { body_text: [['Amina']] } }];
    await fixture.client.editTemplate({ accessToken: fixture.waba.accessToken }, id, { components });
    expect(fixture.sandbox.log.last('template-edit')).to.deep.include({ path: `/${id}`, body: { components } });
    expect(fixture.sandbox.templates.byId(id)).to.deep.include({ status: 'PENDING', components });
  });

  it('deletes one language with hsm_id, or every language by name', async () => {
    const [fr, en] = fixture.sandbox.templates.seed(NUMBER.wabaId, [seed('horaires', 'fr'), seed('horaires', 'en'), seed('tarifs', 'fr')]);
    await fixture.client.deleteTemplate(fixture.waba, { name: 'horaires', hsmId: fr!.id });
    expect(fixture.sandbox.log.last('template-delete')!.path).to.equal(`/${NUMBER.wabaId}/message_templates`);
    expect((await fixture.client.listTemplates(fixture.waba)).map((t) => `${t.name}/${t.language}`)).to.deep.equal(['horaires/en', 'tarifs/fr']);
    await fixture.client.deleteTemplate(fixture.waba, { name: 'horaires' });
    expect(fixture.sandbox.templates.byId(en!.id)).to.equal(undefined);
    expect(await failure(fixture.client.deleteTemplate(fixture.waba, { name: 'horaires' }))).to.include({ code: 100 });
  });
});

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import { createPluginContext, type PluginContext } from '../../../src/context/plugin-context.js';
import { setMarketingConsent } from '../../../src/contacts/set-marketing-consent.js';
import { createApiToken, type ApiTokenInput } from '../../../src/integrations/api-tokens.js';
import { snapshotOf, type InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { SecretBox } from '../../../src/secrets/secret-box.js';
import { seedInboxWorld, type InboxWorld } from '../../support/inbox-roles.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const API = '/admin/api/whatsapp/v1';

/**
 * Campaigns through the REST API: the CRM's systems list sequences and enrol contacts in those a
 * manager opened to the API, on the numbers their token runs campaigns on; and a marketing
 * template sent through the API to a stopped contact is refused before Meta, as everywhere.
 */
describe('campaigns through the REST API: enrolment, and consent on the API send path', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let world: InboxWorld;
  let context: PluginContext;
  let manager: InboxActor;
  const answers: { path: string; method: 'get' | 'post'; status: number; body: unknown }[] = [];

  async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const response = await fetch(office.baseUrl + API + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } };
    if (path.startsWith('/sequences')) {
      answers.push({ path: path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '{sequenceId}'), method: method === 'GET' ? 'get' : 'post', status: response.status, body: json });
    }
    return { status: response.status, body: json };
  }

  const token = async (input: Partial<ApiTokenInput> = {}) =>
    (await createApiToken(context, manager, { name: 'CRM', permissions: ['campaigns.manage'], accountIds: null, expiresInDays: null, ...input })).token;

  async function sequence(accountId: string, name: string, triggers: unknown[]): Promise<string> {
    const [{ id: templateId }] = await office.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components)
       VALUES ($1, $2, 'fr', 'APPROVED', 'UTILITY', '[{"type":"BODY","text":"Bienvenue !"}]') RETURNING id`,
      [accountId, `bienvenue_${name.toLowerCase()}`],
    );
    const [{ id }] = await office.dataSource.query(
      `INSERT INTO whatsapp_sequences (account_id, name, steps, triggers) VALUES ($1, $2, $3, $4) RETURNING id`,
      [accountId, name, JSON.stringify([{ id: 'welcome', kind: 'template', templateId, parameters: {} }]), JSON.stringify(triggers)],
    );
    return id;
  }

  before(async () => {
    office = await startTestBackOffice();
    world = await seedInboxWorld(office);
    context = createPluginContext({ dataSource: office.dataSource, secretBox: new SecretBox(Buffer.alloc(32)), jobs: null as never });
    manager = { id: world.admins.manager.id, role: 'manager', permissions: snapshotOf('manager', []) };
  });
  after(async () => office.stop());

  it('lists the sequences of the token’s numbers and enrols phones in one open to the API, once per contact', async () => {
    const open = await sequence(world.accounts.a, 'Onboarding', [{ kind: 'api' }]);
    await sequence(world.accounts.b, 'Other number', [{ kind: 'api' }]);
    const crm = await token({ accountIds: [world.accounts.a] });

    const listed = await call(crm, 'GET', '/sequences');
    expect(listed.status).to.equal(200);
    expect(listed.body.sequences).to.deep.equal([{ id: open, accountId: world.accounts.a, name: 'Onboarding', status: 'active', acceptsApiEnrollments: true }]);

    const first = await call(crm, 'POST', `/sequences/${open}/enrollments`, { phones: ['0555 00 00 01', '+213 555 77 66 55', 'not a phone'] });
    expect(first.status).to.equal(200);
    expect(first.body).to.deep.include({ alreadyActive: 0, notFound: 1 });
    expect(first.body.enrolled).to.have.length(2);
    const again = await call(crm, 'POST', `/sequences/${open}/enrollments`, { phones: ['+213555000001'] });
    expect(again.body).to.deep.include({ enrolled: [], alreadyActive: 1, notFound: 0 });
    const rows = await office.dataSource.query(`SELECT source FROM whatsapp_sequence_enrollments WHERE sequence_id = $1`, [open]);
    expect(rows.map((row: { source: string }) => row.source)).to.deep.equal(['api', 'api']);
  });

  it('refuses a sequence without the API trigger, another number’s sequence, and a token that may not run campaigns', async () => {
    const closed = await sequence(world.accounts.a, 'Manual only', []);
    const ofB = await sequence(world.accounts.b, 'Of B', [{ kind: 'api' }]);
    const crm = await token({ accountIds: [world.accounts.a] });
    const off = await call(crm, 'POST', `/sequences/${closed}/enrollments`, { phones: ['0555 00 00 01'] });
    expect(off.status).to.equal(422);
    expect(off.body.error).to.include({ code: 'api-enrollment-off' });
    expect(off.body.error!.message).to.match(/API/).and.not.match(/^campaigns\./);
    expect((await call(crm, 'POST', `/sequences/${ofB}/enrollments`, { phones: ['0555 00 00 04'] })).status).to.equal(403);
    const reader = await token({ name: 'Reader', permissions: ['inbox.view_all'] });
    expect((await call(reader, 'GET', '/sequences')).body.sequences).to.deep.equal([]);
    expect((await call(reader, 'POST', `/sequences/${ofB}/enrollments`, { phones: ['0555 00 00 04'] })).status).to.equal(403);
    expect((await call(crm, 'POST', `/sequences/${closed}/enrollments`, {})).status).to.equal(400);
    const [{ count }] = await office.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_sequence_enrollments WHERE sequence_id = ANY($1::uuid[])`, [[closed, ofB]]);
    expect(count).to.equal(0);
  });

  it('refuses a marketing template to a stopped contact through the API, before Meta, with the reason', async () => {
    const [{ id: templateId }] = await office.dataSource.query(
      `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components)
       VALUES ($1, 'promo_api', 'fr', 'APPROVED', 'MARKETING', '[{"type":"BODY","text":"-20 % cette semaine"}]') RETURNING id`,
      [world.accounts.a],
    );
    const [{ contact_id: contactId }] = await office.dataSource.query(`SELECT contact_id FROM whatsapp_conversations WHERE id = $1`, [world.conversations.aFree]);
    await office.dataSource.transaction((m) => setMarketingConsent(m, contactId, true, 'user_preferences'));
    const shop = await token({ name: 'Shop', permissions: ['inbox.view_all', 'inbox.reply'], accountIds: [world.accounts.a] });
    const refused = await call(shop, 'POST', '/messages/template', { conversationId: world.conversations.aFree, templateId });
    expect(refused.status).to.equal(422);
    expect(refused.body.error).to.include({ code: 'marketing-opted-out' });
    const sent = await office.dataSource.query(`SELECT id FROM whatsapp_messages WHERE template_id = $1`, [templateId]);
    expect(sent).to.deep.equal([]);
  });

  it('answers as its OpenAPI document says, for every campaign answer above', async () => {
    const document = (await (await fetch(`${office.baseUrl}${API}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...document, $id: 'openapi' });
    const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    expect(new Set(answers.map((answer) => answer.status))).to.deep.equal(new Set([200, 400, 403, 422]));
    for (const answer of answers) {
      expect(document.paths[answer.path]?.[answer.method]?.responses[String(answer.status)], `${answer.method} ${answer.path} ${answer.status} is documented`).to.not.equal(undefined);
      const validate = ajv.compile({ $ref: `openapi#/${pointer('paths', answer.path, answer.method, 'responses', String(answer.status), 'content', 'application/json', 'schema')}` });
      expect(validate(answer.body), `${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
    }
  });
});

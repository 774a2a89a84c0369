import { expect } from 'chai';
import { startSandboxGraphApi, type SandboxGraphApi } from '../../../src/sandbox/start-sandbox-graph-api.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { Browser, formData } from '../../support/test-back-office.js';
import { seedTemplate } from './support/templates-harness.js';
import { PASSWORD, startTemplatesBackOffice, type TemplatesBackOffice } from './support/templates-back-office.js';

const TOKEN = 'EAAG-per-number-sandbox-token';
const NUMBER_B = { phoneNumberId: '118237465540999', wabaId: '104729381109999', accessToken: TOKEN };
const API = '/admin/api/resources/whatsapp_templates';

/**
 * `templates.manage` is granted per number: an agent who manages number A's templates changes
 * nothing of number B's, whatever the form names, and Meta never hears of it with B's token.
 */
describe('templates: managing is limited to the numbers it was granted for', function () {
  this.timeout(60_000);
  let sandbox: SandboxGraphApi;
  let office: TemplatesBackOffice;
  let numberB: string;
  let manager: Browser;
  let agent: Browser;

  before(async () => {
    sandbox = await startSandboxGraphApi({
      numbers: [{ phoneNumberId: TEST_ACCOUNT.phoneNumberId, wabaId: TEST_ACCOUNT.wabaId }, { phoneNumberId: NUMBER_B.phoneNumberId, wabaId: NUMBER_B.wabaId }],
      accessToken: TOKEN,
    });
    office = await startTemplatesBackOffice(sandbox.url, TOKEN, [NUMBER_B]);
    [{ id: numberB }] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [NUMBER_B.phoneNumberId]);
    await office.dataSource.query(
      `INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) SELECT id, 'templates.manage', $1 FROM whatsapp_agents WHERE email = 'agent@example.com'`,
      [office.accountId],
    );
    manager = new Browser(office.baseUrl);
    agent = new Browser(office.baseUrl);
    expect((await manager.login('manager@example.com', PASSWORD)).status).to.equal(303);
    expect((await agent.login('agent@example.com', PASSWORD)).status).to.equal(303);
  });
  after(async () => {
    await office?.stop();
    await sandbox?.close();
  });

  const post = (browser: Browser, path: string, fields: Record<string, string> = {}) =>
    browser.request(path, { method: 'POST', body: formData(fields) }).then(async (response) => ({ status: response.status, text: await response.text() }));
  const rowsOfB = () => office.dataSource.query(`SELECT id, name, status, components FROM whatsapp_templates WHERE account_id = $1 ORDER BY name`, [numberB]);
  const callsFor = (wabaId: string) => sandbox.log.entries().filter((entry) => entry.wabaId === wabaId);

  it('refuses to create, edit, delete or sync number B’s templates, and calls Meta for none of it', async () => {
    sandbox.templates.seed(NUMBER_B.wabaId, [seedTemplate('horaires_b')]);
    await post(manager, `${API}/actions/syncFromMeta`, { accountId: numberB });
    const [template] = await rowsOfB();
    expect(template, 'the manager synced B').to.include({ name: 'horaires_b' });
    sandbox.log.clear();

    const answers = [
      await post(agent, `${API}/actions/new`, {
        accountId: numberB, name: 'par_agent', language: 'fr', category: 'UTILITY', parameterFormat: 'POSITIONAL', bodyText: 'Bonjour',
      }),
      await post(agent, `${API}/records/${template.id}/edit`, { category: 'UTILITY', bodyText: 'Changé ici.' }),
      await post(agent, `${API}/records/${template.id}/delete`),
      await post(agent, `${API}/actions/syncFromMeta`, { accountId: numberB }),
    ];
    // B's template is not even visible to him: its record actions answer that it cannot be found.
    for (const answer of answers) expect(answer.text).to.match(/notAllowed|forbidden|cannot be found/i);
    expect(callsFor(NUMBER_B.wabaId), 'nothing reached Meta with B’s token').to.deep.equal([]);
    expect(await rowsOfB()).to.deep.equal([template]);
  });

  it('offers only the numbers he manages, and lets him manage those', async () => {
    const choices = await agent.request(`${API}/actions/new`).then((response) => response.json());
    expect((choices.accounts as { id: string }[]).map((account) => account.id)).to.deep.equal([office.accountId]);
    const created = await post(agent, `${API}/actions/new`, {
      accountId: office.accountId, name: 'par_agent', language: 'fr', category: 'UTILITY', parameterFormat: 'POSITIONAL', bodyText: 'Bonjour',
    });
    expect(created.text).to.contain('templates.submitted');
  });
});

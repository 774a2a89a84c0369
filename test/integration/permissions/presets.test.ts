import { expect } from 'chai';
import { applyPermissionPreset, DEFAULT_PERMISSION_PRESETS } from '../../../src/permissions/permission-presets.js';
import { loadPermissions } from '../../../src/permissions/load-permissions.js';
import type { Permission } from '../../../src/permissions/permission-names.js';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { insertLoginUser } from '../../support/login-users.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const PASSWORD = 'a long admin password';

/**
 * Permission presets: a manager gives a new agent Agent, Senior agent or Supervisor in one step —
 * from the new account's form or the agent's permissions screen — and the host from its code;
 * each grant is the ordinary, audited one, and nobody gives what he does not hold.
 */
describe('permission presets', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let manager: Browser;
  let managerId: string;
  let accountId: string;
  const q = (sql: string, params: unknown[] = []) => office.dataSource.query(sql, params);
  const held = async (agentId: string) =>
    ((await q(`SELECT permission, account_id AS "accountId" FROM whatsapp_permission_grants WHERE agent_id = $1 ORDER BY permission`, [agentId])) as {
      permission: string;
      accountId: string | null;
    }[]);

  before(async () => {
    office = await startTestBackOffice({ accounts: [{ phoneNumberId: '100000000000001', wabaId: '200000000000001', name: 'Number A' }] });
    [{ id: accountId }] = await q(`SELECT id FROM whatsapp_accounts`);
    const hash = await hashPassword(PASSWORD);
    managerId = await insertLoginUser(office.dataSource, { email: 'manager@example.com', name: 'Malik', role: 'manager', passwordHash: hash });
    manager = new Browser(office.baseUrl);
    expect((await manager.login('manager@example.com', PASSWORD)).status).to.equal(303);
  });
  after(() => office.stop());

  it('creates a sign-in account with the Senior agent preset: the permissions are granted by the manager, audited', async () => {
    const response = await manager.request('/admin/api/resources/whatsapp_admin_users/actions/new', {
      method: 'POST',
      form: { name: 'Karim Haddad', email: 'karim@example.com', role: 'agent', isActive: 'true', password: 'another long password', preset: 'seniorAgent' },
    });
    expect(response.status).to.equal(200);
    const [{ id }] = await q(`SELECT id FROM whatsapp_agents WHERE email = 'karim@example.com'`);
    expect((await held(id)).map((grant) => grant.permission)).to.deep.equal([...DEFAULT_PERMISSION_PRESETS.seniorAgent!].sort());
    expect((await held(id)).every((grant) => grant.accountId === null)).to.equal(true);
    const changes = await q(`SELECT DISTINCT actor_id AS "actorId", change FROM whatsapp_permission_changes WHERE agent_id = $1`, [id]);
    expect(changes).to.deep.equal([{ actorId: managerId, change: 'granted' }]);
  });

  it('grants a preset for one number from the permissions screen, leaving out what applies to all numbers only', async () => {
    const agentId = await insertLoginUser(office.dataSource, { email: 'nadia@example.com', name: 'Nadia', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
    const answer = await (
      await manager.request(`/admin/api/resources/whatsapp_agents/records/${agentId}/permissions`, { method: 'POST', form: { op: 'preset', preset: 'supervisor', accountId } })
    ).json();
    expect(answer.notice).to.deep.include({ message: 'permissions.notice.presetApplied' });
    expect(answer.notice.options).to.deep.include({ granted: 7, unchanged: 0, refused: 1 });
    expect((await held(agentId)).every((grant) => grant.accountId === accountId)).to.equal(true);
    const snapshot = await loadPermissions(office.dataSource, { id: agentId, role: 'agent' });
    expect(snapshot.byNumber[accountId]).to.include('inbox.view_all');
    // Applying it again changes nothing.
    const again = await (
      await manager.request(`/admin/api/resources/whatsapp_agents/records/${agentId}/permissions`, { method: 'POST', form: { op: 'preset', preset: 'supervisor', accountId } })
    ).json();
    expect(again.notice.options).to.deep.include({ granted: 0, unchanged: 7 });
  });

  it('never lets an agent with permissions.grant give what he does not hold', async () => {
    await q(`INSERT INTO whatsapp_agents (id, name, role) VALUES ('granter', 'Granter', 'agent'), ('newcomer', 'Newcomer', 'agent')`);
    const granter = { id: 'granter', role: 'agent', permissions: { everyNumber: ['permissions.grant', 'inbox.view'] as Permission[], byNumber: {} } };
    const outcome = await applyPermissionPreset({ dataSource: office.dataSource }, { adminId: 'newcomer', permissions: DEFAULT_PERMISSION_PRESETS.agent!, accountId: null, actor: granter });
    expect(outcome).to.deep.equal({ granted: 1, unchanged: 0, refused: 2 });
    expect((await held('newcomer')).map((grant) => grant.permission)).to.deep.equal(['inbox.view']);
  });

  it('lets the host apply a preset from its code, audited as the system', async () => {
    await office.plugin.agents.sync({ id: 'host-42', name: 'Imane', email: 'imane@example.com', role: 'agent' });
    expect(await office.plugin.agents.applyPreset('host-42', 'agent')).to.deep.equal({ granted: 3, unchanged: 0, refused: 0 });
    const changes = await q(`SELECT DISTINCT actor_id AS "actorId" FROM whatsapp_permission_changes WHERE agent_id = 'host-42'`);
    expect(changes).to.deep.equal([{ actorId: null }]);
    let error: unknown;
    await office.plugin.agents.applyPreset('host-42', 'janitor').catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/no permission preset named "janitor"/);
  });
});

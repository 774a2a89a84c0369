import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PERMISSIONS } from '../../../src/permissions/permission-names.js';
import { outcome, seedInboxWorld, type InboxWorld, type Role } from '../../support/inbox-roles.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

interface Notice {
  message: string;
  type: string;
  options?: Record<string, string>;
}
interface Screen {
  notice?: Notice;
  numbers: { id: string; name: string; phone: string | null }[];
  held: { byRole: string[]; everyNumber: string[]; byNumber: Record<string, string[]> };
  grantable: { permission: string; everyNumber: boolean; numbers: string[] }[];
  locked: string | null;
  changes: { change: string; permission: string; accountId: string | null; numberName: string | null; actorName: string | null }[];
}

/**
 * The per-agent permissions screen over real HTTP: who may grant and revoke what, the audit, the
 * NOTIFY for live streams, and the effect on the agent's very next request.
 */
describe('permissions: granting and revoking from the agent screen', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;
  let world: InboxWorld;
  let listener: pg.Client;
  const notifications: string[] = [];

  before(async () => {
    office = await startTestBackOffice();
    world = await seedInboxWorld(office);
    listener = new pg.Client({ connectionString: office.db.url });
    await listener.connect();
    listener.on('notification', (message) => notifications.push(message.payload ?? ''));
    await listener.query('LISTEN whatsapp_permissions');
  });
  after(async () => {
    await listener?.end();
    await office?.stop();
  });

  const screenUrl = (adminId: string) => `/admin/api/resources/whatsapp_agents/records/${adminId}/permissions`;
  const view = async (as: Role, adminId: string): Promise<Screen> => (await world.browsers[as].request(screenUrl(adminId))).json();
  const change = async (as: Role | Browser, op: string, adminId: string, permission: string, accountId: string | null): Promise<Screen> => {
    const form = new FormData();
    form.set('op', op);
    form.set('permission', permission);
    form.set('accountId', accountId ?? 'all');
    const browser = typeof as === 'string' ? world.browsers[as] : as;
    return (await browser.request(screenUrl(adminId), { method: 'POST', body: form })).json();
  };
  const grants = async (adminId: string) =>
    office.dataSource.query(
      `SELECT permission, account_id AS "accountId", granted_by_id AS "grantedById" FROM whatsapp_permission_grants WHERE agent_id = $1 ORDER BY permission, account_id`,
      [adminId],
    );
  const audit = async (adminId: string) =>
    office.dataSource.query(
      `SELECT change, permission, account_id AS "accountId", actor_id AS "actorId" FROM whatsapp_permission_changes WHERE agent_id = $1 ORDER BY created_at, id`,
      [adminId],
    );
  const everything = async () =>
    office.dataSource.query(
      `SELECT (SELECT count(*)::int FROM whatsapp_permission_grants) AS grants, (SELECT count(*)::int FROM whatsapp_permission_changes) AS changes`,
    );
  /**
   * Every notification sent so far, as admin ids: a marker NOTIFY sent now arrives after those of
   * every transaction already committed, so what came before it is complete.
   */
  const notified = async (): Promise<string[]> => {
    await office.dataSource.query(`SELECT pg_notify('whatsapp_permissions', 'marker')`);
    while (!notifications.includes('marker')) await new Promise((resolve) => setTimeout(resolve, 20));
    const received = notifications.splice(0, notifications.indexOf('marker') + 1).slice(0, -1);
    return received.map((payload) => (JSON.parse(payload) as { agentId: string }).agentId);
  };
  const conversationsListAllowed = async (as: Role) =>
    (await outcome(await world.browsers[as].request('/admin/api/resources/whatsapp_conversations/actions/list'))).allowed;

  it('shows what an agent holds and what the manager may grant, and GET changes nothing', async () => {
    const before = await everything();
    const screen = await view('manager', world.admins.agent.id);
    expect(screen.numbers.map((n) => n.id).sort()).to.deep.equal([world.accounts.a, world.accounts.b].sort());
    expect(screen.held).to.deep.equal({
      byRole: [],
      everyNumber: [],
      byNumber: { [world.accounts.a]: ['inbox.assign', 'inbox.reply', 'inbox.resolve', 'inbox.view'] },
    });
    expect(screen.locked).to.equal(null);
    const rights = Object.fromEntries(screen.grantable.map((g) => [g.permission, g]));
    expect(rights['inbox.reply']).to.deep.include({ everyNumber: true });
    expect(rights['inbox.reply']!.numbers.sort()).to.deep.equal([world.accounts.a, world.accounts.b].sort());
    expect(rights['accounts.manage']).to.deep.include({ everyNumber: false, numbers: [] });
    expect(rights['permissions.grant']).to.deep.include({ everyNumber: true, numbers: [] });

    // A GET carrying a change's fields is still only a read.
    await world.browsers.manager.request(`${screenUrl(world.admins.outsider.id)}?op=grant&permission=inbox.view&accountId=all`);
    expect(await everything()).to.deep.equal(before);
    expect(await notified()).to.deep.equal([]);
  });

  it('grants and revokes as a manager: the row, the audit, the NOTIFY, and the effect on the agent’s next request', async () => {
    const outsider = world.admins.outsider.id;
    expect(await conversationsListAllowed('outsider')).to.equal(false);

    const granted = await change('manager', 'grant', outsider, 'inbox.view', null);
    expect(granted.notice).to.deep.equal({ message: 'permissions.notice.granted', type: 'success', options: { permission: 'inbox.view', accountId: 'all' } });
    expect(await grants(outsider)).to.deep.equal([{ permission: 'inbox.view', accountId: null, grantedById: world.admins.manager.id }]);
    expect(await audit(outsider)).to.deep.equal([{ change: 'granted', permission: 'inbox.view', accountId: null, actorId: world.admins.manager.id }]);
    expect(await notified()).to.deep.equal([outsider]);
    expect(granted.held.everyNumber).to.deep.equal(['inbox.view']);
    expect(granted.changes[0]).to.deep.include({ change: 'granted', permission: 'inbox.view', accountId: null, actorName: 'manager' });
    expect(await conversationsListAllowed('outsider')).to.equal(true);

    const revoked = await change('manager', 'revoke', outsider, 'inbox.view', null);
    expect(revoked.notice).to.deep.include({ message: 'permissions.notice.revoked', type: 'success' });
    expect(await grants(outsider)).to.deep.equal([]);
    expect((await audit(outsider)).map((row: { change: string }) => row.change)).to.deep.equal(['granted', 'revoked']);
    expect(await notified()).to.deep.equal([outsider]);
    expect(revoked.changes.map((row) => row.change)).to.deep.equal(['revoked', 'granted']);
    expect(await conversationsListAllowed('outsider')).to.equal(false);
  });

  it('limits a grant to one number only for the permissions that make sense per number', async () => {
    const outsider = world.admins.outsider.id;
    const scoped = await change('manager', 'grant', outsider, 'inbox.reply', world.accounts.b);
    expect(scoped.notice).to.deep.include({ message: 'permissions.notice.granted', type: 'success' });
    expect(scoped.held.byNumber).to.deep.equal({ [world.accounts.b]: ['inbox.reply'] });
    await notified();

    const refused = await change('manager', 'grant', outsider, 'permissions.grant', world.accounts.b);
    expect(refused.notice).to.deep.include({ message: 'permissions.refusal.notNumberScoped', type: 'error' });
    const unknownNumber = await change('manager', 'grant', outsider, 'inbox.reply', '00000000-0000-4000-8000-000000000000');
    expect(unknownNumber.notice).to.deep.include({ message: 'permissions.refusal.unknownNumber', type: 'error' });
    const unknownPermission = await change('manager', 'grant', outsider, 'inbox.everything', null);
    expect(unknownPermission.notice).to.deep.include({ message: 'permissions.refusal.unknownPermission', type: 'error' });
    expect(await grants(outsider)).to.deep.equal([{ permission: 'inbox.reply', accountId: world.accounts.b, grantedById: world.admins.manager.id }]);

    await change('manager', 'revoke', outsider, 'inbox.reply', world.accounts.b);
    await notified();
  });

  it('folds per-number grants into a grant for every number, audited, and refuses to revoke one number of it', async () => {
    const agentB = world.admins.agentB.id;
    const folded = await change('manager', 'grant', agentB, 'inbox.view', null);
    expect(folded.notice).to.deep.include({ message: 'permissions.notice.grantedFolded', type: 'success' });
    expect(folded.notice!.options).to.deep.include({ count: '1' });
    expect(await grants(agentB)).to.deep.equal([{ permission: 'inbox.view', accountId: null, grantedById: world.admins.manager.id }]);
    expect((await audit(agentB)).map((row: { change: string; accountId: string | null }) => [row.change, row.accountId])).to.deep.equal([
      ['revoked', world.accounts.b],
      ['granted', null],
    ]);
    expect(await notified()).to.deep.equal([agentB]);

    const again = await change('manager', 'grant', agentB, 'inbox.view', world.accounts.a);
    expect(again.notice).to.deep.include({ message: 'permissions.notice.alreadyEveryNumber', type: 'info' });
    const oneNumber = await change('manager', 'revoke', agentB, 'inbox.view', world.accounts.b);
    expect(oneNumber.notice).to.deep.include({ message: 'permissions.refusal.heldForEveryNumber', type: 'error' });
    const notHeld = await change('manager', 'revoke', agentB, 'inbox.reply', null);
    expect(notHeld.notice).to.deep.include({ message: 'permissions.notice.notHeld', type: 'info' });
    expect(await audit(agentB)).to.have.length(2);
    expect(await notified()).to.deep.equal([]);
  });

  it('never escalates: a manager cannot grant what he does not hold, an agent without the right is refused', async () => {
    const before = await everything();
    const escalation = await change('manager', 'grant', world.admins.agent.id, 'accounts.manage', null);
    expect(escalation.notice).to.deep.include({ message: 'permissions.refusal.notHeldByYou', type: 'error' });

    const forbidden = await change('outsider', 'grant', world.admins.outsider.id, 'inbox.view_all', null);
    expect(forbidden.notice).to.deep.include({ message: 'forbiddenError', type: 'error' });
    expect(forbidden).not.to.have.property('held');
    const peek = await view('agent', world.admins.outsider.id);
    expect(peek.notice).to.deep.include({ message: 'forbiddenError', type: 'error' });
    expect(peek).not.to.have.property('held');

    const self = await change('manager', 'grant', world.admins.manager.id, 'accounts.manage', null);
    expect(self.notice).to.deep.include({ message: 'permissions.refusal.ownPermissions', type: 'error' });
    expect(await everything()).to.deep.equal(before);
    expect(await notified()).to.deep.equal([]);
  });

  it('lets an agent who was given the right grant only what he holds, where he holds it, and only to agents', async () => {
    const { agent, outsider, manager } = world.admins;
    const delegated = await change('root', 'grant', agent.id, 'permissions.grant', null);
    expect(delegated.notice).to.deep.include({ message: 'permissions.notice.granted', type: 'success' });
    await notified();

    const screen = await view('agent', outsider.id);
    const reply = screen.grantable.find((g) => g.permission === 'inbox.reply')!;
    expect(reply).to.deep.equal({ permission: 'inbox.reply', everyNumber: false, numbers: [world.accounts.a] });

    expect((await change('agent', 'grant', outsider.id, 'inbox.reply', world.accounts.b)).notice).to.deep.include({
      message: 'permissions.refusal.notHeldByYou',
    });
    expect((await change('agent', 'grant', outsider.id, 'inbox.reply', null)).notice).to.deep.include({ message: 'permissions.refusal.notHeldByYou' });
    expect((await change('agent', 'grant', manager.id, 'accounts.manage', null)).notice).to.deep.include({ message: 'permissions.refusal.higherRole' });
    const allowed = await change('agent', 'grant', outsider.id, 'inbox.reply', world.accounts.a);
    expect(allowed.notice).to.deep.include({ message: 'permissions.notice.granted', type: 'success' });
    expect(await grants(outsider.id)).to.deep.equal([{ permission: 'inbox.reply', accountId: world.accounts.a, grantedById: agent.id }]);
    await notified();

    // Taking the right back applies on the delegate's next request.
    await change('root', 'revoke', agent.id, 'permissions.grant', null);
    await notified();
    const after = await change('agent', 'revoke', outsider.id, 'inbox.reply', world.accounts.a);
    expect(after.notice).to.deep.include({ message: 'forbiddenError', type: 'error' });
    expect(await grants(outsider.id)).to.have.length(1);
    await change('manager', 'revoke', outsider.id, 'inbox.reply', world.accounts.a);
    await notified();
  });

  it('leaves a super-admin and role defaults untouchable, and says so when something is already held by role', async () => {
    const before = await everything();
    const { root, manager } = world.admins;
    expect((await change('manager', 'revoke', root.id, 'inbox.view', null)).notice).to.deep.include({ message: 'permissions.refusal.superAdmin' });
    const rootScreen = await view('manager', root.id);
    expect(rootScreen.locked).to.equal('permissions.refusal.superAdmin');
    expect(rootScreen.held.byRole).to.have.members([...PERMISSIONS]);
    expect(rootScreen.grantable.every((g) => !g.everyNumber && g.numbers.length === 0)).to.equal(true);

    expect((await change('root', 'revoke', manager.id, 'inbox.reply', null)).notice).to.deep.include({ message: 'permissions.refusal.byRole' });
    expect((await change('root', 'grant', manager.id, 'inbox.reply', world.accounts.a)).notice).to.deep.include({
      message: 'permissions.notice.alreadyByRole',
      type: 'info',
    });
    const managerScreen = await view('root', manager.id);
    expect(managerScreen.held.byRole).to.not.include('accounts.manage');
    expect(managerScreen.grantable.find((g) => g.permission === 'accounts.manage')).to.deep.include({ everyNumber: true });
    expect(managerScreen.grantable.find((g) => g.permission === 'inbox.reply')).to.deep.include({ everyNumber: false, numbers: [] });
    expect(await everything()).to.deep.equal(before);
  });

  it('refuses an inactive admin and an unknown operation without writing anything', async () => {
    const { agentB } = world.admins;
    await office.dataSource.query(`UPDATE whatsapp_agents SET is_active = false WHERE id = $1`, [agentB.id]);
    try {
      const before = await everything();
      expect((await change('manager', 'grant', agentB.id, 'inbox.reply', null)).notice).to.deep.include({
        message: 'permissions.refusal.inactiveAdmin',
      });
      expect((await view('manager', agentB.id)).locked).to.equal('permissions.refusal.inactiveAdmin');
      expect((await change('manager', 'delete', world.admins.outsider.id, 'inbox.reply', null)).notice).to.deep.include({
        message: 'permissions.refusal.unknownOperation',
      });
      expect(await everything()).to.deep.equal(before);
    } finally {
      await office.dataSource.query(`UPDATE whatsapp_agents SET is_active = true WHERE id = $1`, [agentB.id]);
    }
  });

  it('ends concurrent identical grants with one row, one audit row and one notification', async () => {
    const outsider = world.admins.outsider.id;
    const answers = await Promise.all(Array.from({ length: 8 }, () => change('manager', 'grant', outsider, 'inbox.resolve', world.accounts.a)));
    const messages = answers.map((answer) => answer.notice!.message).sort();
    expect(messages).to.deep.equal(['permissions.notice.granted', ...Array(7).fill('permissions.notice.alreadyHeld')].sort());
    expect(await grants(outsider)).to.have.length(1);
    expect((await audit(outsider)).filter((row: { permission: string }) => row.permission === 'inbox.resolve')).to.have.length(1);
    expect(await notified()).to.deep.equal([outsider]);
  });

  it('has a label, a description and every notice in the English locale', () => {
    const { permissions } = JSON.parse(readFileSync(new URL('../../../locales/en/permissions.json', import.meta.url), 'utf8'));
    for (const name of PERMISSIONS) {
      expect(permissions.names[name], name).to.have.all.keys('label', 'description');
    }
    for (const key of ['granted', 'grantedFolded', 'revoked', 'alreadyHeld', 'alreadyEveryNumber', 'alreadyByRole', 'notHeld']) {
      expect(permissions.notice[key], key).to.be.a('string');
    }
  });
});

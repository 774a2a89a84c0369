import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { AdminUser } from '../../../src/entities/admin-user.entity.js';
import { Browser, formData, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const API = '/admin/api/resources/whatsapp_admin_users';
const PASSWORD = 'a sound passphrase for tests';

/** CPU time this process spends in `work`, in ms: the back office runs in the test's own process. */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('agents and managers: passwords and names over HTTP', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let root: Browser;
  let manager: Browser;
  let rootId: string;

  before(async () => {
    office = await startTestBackOffice();
    const hash = await hashPassword(PASSWORD);
    const users = office.dataSource.getRepository(AdminUser);
    rootId = (await users.save({ email: 'root@example.com', name: 'Root', role: 'super_admin', passwordHash: hash })).id;
    await users.insert({ email: 'manager@example.com', name: 'Manager', role: 'manager', passwordHash: hash });
    root = new Browser(office.baseUrl);
    manager = new Browser(office.baseUrl);
    expect((await root.login('root@example.com', PASSWORD)).status).to.equal(303);
    expect((await manager.login('manager@example.com', PASSWORD)).status).to.equal(303);
  });
  after(async () => office.stop());

  const post = async (browser: Browser, path: string, fields: Record<string, string>) => {
    const response = await browser.request(path, { method: 'POST', body: formData(fields) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { record?: { params?: Record<string, unknown>; errors?: Record<string, { message: string }> }; notice?: { message: string; type: string } } };
  };
  const newAgent = (fields: Record<string, string>) =>
    post(root, `${API}/actions/new`, { email: 'new.agent@example.com', name: 'New Agent', role: 'agent', isActive: 'true', ...fields });
  const stored = (email: string) => office.dataSource.getRepository(AdminUser).findOneBy({ email });

  it('checks access before hashing: a refused edit with a password costs no hash', async () => {
    const attempts = 20;
    const hashing = await cpuMs(async () => {
      for (let i = 0; i < attempts; i++) await hashPassword(`calibration password ${i}`);
    });
    // Refused edits with and without a password, interleaved so that background work weighs on both alike.
    let withPassword = 0;
    let without = 0;
    for (let i = 0; i < attempts; i++) {
      withPassword += await cpuMs(async () => {
        expect((await post(manager, `${API}/records/${rootId}/edit`, { name: 'Root', password: `another long password ${i}` })).body.notice?.type).to.equal('error');
      });
      without += await cpuMs(async () => {
        expect((await post(manager, `${API}/records/${rootId}/edit`, { name: 'Root' })).body.notice?.type).to.equal('error');
      });
    }
    const extra = withPassword - without;
    expect(extra, `extra CPU (ms) of ${attempts} refused edits with a password; ${attempts} hashes cost ${hashing.toFixed(0)} ms`).to.be.below(hashing / 2);
  });

  it('never sends the password hash back after creating or editing an admin', async () => {
    const created = await newAgent({ password: 'correct horse battery staple' });
    expect(created.body.notice).to.include({ type: 'success' });
    const id = created.body.record!.params!.id as string;
    const edited = await post(root, `${API}/records/${id}/edit`, { password: 'another correct horse battery' });
    expect(edited.body.notice).to.include({ type: 'success' });
    for (const answer of [created, edited]) {
      expect(answer.text).not.to.contain('$argon2');
      expect(answer.body.record!.params).not.to.have.any.keys('passwordHash', 'password');
    }
    await office.dataSource.getRepository(AdminUser).delete({ id });
  });

  it('refuses short, common and email passwords, saying why, and creates nothing', async () => {
    const cases: [string, string][] = [
      ['a', 'passwordTooShort'],
      ['new.agent@example.com', 'passwordIsEmail'],
      ['1q2w3e4r5t6y', 'passwordTooCommon'],
      ['Password2024!', 'passwordTooCommon'],
    ];
    for (const [password, message] of cases) {
      const answer = await newAgent({ password });
      expect(answer.body.record?.errors?.password?.message, password).to.equal(message);
      expect(await stored('new.agent@example.com'), password).to.equal(null);
    }
    const [{ id }] = await office.dataSource.query(`SELECT id FROM whatsapp_admin_users WHERE email = 'manager@example.com'`);
    const edit = await post(root, `${API}/records/${id}/edit`, { password: 'a' });
    expect(edit.body.record?.errors?.password?.message).to.equal('passwordTooShort');
  });

  it('refuses a name that carries markup or invisible control characters', async () => {
    for (const name of ['</script><script>alert(1)</script>', 'Ali\u202Eexe.png', '   ']) {
      const answer = await newAgent({ name, password: 'correct horse battery staple' });
      expect(answer.body.record?.errors?.name?.message, JSON.stringify(name)).to.equal('invalidName');
      expect(await stored('new.agent@example.com')).to.equal(null);
    }
  });
});

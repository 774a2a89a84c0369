import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { verifyPassword } from '../../../src/auth/password-hasher.js';
import { ensureFirstAdmin } from '../../../src/auth/first-admin.js';
import { AdminUser } from '../../../src/entities/admin-user.entity.js';
import { WhatsAppAccount } from '../../../src/entities/whatsapp-account.entity.js';
import { AccountDirectory } from '../../../src/accounts/account-directory.js';
import { SecretBox } from '../../../src/secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { Browser, startTestBackOffice } from '../../support/test-back-office.js';

async function passwordHashOf(db: TestDatabase, email: string): Promise<string> {
  const [row] = await db.dataSource.query(`SELECT password_hash FROM whatsapp_admin_users WHERE email = $1`, [email]);
  return row.password_hash;
}

describe('first admin', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(async () => db.drop());

  it('is created once from ADMIN_EMAIL / ADMIN_PASSWORD as a super-admin with an argon2id hash', async () => {
    const result = await ensureFirstAdmin(db.dataSource, { email: ' Boss@Example.com ', password: 'a long admin password' });
    expect(result).to.deep.equal({ created: true, email: 'boss@example.com', generatedPassword: undefined });
    const admin = await db.dataSource.getRepository(AdminUser).findOneByOrFail({ email: 'boss@example.com' });
    expect(admin.role).to.equal('super_admin');
    const hash = await passwordHashOf(db, 'boss@example.com');
    expect(hash).to.match(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'a long admin password')).to.equal(true);
    expect(await ensureFirstAdmin(db.dataSource, { email: 'other@example.com', password: 'another password!' })).to.deep.equal({ created: false });
    expect(await db.dataSource.getRepository(AdminUser).count()).to.equal(1);
  });

  it('generates a password to show once when none is given, and it works', async () => {
    const result = await ensureFirstAdmin(db.dataSource, {});
    if (!result.created) throw new Error('expected an admin');
    expect(result.generatedPassword).to.have.length.greaterThan(15);
    expect(await verifyPassword(await passwordHashOf(db, result.email), result.generatedPassword!)).to.equal(true);
  });

  it('creates exactly one admin when several processes start at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ensureFirstAdmin(db.dataSource, { email: `admin${i}@example.com`, password: 'a long admin password' })),
    );
    expect(results.filter((r) => r.created)).to.have.length(1);
    expect(await db.dataSource.getRepository(AdminUser).count()).to.equal(1);
  });
});

describe('accounts from configuration (WHATSAPP_* environment)', () => {
  let db: TestDatabase;
  beforeEach(async () => (db = await createTestDatabase()));
  afterEach(async () => db.drop());

  it('creates the account with sealed secrets, then updates it in place, keeping secrets not given again', async () => {
    const box = new SecretBox(randomBytes(32));
    const directory = new AccountDirectory(db.dataSource, box, 0);
    await directory.upsertConfigured({
      phoneNumberId: '111', wabaId: '222', displayPhoneNumber: '213770001122', accessToken: 'EAAG-token', appSecret: 'secret-1', verifyToken: 'verify-1',
    });
    const [stored] = await db.dataSource.query(`SELECT * FROM whatsapp_accounts`);
    for (const column of ['access_token_encrypted', 'app_secret_encrypted', 'verify_token_encrypted']) {
      expect(stored[column]).to.match(/^v1\./);
    }
    expect(JSON.stringify(stored)).to.not.contain('EAAG-token').and.not.contain('secret-1').and.not.contain('verify-1');
    expect(await directory.appSecrets()).to.deep.equal(['secret-1']);

    await directory.upsertConfigured({ phoneNumberId: '111', wabaId: '333', name: 'Sales', appSecret: 'secret-2' });
    const accounts = await db.dataSource.getRepository(WhatsAppAccount).find();
    expect(accounts).to.have.length(1);
    expect(accounts[0]).to.include({ wabaId: '333', name: 'Sales', displayPhoneNumber: '213770001122' });
    expect(await directory.appSecrets()).to.deep.equal(['secret-2']);
    expect(await directory.verifyTokens()).to.deep.equal(['verify-1']);
    expect(await directory.accessToken(accounts[0]!.id)).to.equal('EAAG-token');
  });
});

describe('accounts in the back office', function () {
  this.timeout(60_000);

  it('never sends a secret back, shows only whether it is set, and seals what an admin types', async () => {
    const office = await startTestBackOffice({
      accounts: [{ phoneNumberId: '999', wabaId: '888', accessToken: 'EAAG-from-env', appSecret: 'env-secret' }],
    });
    try {
      await office.ensureFirstAdmin({ email: 'root@example.com', password: 'a long admin password' });
      const browser = new Browser(office.baseUrl);
      expect((await browser.login('root@example.com', 'a long admin password')).status).to.equal(303);
      const [{ id }] = await office.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = '999'`);

      const list = await (await browser.request('/admin/api/resources/whatsapp_accounts/actions/list')).text();
      const show = await (await browser.request(`/admin/api/resources/whatsapp_accounts/records/${id}/show`)).json();
      expect(list + JSON.stringify(show)).to.not.contain('EAAG').and.not.contain('env-secret').and.not.contain('v1.');
      expect(show.record.params).to.include({ accessTokenConfigured: 'yes', appSecretConfigured: 'yes', verifyTokenConfigured: 'no' });

      const form = new FormData();
      form.set('name', 'Renamed');
      form.set('verifyToken', 'typed-verify-token');
      form.set('accessToken', '');
      const edited = await browser.request(`/admin/api/resources/whatsapp_accounts/records/${id}/edit`, { method: 'POST', body: form });
      expect(edited.status).to.equal(200);
      expect(await edited.text()).to.not.contain('typed-verify-token');
      const [row] = await office.dataSource.query(`SELECT * FROM whatsapp_accounts WHERE id = $1`, [id]);
      expect(row.name).to.equal('Renamed');
      expect(row.verify_token_encrypted).to.match(/^v1\./);
      expect(row.access_token_encrypted).to.match(/^v1\./, 'an empty field keeps the stored token');
    } finally {
      await office.stop();
    }
  });
});

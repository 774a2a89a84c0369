import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { AdminUser } from '../../../src/entities/admin-user.entity.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

describe('back-office login over real HTTP', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  const password = 'correct horse battery staple';

  before(async () => {
    office = await startTestBackOffice();
    const hash = await hashPassword(password);
    await office.dataSource.getRepository(AdminUser).insert([
      { email: 'agent@example.com', name: 'Agent', role: 'agent', passwordHash: hash },
      { email: 'gone@example.com', name: 'Gone', role: 'agent', passwordHash: hash, isActive: false },
      { email: 'throttled@example.com', name: 'T', role: 'agent', passwordHash: hash },
    ]);
  });
  after(async () => office.stop());

  it('sends an anonymous visitor to the login page and serves the page', async () => {
    const browser = new Browser(office.baseUrl);
    const response = await browser.request('/admin');
    expect(response.status).to.equal(302);
    expect(response.headers.get('location')).to.equal('/admin/login');
    const page = await browser.request('/admin/login');
    expect(page.status).to.equal(200);
    expect(await page.text()).to.contain('<form method="post" action="/admin/login">');
  });

  it('speaks the visitor’s language: French and Arabic (right to left) from Accept-Language, English otherwise', async () => {
    const page = async (acceptLanguage: string) => (await new Browser(office.baseUrl).request('/admin/login', { headers: { 'accept-language': acceptLanguage } })).text();
    const french = await page('fr-DZ,fr;q=0.9,en;q=0.5');
    expect(french).to.contain('<html lang="fr" dir="ltr">').and.to.contain('Mot de passe').and.not.to.contain('Password');
    const arabic = await page('ar-DZ,ar;q=0.9');
    expect(arabic).to.contain('<html lang="ar" dir="rtl">').and.to.contain('كلمة المرور').and.not.to.contain('Password');
    expect(await page('de-DE')).to.contain('<html lang="en" dir="ltr">').and.to.contain('Password');
    const refused = await new Browser(office.baseUrl).request('/admin/login', {
      method: 'POST',
      headers: { 'accept-language': 'fr' },
      form: { email: 'agent@example.com', password: 'wrong' },
    });
    expect(refused.status).to.equal(401);
    expect(await refused.text()).to.contain('Adresse e-mail ou mot de passe incorrect.');
  });

  it('logs in, regenerates the session id, and sets HttpOnly SameSite=Lax cookies', async () => {
    const browser = new Browser(office.baseUrl);
    // A session id planted before login (session fixation) must not survive it.
    const first = await browser.login('agent@example.com', password);
    const planted = browser.cookies.get('awp.sid');
    const response = await browser.login('AGENT@example.com', password);
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal('/admin');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('awp.sid='))!;
    expect(cookie).to.match(/HttpOnly/i).and.to.match(/SameSite=Lax/i);
    expect(first.status).to.equal(303);
    expect(browser.cookies.get('awp.sid')).to.not.equal(planted);

    const stale = new Browser(office.baseUrl);
    stale.cookies.set('awp.sid', planted!);
    expect((await stale.request('/admin')).status).to.equal(302);

    const home = await browser.request('/admin');
    expect(home.status).to.equal(200);
    const api = await browser.request('/admin/api/resources/whatsapp_conversations/actions/list');
    expect(api.status).to.equal(200);
    expect((await api.json()).records).to.deep.equal([]);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const unknown = await new Browser(office.baseUrl).login('nobody@example.com', password);
    const wrong = await new Browser(office.baseUrl).login('agent@example.com', 'wrong password!');
    expect(unknown.status).to.equal(401);
    expect(wrong.status).to.equal(401);
    expect(await unknown.text()).to.equal((await wrong.text()).replace('agent@example.com', 'nobody@example.com'));
  });

  it('refuses inactive admins, and signs out an admin deactivated mid-session', async () => {
    expect((await new Browser(office.baseUrl).login('gone@example.com', password)).status).to.equal(401);

    const browser = new Browser(office.baseUrl);
    await office.dataSource.getRepository(AdminUser).update({ email: 'agent@example.com' }, { isActive: true });
    expect((await browser.login('agent@example.com', password)).status).to.equal(303);
    expect((await browser.request('/admin')).status).to.equal(200);
    await office.dataSource.getRepository(AdminUser).update({ email: 'agent@example.com' }, { isActive: false });
    expect((await browser.request('/admin')).status).to.equal(302);
    await office.dataSource.getRepository(AdminUser).update({ email: 'agent@example.com' }, { isActive: true });
  });

  it('locks an account after 5 failures within the window, even for the right password, and tells when to retry', async () => {
    const browser = new Browser(office.baseUrl);
    for (let i = 0; i < 5; i++) expect((await browser.login('throttled@example.com', `wrong-${i}`)).status).to.equal(401);
    const locked = await browser.login('throttled@example.com', password);
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.be.greaterThan(0);
    expect(await locked.text()).to.contain('Too many failed attempts');
    // Another account from another address is not affected.
    expect((await new Browser(office.baseUrl).login('agent@example.com', password)).status).to.equal(303);
  });

  it('limits failures per IP address across accounts', async () => {
    await office.dataSource.query(`DELETE FROM whatsapp_login_attempts`);
    const browser = new Browser(office.baseUrl);
    for (let i = 0; i < 30; i++) await browser.login(`spray-${i}@example.com`, 'guess');
    expect((await browser.login('agent@example.com', password)).status).to.equal(429);
    await office.dataSource.query(`DELETE FROM whatsapp_login_attempts`);
  });

  it('refuses state-changing requests from another origin or with no origin', async () => {
    const browser = new Browser(office.baseUrl);
    await browser.login('agent@example.com', password);
    const foreign = await browser.request('/admin/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).to.equal(403);
    const noOrigin = await fetch(`${office.baseUrl}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'agent@example.com', password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(noOrigin.status).to.equal(403);
    expect((await browser.request('/admin')).status).to.equal(200);
  });

  it('logs out only on POST, and the old session cookie is dead afterwards', async () => {
    const browser = new Browser(office.baseUrl);
    await browser.login('agent@example.com', password);
    const sid = browser.cookies.get('awp.sid')!;
    expect((await browser.request('/admin/logout')).status).to.equal(200);
    expect((await browser.request('/admin')).status).to.equal(200);
    const out = await browser.request('/admin/logout', { method: 'POST' });
    expect(out.status).to.equal(303);
    const replay = new Browser(office.baseUrl);
    replay.cookies.set('awp.sid', sid);
    expect((await replay.request('/admin')).status).to.equal(302);
    const [{ count }] = await office.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_sessions WHERE sid = $1`, [
      decodeURIComponent(sid).slice(2).split('.')[0],
    ]);
    expect(count).to.equal(0);
  });
});

describe('back-office cookies behind HTTPS', function () {
  this.timeout(60_000);
  it('marks the session cookie Secure when the public URL is https', async () => {
    const office = await startTestBackOffice({ publicUrl: 'https://crm.example.com' });
    try {
      await office.dataSource.getRepository(AdminUser).insert({
        email: 'a@example.com', name: 'A', role: 'agent', passwordHash: await hashPassword('long enough password'),
      });
      const response = await fetch(`${office.baseUrl}/admin/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'a@example.com', password: 'long enough password' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://crm.example.com', 'x-forwarded-proto': 'https' },
        redirect: 'manual',
      });
      expect(response.status).to.equal(303);
      expect(response.headers.getSetCookie().join('\n')).to.match(/awp\.sid=.*Secure/i);
    } finally {
      await office.stop();
    }
  });
});

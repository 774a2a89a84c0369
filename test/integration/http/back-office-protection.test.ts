import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { AdminUser } from '../../../src/entities/admin-user.entity.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

const PASSWORD = 'a long enough test password';

/** A raw HTTP request, for headers fetch will not send as given (Host). */
function raw(url: string, options: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What a stack trace or a server path looks like in an answer. */
const LEAKS = /\bat .+\(|node_modules|\/src\/|\.ts:\d|QueryFailedError|TypeORM|PayloadTooLarge|stack/;

describe('back-office protections over HTTP, whatever the login', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let agent: Browser;

  before(async () => {
    office = await startTestBackOffice();
    const id = await insertLoginUser(office.dataSource, { email: 'agent@example.com', name: 'Agent', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
    await office.dataSource.query(
      `INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'inbox.view', NULL), ($1, 'leads.manage', NULL)`,
      [id],
    );
    await office.dataSource.getRepository(AdminUser).findOneByOrFail({ id });
    agent = new Browser(office.baseUrl);
    expect((await agent.login('agent@example.com', PASSWORD)).status).to.equal(303);
  });
  after(async () => office.stop());

  describe('origin check without PUBLIC_URL', () => {
    it('refuses an origin that only the Host header vouches for', async () => {
      const { status } = await raw(`${office.baseUrl}/admin/login`, {
        method: 'POST',
        headers: { host: 'evil.example', origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'email=agent%40example.com&password=x',
      });
      expect(status).to.equal(403);
    });

    it('accepts the origins the server listens on', async () => {
      const port = new URL(office.baseUrl).port;
      for (const origin of [office.baseUrl, `http://localhost:${port}`]) {
        const { status } = await raw(`${office.baseUrl}/admin/login`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'email=nobody%40example.com&password=x',
        });
        expect(status, origin).to.equal(401);
      }
    });
  });

  describe('error answers', () => {
    const expectClean = (response: Response, text: string) => {
      const requestId = response.headers.get('x-request-id');
      expect(requestId, 'a request id to quote').to.match(/^[\w-]{8,}$/);
      expect(text).to.contain(requestId!);
      expect(text).not.to.match(LEAKS);
    };

    it('answers a 20 kB login body with a clear 413 and a request id, even to a visitor who is not signed in', async () => {
      const response = await fetch(`${office.baseUrl}/admin/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'a@example.com', password: 'x'.repeat(20_000) }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: office.baseUrl, accept: 'text/html' },
      });
      const text = await response.text();
      expect(response.status).to.equal(413);
      expect(text).to.contain('too large');
      expectClean(response, text);
    });

    for (const [what, path] of [
      ['a sort on no property', `/admin/api/resources/whatsapp_templates/actions/list?sortBy=x'`],
      ['an invalid uuid in a filter', '/admin/api/resources/whatsapp_leads/actions/list?filters.assigneeId=not-a-uuid'],
      ['a NUL in a search', '/admin/api/resources/whatsapp_leads/actions/search/%00'],
    ]) {
      it(`answers ${what} without a stack trace or a path`, async () => {
        const response = await agent.request(path!);
        const text = await response.text();
        expect(response.status, text.slice(0, 200)).to.be.oneOf([200, 400, 500]);
        if (response.status !== 200) expectClean(response, text);
        else expect(text).not.to.match(LEAKS);
      });
    }
  });

  describe('request bodies of the admin routes', () => {
    it('refuses a 6.6 MB JSON body of 400,000 keys with 413, before parsing it', async () => {
      const body = JSON.stringify(Object.fromEntries(Array.from({ length: 400_000 }, (_, i) => [`k${i}`, i])));
      const response = await agent.request('/admin/api/resources/whatsapp_conversations/actions/list', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).to.equal(413);
      expect(await response.text()).to.contain('too large');
    });

    it('refuses a small body with too many fields, JSON or multipart', async () => {
      const json = JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1])));
      const asJson = await agent.request('/admin/api/resources/whatsapp_leads/actions/new', { method: 'POST', body: json, headers: { 'content-type': 'application/json' } });
      expect(asJson.status).to.equal(413);
      const form = new FormData();
      for (let i = 0; i < 5_000; i++) form.set(`k${i}`, '1');
      const asForm = await agent.request('/admin/api/resources/whatsapp_leads/actions/new', { method: 'POST', body: form });
      expect(asForm.status).to.equal(413);
      expect(await office.dataSource.query(`SELECT id FROM whatsapp_leads`)).to.deep.equal([]);
    });

    it('still takes an ordinary form', async () => {
      const form = new FormData();
      form.set('organisationName', 'Lycée Ibn Khaldoun');
      const response = await agent.request('/admin/api/resources/whatsapp_leads/actions/new', { method: 'POST', body: form });
      expect(response.status).to.equal(200);
      expect((await response.json()).notice).to.include({ type: 'success' });
    });
  });
});

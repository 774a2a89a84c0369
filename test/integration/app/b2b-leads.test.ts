import { expect } from 'chai';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

describe('B2B leads in the back office', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let browser: Browser;

  before(async () => {
    office = await startTestBackOffice();
    await office.ensureFirstAdmin({ email: 'root@example.com', password: 'a long admin password' });
    browser = new Browser(office.baseUrl);
    await browser.login('root@example.com', 'a long admin password');
  });
  after(async () => office.stop());

  const create = (phone: string) => {
    const form = new FormData();
    form.set('organisationName', 'Lycée Pasteur');
    form.set('phoneE164', phone);
    form.set('source', 'manual');
    form.set('status', 'new');
    return browser.request('/admin/api/resources/whatsapp_leads/actions/new', { method: 'POST', body: form });
  };

  it('stores a phone typed the Algerian way as E.164, so WhatsApp contacts match it', async () => {
    for (const typed of ['0555 12 34 56', '00213 555 12 34 56', '+213 (0)555-123-456']) {
      const response = await create(typed);
      expect(response.status).to.equal(200);
      expect((await response.json()).record.params.phoneE164).to.equal('+213555123456');
    }
  });

  it('refuses text that is not a phone number, with the reason on the field, and stores nothing', async () => {
    const before = await office.dataSource.query(`SELECT count(*)::int AS n FROM whatsapp_leads`);
    const body = await (await create('call me maybe')).json();
    expect(body.record.errors.phoneE164.message).to.equal('invalidPhoneNumber');
    const after = await office.dataSource.query(`SELECT count(*)::int AS n FROM whatsapp_leads`);
    expect(after[0].n).to.equal(before[0].n);
  });
});

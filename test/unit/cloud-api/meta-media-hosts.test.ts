import { expect } from 'chai';
import { isAllowedMediaHost, mayCarryToken } from '../../../src/cloud-api/meta-media-hosts.js';

describe('media host allow-list', () => {
  it("allows https to Meta's media and Graph hosts", () => {
    for (const url of [
      'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2&hash=3',
      'https://graph.facebook.com/v23.0/1480299316452345',
      'https://scontent.xx.fbcdn.net/v/t61/abc.jpg',
      'https://mmg.whatsapp.net/d/f/abc.enc',
      'https://LOOKASIDE.FBSBX.COM:443/x',
    ]) {
      expect(isAllowedMediaHost(new URL(url)), url).to.equal(true);
    }
  });

  it('refuses look-alikes, other ports, bare suffixes and addresses', () => {
    for (const url of [
      'https://evilfbcdn.net/x',
      'https://fbcdn.net.evil.example/x',
      'https://lookaside.fbsbx.com.evil.example/x',
      'https://lookaside.fbsbx.com:8443/x',
      'https://fbcdn.net/x',
      'https://graph.facebook.com@169.254.169.254/latest/meta-data',
      'https://169.254.169.254/latest/meta-data',
      'https://localhost/x',
      'https://[::1]/x',
    ]) {
      expect(isAllowedMediaHost(new URL(url)), url).to.equal(false);
    }
  });

  it('takes an explicit port in an entry, and only that port', () => {
    expect(isAllowedMediaHost(new URL('https://localhost:8443/x'), ['localhost:8443'])).to.equal(true);
    expect(isAllowedMediaHost(new URL('https://localhost:8444/x'), ['localhost:8443'])).to.equal(false);
    expect(isAllowedMediaHost(new URL('https://localhost/x'), ['localhost:8443'])).to.equal(false);
  });

  it('lets the token go to the Graph API\'s own origin, or over https to Meta\'s media hosts only', () => {
    const graph = 'http://127.0.0.1:4010';
    expect(mayCarryToken(new URL('http://127.0.0.1:4010/__media/1'), graph)).to.equal(true);
    expect(mayCarryToken(new URL('https://lookaside.fbsbx.com/x'), graph)).to.equal(true);
    for (const url of ['http://lookaside.fbsbx.com/x', 'http://127.0.0.1:4011/x', 'https://127.0.0.1:4010/x', 'http://localhost:4010/x', 'ftp://lookaside.fbsbx.com/x', 'file:///etc/passwd']) {
      expect(mayCarryToken(new URL(url), graph), url).to.equal(false);
    }
  });
});

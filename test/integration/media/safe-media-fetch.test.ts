import { rejectionOf } from '../../support/rejection.js';
import { expect } from 'chai';
import { MediaDownloadError } from '../../../src/media/media-download-error.js';
import { safeMediaFetch, type SafeMediaFetchOptions } from '../../../src/media/safe-media-fetch.js';
import { file, redirect, startLocalHttpsServer, type LocalHttpsServer } from './local-https-server.js';

describe('safeMediaFetch against a local HTTPS server', () => {
  let server: LocalHttpsServer;
  let options: SafeMediaFetchOptions;

  before(async () => {
    server = await startLocalHttpsServer();
  });
  after(async () => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    options = { maxBytes: 1_000_000, allowedHosts: [`localhost:${server.port}`], tlsCa: server.ca, bearerToken: 'secret-token' };
  });

  const failure = (promise: Promise<unknown>) => rejectionOf(promise, MediaDownloadError);

  it('follows relative redirects within the allowed hosts and reports where it ended', async () => {
    server.route('/a', redirect('/b', 301));
    server.route('/b', redirect(`${server.origin}/c`, 307));
    server.route('/c', file(Buffer.from('done')));

    const response = await safeMediaFetch(`${server.origin}/a`, options);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);

    expect(response.status).to.equal(200);
    expect(response.url.pathname).to.equal('/c');
    expect(Buffer.concat(chunks).toString()).to.equal('done');
  });

  it('stops after five redirects', async () => {
    server.route('/loop', redirect('/loop'));

    const error = await failure(safeMediaFetch(`${server.origin}/loop`, options));

    expect(error.reason).to.equal('too-many-redirects');
    expect(server.hits('/loop')).to.equal(6);
  });

  it('refuses a redirect down to plain http', async () => {
    server.route('/downgrade', redirect(`http://localhost:${server.port}/c`));

    expect((await failure(safeMediaFetch(`${server.origin}/downgrade`, options))).reason).to.equal('disallowed-url');
  });

  it('refuses at once a body whose Content-Length is over the cap, without waiting for it', async () => {
    server.route('/announced', (_request, response) => {
      response.writeHead(200, { 'content-length': 50_000_000 });
      response.write(Buffer.alloc(10));
    });

    expect((await failure(safeMediaFetch(`${server.origin}/announced`, options))).reason).to.equal('too-large');
  });

  it('fails the body stream as soon as it passes the cap', async () => {
    server.route('/chunked', (_request, response) => {
      response.writeHead(200);
      response.write(Buffer.alloc(600_000));
      response.write(Buffer.alloc(600_000));
      response.end();
    });

    const response = await safeMediaFetch(`${server.origin}/chunked`, options);
    let received = 0;
    const error = await failure(
      (async () => {
        for await (const chunk of response.body) received += (chunk as Buffer).length;
      })(),
    );

    expect(error.reason).to.equal('too-large');
    expect(received).to.be.at.most(options.maxBytes);
  });

  it('verifies the certificate: a self-signed one is refused unless the caller trusts it', async () => {
    server.route('/c', file(Buffer.from('done')));
    const { tlsCa: _trusted, ...untrusting } = options;

    const error = await failure(safeMediaFetch(`${server.origin}/c`, untrusting));

    expect(error.reason).to.equal('network');
    expect(error.message).to.match(/certificate/i);
    expect(server.hits('/c')).to.equal(0);
  });

  it('drops a connection that stays silent, as a retryable timeout', async () => {
    server.route('/silent', () => undefined);

    const error = await failure(safeMediaFetch(`${server.origin}/silent`, { ...options, idleTimeoutMs: 200 }));

    expect({ reason: error.reason, retryable: error.retryable }).to.deep.equal({ reason: 'timeout', retryable: true });
  });

  it('sends the token and a User-Agent to allowed hosts', async () => {
    server.route('/c', file(Buffer.from('done')));

    (await safeMediaFetch(`${server.origin}/c`, options)).body.resume();

    expect(server.requests[0]).to.deep.include({ authorization: 'Bearer secret-token' });
    expect(server.requests[0]!.userAgent).to.match(/^adminjs-whatsapp\//);
  });
});

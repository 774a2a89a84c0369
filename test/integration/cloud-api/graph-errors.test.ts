import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphApiClient } from '../../../src/cloud-api/graph-api-client.js';
import type { OutboundMessage } from '../../../src/cloud-api/outbound-message.js';
import { failure, CUSTOMER, NUMBER, startSandboxFixture, type SandboxFixture } from './sandbox-fixture.js';

const TEXT: OutboundMessage = { to: CUSTOMER, type: 'text', text: { body: 'Bonjour' }, biz_opaque_callback_data: 'msg-1' };

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(condition()).to.equal(true);
}

describe('Graph API errors, each class (client against the sandbox)', () => {
  let fixture: SandboxFixture;
  const send = (message: OutboundMessage = TEXT, client = fixture.client) => client.sendMessage(fixture.number, message);

  beforeEach(async () => {
    fixture = await startSandboxFixture({}, { timeoutMs: 400 });
  });
  afterEach(() => fixture.sandbox.close());

  it('131047: permanent, rejected, with Meta’s title, details and trace id, and a template offered', async () => {
    fixture.sandbox.faults.add({ endpoint: 'messages', action: { type: 'meta-error', code: 131047 } });
    const error = await failure(send());
    expect(error).to.include({
      kind: 'meta-error',
      outcome: 'rejected',
      httpStatus: 400,
      code: 131047,
      title: 'Re-engagement message',
      details: 'More than 24 hours have passed since the recipient last replied to the sender number.',
      class: 'permanent',
    });
    expect(error.fbtraceId).to.match(/^[A-Za-z0-9_-]{8,}$/);
    expect(error.classification.offerTemplate).to.equal(true);
  });

  it('130429 from the throughput cap: retryable on the short schedule', async () => {
    await fixture.sandbox.close();
    fixture = await startSandboxFixture({ throughputPerSecond: 1, clock: () => 1_000_000 }, { timeoutMs: 400 });
    await send();
    const error = await failure(send());
    expect(error).to.include({ code: 130429, httpStatus: 429, outcome: 'rejected', class: 'retryable' });
    expect(error.classification.retry?.schedule).to.equal('short');
    expect(fixture.sandbox.rates.rates(NUMBER.phoneNumberId)).to.include({ accepted: 1, throttled: 1 });
  });

  it('190 for a token the sandbox does not accept: an operator must fix the account', async () => {
    const error = await failure(fixture.client.sendMessage({ ...fixture.number, accessToken: 'expired-token' }, TEXT));
    expect(error).to.include({ code: 190, httpStatus: 401, outcome: 'rejected', class: 'operator' });
    expect(error.classification.flags).to.equal('account');
  });

  it('5xx: Meta’s 131000 and a bare 503 are retryable; a gateway’s bare 502 may have been sent', async () => {
    fixture.sandbox.faults.add({ action: { type: 'meta-error', code: 131000 }, times: 1 });
    expect(await failure(send())).to.include({ code: 131000, httpStatus: 500, outcome: 'rejected', class: 'retryable' });

    fixture.sandbox.faults.add({ action: { type: 'http', status: 503, body: '<html>Service Unavailable</html>' }, times: 1 });
    expect(await failure(send())).to.include({ kind: 'http-error', httpStatus: 503, code: null, outcome: 'rejected', class: 'retryable' });

    fixture.sandbox.faults.add({ action: { type: 'http', status: 502, body: 'Bad Gateway' }, times: 1 });
    expect(await failure(send())).to.include({ kind: 'http-error', httpStatus: 502, outcome: 'unknown', class: 'unknown' });
  });

  it('a hang ends in a timeout with outcome unknown: the request had been received', async () => {
    fixture.sandbox.faults.add({ action: { type: 'hang' } });
    const error = await failure(send());
    expect(error).to.include({ kind: 'transport', outcome: 'unknown', transport: 'timeout-after-write', class: 'unknown' });
    expect(fixture.sandbox.log.last('messages')).to.include({ fault: 'hang', status: null });
  });

  it('an answer slower than the timeout is unknown, and indeed Meta had accepted it', async () => {
    fixture.sandbox.faults.add({ action: { type: 'delay', ms: 800 }, times: 1 });
    const error = await failure(send());
    expect(error.outcome).to.equal('unknown');
    await until(() => fixture.sandbox.log.acceptedMessages().length === 1);
  });

  it('a connection dropped after the body was read is unknown', async () => {
    fixture.sandbox.faults.add({ action: { type: 'drop' }, times: 1 });
    const error = await failure(send());
    expect(error).to.include({ kind: 'transport', outcome: 'unknown', transport: 'reset-after-write', class: 'unknown' });
    expect((fixture.sandbox.log.last('messages')!.body as { biz_opaque_callback_data: string }).biz_opaque_callback_data).to.equal('msg-1');
  });

  it('a refused connection is not-sent and retryable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = createGraphApiClient({ graphUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    const error = await failure(send(TEXT, client));
    expect(error).to.include({ kind: 'transport', outcome: 'not-sent', transport: 'refused', class: 'retryable' });
  });

  it('a message over Meta’s limits is refused before any request', async () => {
    const error = await failure(
      send({
        to: CUSTOMER,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Choisissez' },
          action: { buttons: ['a', 'b', 'c', 'd'].map((id) => ({ type: 'reply' as const, reply: { id, title: id } })) },
        },
      }),
    );
    expect(error).to.include({ kind: 'invalid-request', outcome: 'not-sent', class: 'permanent' });
    expect(error.problems).to.deep.equal(['interactive.action.buttons: 1 to 3 buttons (got 4)']);
    expect(fixture.sandbox.log.entries()).to.deep.equal([]);
  });

  it('faults apply per recipient, or to the next N calls only', async () => {
    fixture.sandbox.faults.add({ recipient: '213555000999', action: { type: 'meta-error', code: 131026 } });
    fixture.sandbox.faults.add({ recipient: CUSTOMER, times: 2, action: { type: 'meta-error', code: 131056 } });
    expect((await failure(send({ ...TEXT, to: '213555000999' }))).code).to.equal(131026);
    expect((await failure(send())).code).to.equal(131056);
    expect((await failure(send())).classification.retry?.schedule).to.equal('pair-rate');
    expect((await send()).wamid).to.match(/^wamid\./);
    expect((await failure(send({ ...TEXT, to: '213555000999' }))).code).to.equal(131026);
  });
});

import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { createGraphApiClient } from '../../../src/cloud-api/index.js';
import { reply } from '../../../src/conversations/reply.js';
import { sendQueuedMessage, type SendOutcome } from '../../../src/delivery/send-queued-message.js';
import { queryRows } from '../../../src/db/sql.js';
import type { FaultAction } from '../../../src/sandbox/sandbox-faults.js';
import { startOutboundHarness, type OutboundHarness } from './support/outbound-harness.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');

describe('outbound: every class of Meta error, end to end against the sandbox', function () {
  this.timeout(60_000);
  let h: OutboundHarness;
  // The clock only moves when a test says so, and retry jitter is off: delays are exact.
  let clock = T0;
  beforeEach(async () => {
    clock = T0;
    h = await startOutboundHarness({ clock: { now: () => new Date(clock) }, settings: { random: () => 0 } });
  });
  afterEach(async () => h.close());

  /** A queued message whose job the test runs itself (its pg-boss job is taken out of the queue). */
  async function queuedMessage(waId = '213555000100'): Promise<string> {
    const { conversationId } = await h.conversation({ waId });
    const { id } = await reply(h.context, { conversationId, text: 'Bonjour', actor: null }, { now: () => new Date() });
    await h.takeSendJobs(id);
    return id;
  }
  const fault = (action: FaultAction, times?: number) => h.sandbox.faults.add({ endpoint: 'messages', action, ...(times ? { times } : {}) });
  const send = (id: string) => sendQueuedMessage(h.context, id, h.settings);

  /**
   * Sends until the message stops being retried; returns each outcome, the delay before each
   * retry (ms) and the rate limits Meta's answers slowed down. Between sends the test's clock
   * jumps to the retry time; the limiter runs on the database's real clock, so its rows are
   * reset instead, as the wait would have done.
   */
  async function sendUntilSettled(id: string): Promise<{ outcomes: SendOutcome[]; delays: number[]; slowed: string[] }> {
    const outcomes: SendOutcome[] = [];
    const delays: number[] = [];
    const slowed = new Set<string>();
    for (;;) {
      const outcome = await send(id);
      outcomes.push(outcome);
      const rows = await queryRows<{ key: string }>(h.db.dataSource, `DELETE FROM whatsapp_send_rate_limits WHERE slowed_until IS NOT NULL RETURNING key`);
      for (const { key } of rows) slowed.add(key.split(':')[0]!);
      if (outcome.outcome !== 'retry-scheduled') return { outcomes, delays, slowed: [...slowed] };
      delays.push(outcome.at.getTime() - clock);
      const [job] = (await h.pendingSendJobs()).filter((j) => j.messageId === id).slice(-1);
      // The retry is a job of its own, due exactly when the schedule says.
      expect(job!.startAfter.getTime()).to.equal(outcome.at.getTime());
      clock = outcome.at.getTime();
    }
  }

  it('131056 (pair rate): retried after 1, 4, 16, 64, 256 s, then failed; the customer\'s pair limit is paused', async () => {
    const id = await queuedMessage();
    fault({ type: 'meta-error', code: 131056 });
    const { outcomes, delays, slowed } = await sendUntilSettled(id);
    expect(delays).to.deep.equal([1_000, 4_000, 16_000, 64_000, 256_000]);
    expect(slowed).to.deep.equal(['pair']);
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'failed', code: 131056, explanationKey: 'metaError.131056' });
    const row = await h.message(id);
    expect(row).to.include({ status: 'failed', error_code: 131056, send_attempts: 6, error_explanation_key: 'metaError.131056' });
    expect(row.error_title).to.be.a('string').and.not.equal('');
  });

  it('130429 (throughput): a short backoff, the number slowed down, then sent once the sandbox accepts', async () => {
    const id = await queuedMessage();
    fault({ type: 'meta-error', code: 130429 }, 2);
    const { outcomes, delays, slowed } = await sendUntilSettled(id);
    expect(delays).to.deep.equal([1_000, 2_000]);
    expect(slowed).to.deep.equal(['number']);
    expect(outcomes.at(-1)).to.have.property('outcome', 'sent');
    const row = await h.message(id);
    expect(row).to.include({ status: 'sent', send_attempts: 3, error_code: null, error_title: null, next_attempt_at: null });
    expect(h.sandbox.log.acceptedMessages()).to.have.length(1);
  });

  it('131000 (something went wrong): a few tries (5 s, 30 s), then failed with Meta\'s title', async () => {
    const id = await queuedMessage();
    fault({ type: 'meta-error', code: 131000 });
    const { delays } = await sendUntilSettled(id);
    expect(delays).to.deep.equal([5_000, 30_000]);
    expect(await h.message(id)).to.include({ status: 'failed', error_code: 131000, send_attempts: 3, error_title: 'Something went wrong' });
  });

  for (const [label, action] of [
    ['code 2 (service unavailable)', { type: 'meta-error', code: 2 }],
    ['code 4 (app rate limit)', { type: 'meta-error', code: 4 }],
    ['code 80007 (WABA rate limit)', { type: 'meta-error', code: 80007 }],
    ['a bare HTTP 500', { type: 'http', status: 500, body: '<html>oops</html>' }],
  ] as const) {
    it(`${label}: retried on the standard schedule (5 s, 10 s…) and sent when it passes`, async () => {
      const id = await queuedMessage();
      fault(action as FaultAction, 2);
      const { outcomes, delays, slowed } = await sendUntilSettled(id);
      expect(delays).to.deep.equal([5_000, 10_000]);
      // Meta's own rate limits slow the number down for everyone; an outage does not.
      expect(slowed).to.deep.equal(action.type === 'meta-error' && action.code !== 2 ? ['number'] : []);
      expect(outcomes.at(-1)).to.have.property('outcome', 'sent');
    });
  }

  it('a connection refused before anything was written: retried, never `unknown`', async () => {
    const id = await queuedMessage();
    const closedPort = await unusedPort();
    const refused = { ...h.context, graph: createGraphApiClient({ graphUrl: `http://127.0.0.1:${closedPort}` }) };
    const outcome = await sendQueuedMessage(refused, id, h.settings);
    expect(outcome).to.deep.include({ outcome: 'retry-scheduled', code: null });
    expect(await h.message(id)).to.include({ status: 'queued', error_explanation_key: 'metaError.transport.notSent', send_attempts: 1 });
  });

  it('131047 (window closed): failed at once with the explanation that offers a template', async () => {
    const id = await queuedMessage();
    fault({ type: 'meta-error', code: 131047 });
    expect(await send(id)).to.deep.equal({ outcome: 'failed', code: 131047, explanationKey: 'metaError.131047' });
    const row = await h.message(id);
    expect(row).to.include({ status: 'failed', error_code: 131047, send_attempts: 1 });
    expect(row.failed_at).to.be.instanceOf(Date);
    expect(await h.pendingSendJobs()).to.deep.equal([]);
  });

  it('100 (invalid parameter): failed, no retry, the number not flagged', async () => {
    const id = await queuedMessage();
    fault({ type: 'meta-error', code: 100, details: 'Unexpected key "foo"' });
    await send(id);
    expect(await h.message(id)).to.include({ status: 'failed', error_code: 100, error_details: 'Unexpected key "foo"' });
    const [account] = await h.db.dataSource.query(`SELECT problem_code FROM whatsapp_accounts`);
    expect(account.problem_code).to.equal(null);
  });

  for (const code of [190, 0, 10, 368, 131031, 133010]) {
    it(`${code} (needs an operator): failed and the number flagged until a send works again`, async () => {
      const id = await queuedMessage();
      fault({ type: 'meta-error', code }, 1);
      await send(id);
      expect(await h.message(id)).to.include({ status: 'failed', error_code: code });
      const [flagged] = await h.db.dataSource.query(`SELECT problem_code, problem_message, problem_explanation_key, problem_at FROM whatsapp_accounts`);
      expect(flagged).to.include({ problem_code: code, problem_explanation_key: `metaError.${code}` });
      expect(flagged.problem_message).to.be.a('string').and.not.equal('');

      await send(await queuedMessage('213555000101'));
      const [cleared] = await h.db.dataSource.query(`SELECT problem_code, problem_message, problem_at FROM whatsapp_accounts`);
      expect(cleared).to.deep.equal({ problem_code: null, problem_message: null, problem_at: null });
    });
  }

  it('a number without a usable access token: failed without a request, and the number flagged', async () => {
    const id = await queuedMessage();
    await h.db.dataSource.query(`UPDATE whatsapp_accounts SET access_token_encrypted = 'v1.not.a.sealed.token'`);
    expect(await send(id)).to.deep.equal({ outcome: 'failed', code: null, explanationKey: 'outbound.failure.noAccessToken' });
    const [account] = await h.db.dataSource.query(`SELECT problem_explanation_key, problem_at FROM whatsapp_accounts`);
    expect(account.problem_explanation_key).to.equal('outbound.failure.noAccessToken');
    expect(h.sandbox.log.entries()).to.have.length(0);
  });

  it('a request written and never answered (timeout): `unknown`, not retried', async () => {
    const id = await queuedMessage();
    fault({ type: 'hang' });
    const outcome = await sendQueuedMessage(h.context, id, { ...h.settings, requestTimeoutMs: 300 });
    expect(outcome).to.deep.equal({ outcome: 'unknown' });
    expect(await h.message(id)).to.include({ status: 'unknown', unknown_outcomes: 1, send_attempts: 1, error_explanation_key: 'metaError.transport.unknownOutcome' });
    expect(await h.pendingSendJobs()).to.deep.equal([]);
  });

  it('a connection dropped after the request was read: `unknown` as well', async () => {
    const id = await queuedMessage();
    fault({ type: 'drop' });
    expect(await send(id)).to.deep.equal({ outcome: 'unknown' });
    expect((await h.message(id)).status).to.equal('unknown');
  });

  it('a message Meta would refuse outright is failed without a request (131009 with the broken limit)', async () => {
    const id = await queuedMessage();
    await h.db.dataSource.query(`UPDATE whatsapp_messages SET payload = jsonb_set(payload, '{text,body}', to_jsonb(repeat('x', 5000))) WHERE id = $1`, [id]);
    expect(await send(id)).to.deep.include({ outcome: 'failed', code: null });
    const row = await h.message(id);
    expect(row).to.include({ status: 'failed', error_explanation_key: 'metaError.131009' });
    expect(row.error_details).to.match(/text\.body: at most 4096 characters/);
    expect(h.sandbox.log.entries({ endpoint: 'messages' })).to.have.length(0);
  });
});

async function unusedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

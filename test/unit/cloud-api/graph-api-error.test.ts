import { expect } from 'chai';
import { graphApiErrorFromAnswer } from '../../../src/cloud-api/graph-api-error.js';
import { transportFailureOf } from '../../../src/cloud-api/graph-transport.js';

/** What Node's fetch rejects with: a TypeError whose cause carries the socket's code. */
const fetchFailure = (code: string, message = code) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });

describe('graphApiErrorFromAnswer', () => {
  it("reads every field of Meta's error body", () => {
    const error = graphApiErrorFromAnswer(
      400,
      {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_subcode: 2494010,
          error_data: { messaging_product: 'whatsapp', details: 'More than 24 hours have passed since the recipient last replied.' },
          fbtrace_id: 'AbC123xyz',
        },
      },
      'POST /{phone-number-id}/messages',
    );
    expect(error).to.include({
      kind: 'meta-error',
      outcome: 'rejected',
      httpStatus: 400,
      code: 131047,
      subcode: 2494010,
      type: 'OAuthException',
      title: 'Re-engagement message',
      details: 'More than 24 hours have passed since the recipient last replied.',
      fbtraceId: 'AbC123xyz',
      class: 'permanent',
    });
    expect(error.classification.offerTemplate).to.equal(true);
    expect(error.message).to.equal(
      'POST /{phone-number-id}/messages: (#131047) Re-engagement message (HTTP 400) — More than 24 hours have passed since the recipient last replied.',
    );
  });

  it('classifies by code, not by HTTP status', () => {
    expect(graphApiErrorFromAnswer(400, { error: { code: 130429, message: '(#130429) Rate limit hit' } })).to.include({ class: 'retryable' });
    expect(graphApiErrorFromAnswer(401, { error: { code: 190, message: 'Error validating access token' } }).classification).to.include({
      class: 'operator',
      flags: 'account',
    });
    expect(graphApiErrorFromAnswer(500, { error: { code: 131000, message: '(#131000) Something went wrong' } }).classification.retry).to.deep.include({
      schedule: 'few',
    });
  });

  it("falls back on the HTTP status without Meta's envelope", () => {
    expect(graphApiErrorFromAnswer(503, '<html>down</html>')).to.include({ kind: 'http-error', outcome: 'rejected', class: 'retryable', code: null });
    expect(graphApiErrorFromAnswer(429, undefined)).to.include({ outcome: 'rejected', class: 'retryable' });
    expect(graphApiErrorFromAnswer(404, undefined)).to.include({ outcome: 'rejected', class: 'permanent' });
  });

  it('treats a bare gateway 502/504 as possibly sent', () => {
    for (const status of [502, 504]) {
      expect(graphApiErrorFromAnswer(status, undefined), String(status)).to.include({ outcome: 'unknown', class: 'unknown', transport: 'timeout-after-write' });
    }
  });
});

describe('transportFailureOf', () => {
  it('says "not sent" only for errors raised before a connection existed', () => {
    expect(transportFailureOf(fetchFailure('ECONNREFUSED'), false)).to.equal('refused');
    expect(transportFailureOf(fetchFailure('ENOTFOUND'), false)).to.equal('refused');
    expect(transportFailureOf(fetchFailure('EAI_AGAIN'), false)).to.equal('refused');
    expect(transportFailureOf(fetchFailure('CERT_HAS_EXPIRED'), false)).to.equal('refused');
    expect(transportFailureOf(fetchFailure('UND_ERR_CONNECT_TIMEOUT'), false)).to.equal('timeout-before-write');
    const happyEyeballs = Object.assign(new TypeError('fetch failed'), {
      cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ENETUNREACH' })]),
    });
    expect(transportFailureOf(happyEyeballs, false)).to.equal('refused');
  });

  it('counts everything else as written: drops, resets, timeouts, the unknown', () => {
    expect(transportFailureOf(fetchFailure('UND_ERR_SOCKET', 'other side closed'), false)).to.equal('reset-after-write');
    expect(transportFailureOf(fetchFailure('ECONNRESET'), false)).to.equal('reset-after-write');
    expect(transportFailureOf(fetchFailure('UND_ERR_HEADERS_TIMEOUT'), false)).to.equal('timeout-after-write');
    expect(transportFailureOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), true)).to.equal('timeout-after-write');
    expect(transportFailureOf(new Error('something odd'), false)).to.equal('reset-after-write');
  });
});

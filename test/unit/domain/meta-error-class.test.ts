import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  classifyMetaError,
  KNOWN_META_ERROR_CODES,
  MAX_ATTEMPTS,
  type MetaErrorClassification,
  type MetaErrorInput,
  type RetrySchedule,
} from '../../../src/domain/meta-error-class.js';

const explanations = JSON.parse(readFileSync(new URL('../../../locales/en/meta-errors.json', import.meta.url), 'utf8'));

function explanationOf(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], explanations);
}

type Expected = Omit<MetaErrorClassification, 'explanationKey'>;

const retryable = (schedule: RetrySchedule): Expected => ({
  class: 'retryable',
  retry: { schedule, maxAttempts: MAX_ATTEMPTS[schedule] },
});
const permanent: Expected = { class: 'permanent' };
const account: Expected = { class: 'operator', flags: 'account' };
const template: Expected = { class: 'operator', flags: 'template' };

describe('classifyMetaError', () => {
  // Reference §3, row by row; httpStatus is what Meta usually sends with the code.
  const table: Array<[string, MetaErrorInput, Expected, string]> = [
    ['0 token invalid', { code: 0, httpStatus: 401 }, account, 'metaError.0'],
    ['1 unknown', { code: 1, httpStatus: 400 }, retryable('few'), 'metaError.1'],
    ['2 service unavailable', { code: 2, httpStatus: 503 }, retryable('standard'), 'metaError.2'],
    ['4 app rate limit', { code: 4, httpStatus: 400 }, retryable('standard'), 'metaError.4'],
    ['10 permission denied', { code: 10, httpStatus: 403 }, account, 'metaError.10'],
    ['100 invalid parameter', { code: 100, httpStatus: 400 }, permanent, 'metaError.100'],
    ['100/33 unknown phone number id', { code: 100, subcode: 33, httpStatus: 400 }, account, 'metaError.100_33'],
    ['190 token expired', { code: 190, subcode: 463, httpStatus: 401 }, account, 'metaError.190'],
    ['368 policy block', { code: 368, httpStatus: 403 }, account, 'metaError.368'],
    ['80007 WABA rate limit', { code: 80007, httpStatus: 400 }, retryable('standard'), 'metaError.80007'],
    ['130429 throughput', { code: 130429, httpStatus: 400 }, retryable('short'), 'metaError.130429'],
    ['130472 marketing experiment', { code: 130472, httpStatus: 400 }, permanent, 'metaError.130472'],
    ['131000 something went wrong', { code: 131000, httpStatus: 500 }, retryable('few'), 'metaError.131000'],
    ['131005 access denied', { code: 131005, httpStatus: 403 }, account, 'metaError.131005'],
    ['131008 parameter missing', { code: 131008, httpStatus: 400 }, permanent, 'metaError.131008'],
    ['131009 parameter invalid', { code: 131009, httpStatus: 400 }, permanent, 'metaError.131009'],
    ['131016 service unavailable', { code: 131016, httpStatus: 500 }, retryable('standard'), 'metaError.131016'],
    ['131021 recipient is sender', { code: 131021, httpStatus: 400 }, permanent, 'metaError.131021'],
    ['131026 undeliverable', { code: 131026, httpStatus: 400 }, permanent, 'metaError.131026'],
    ['131030 not in allow-list', { code: 131030, httpStatus: 400 }, permanent, 'metaError.131030'],
    ['131031 account locked', { code: 131031, httpStatus: 400 }, account, 'metaError.131031'],
    ['131042 payment problem', { code: 131042, httpStatus: 400 }, account, 'metaError.131042'],
    ['131045 certificate error', { code: 131045, httpStatus: 400 }, account, 'metaError.131045'],
    ['131047 window closed', { code: 131047, httpStatus: 400 }, { class: 'permanent', offerTemplate: true }, 'metaError.131047'],
    ['131048 spam rate limit', { code: 131048, httpStatus: 400 }, { ...retryable('long'), flags: 'account' }, 'metaError.131048'],
    ['131049 ecosystem health', { code: 131049, httpStatus: 400 }, permanent, 'metaError.131049'],
    ['131050 marketing stopped', { code: 131050, httpStatus: 400 }, permanent, 'metaError.131050'],
    ['131051 unsupported type', { code: 131051, httpStatus: 400 }, permanent, 'metaError.131051'],
    ['131052 media download', { code: 131052, httpStatus: 400 }, permanent, 'metaError.131052'],
    ['131053 media upload', { code: 131053, httpStatus: 400 }, permanent, 'metaError.131053'],
    ['131056 pair rate', { code: 131056, httpStatus: 400 }, retryable('pair-rate'), 'metaError.131056'],
    ['131057 maintenance', { code: 131057, httpStatus: 500 }, retryable('standard'), 'metaError.131057'],
    ['132000 parameter count', { code: 132000, httpStatus: 400 }, permanent, 'metaError.132000'],
    ['132001 template missing', { code: 132001, httpStatus: 404 }, template, 'metaError.132001'],
    ['132005 text too long', { code: 132005, httpStatus: 400 }, permanent, 'metaError.132005'],
    ['132007 policy violation', { code: 132007, httpStatus: 400 }, permanent, 'metaError.132007'],
    ['132012 parameter format', { code: 132012, httpStatus: 400 }, permanent, 'metaError.132012'],
    ['132015 template paused', { code: 132015, httpStatus: 400 }, template, 'metaError.132015'],
    ['132016 template disabled', { code: 132016, httpStatus: 400 }, template, 'metaError.132016'],
    ['133010 not registered', { code: 133010, httpStatus: 400 }, account, 'metaError.133010'],
    // No code, or a code Meta's table does not list.
    ['HTTP 500 without a code', { httpStatus: 500 }, retryable('standard'), 'metaError.serverError'],
    ['HTTP 503 without a code', { httpStatus: 503 }, retryable('standard'), 'metaError.serverError'],
    ['HTTP 502 with an unlisted code', { code: 999999, httpStatus: 502 }, retryable('standard'), 'metaError.serverError'],
    ['HTTP 429 without a code', { httpStatus: 429 }, retryable('short'), 'metaError.tooManyRequests'],
    ['unlisted code on a 400', { code: 999999, httpStatus: 400 }, permanent, 'metaError.unknown'],
    ['HTTP 400 without a code', { httpStatus: 400 }, permanent, 'metaError.unknown'],
    ['nothing known at all', {}, permanent, 'metaError.unknown'],
    // No HTTP answer: whether the request was written decides.
    ['connection refused', { transport: 'refused' }, retryable('standard'), 'metaError.transport.notSent'],
    ['timeout before the request was written', { transport: 'timeout-before-write' }, retryable('standard'), 'metaError.transport.notSent'],
    ['timeout after the request was written', { transport: 'timeout-after-write' }, { class: 'unknown' }, 'metaError.transport.unknownOutcome'],
    ['reset after the request was written', { transport: 'reset-after-write' }, { class: 'unknown' }, 'metaError.transport.unknownOutcome'],
  ];

  for (const [name, input, expected, explanationKey] of table) {
    it(name, () => {
      expect(classifyMetaError(input)).to.deep.equal({ ...expected, explanationKey });
    });
  }

  it('branches on the code, not the HTTP status: a permanent code on a 500 stays permanent', () => {
    expect(classifyMetaError({ code: 131026, httpStatus: 500 }).class).to.equal('permanent');
    expect(classifyMetaError({ code: 190, httpStatus: 500 }).class).to.equal('operator');
  });

  it('never retries once the request may have reached Meta, whatever code is also given', () => {
    expect(classifyMetaError({ transport: 'timeout-after-write', code: 131000, httpStatus: 500 })).to.deep.equal({
      class: 'unknown',
      explanationKey: 'metaError.transport.unknownOutcome',
    });
  });

  it('classifies every code of the table (none left to the default)', () => {
    const tested = new Set(table.map(([, input]) => input.code));
    expect(KNOWN_META_ERROR_CODES.filter((code) => !tested.has(code))).to.deep.equal([]);
  });

  it('retries 131000 and 1 a few times only, fewer than the standard schedule', () => {
    expect(MAX_ATTEMPTS.few).to.be.within(2, 4);
    expect(MAX_ATTEMPTS.few).to.be.below(MAX_ATTEMPTS.standard);
  });

  it('hands out a copy: changing one answer does not change the next', () => {
    classifyMetaError({ code: 131056 }).retry!.maxAttempts = 0;
    expect(classifyMetaError({ code: 131056 }).retry!.maxAttempts).to.equal(MAX_ATTEMPTS['pair-rate']);
  });

  it('has a plain English explanation for every key it can return', () => {
    const keys = new Set(table.map(([, input]) => classifyMetaError(input).explanationKey));
    for (const key of keys) expect(explanationOf(key), key).to.be.a('string').and.not.equal('');
  });
});

/*
 * What to do when a send to Meta fails (reference §3, "Error codes → what to do").
 *
 * Meta's answer is classified by its `code`, never by the HTTP status alone (Meta returns
 * 400 and 500 for both retryable and permanent codes). The HTTP status only decides when there
 * is no code, and a transport failure (no answer at all) decides before anything else.
 *
 * - `retryable`: back off on `retry.schedule` and try again, at most `retry.maxAttempts` sends
 *   in total (the first one included); when they run out the message is failed.
 * - `permanent`: mark the message failed; resending the same message cannot succeed.
 * - `operator`: permanent for this message, and nothing else will go out until an admin fixes
 *   the account or the template named by `flags`.
 * - `unknown`: the request was written and no answer came back, so Meta may have sent it.
 *   Meta has no idempotency key: resending could deliver twice. The message stays `unknown`
 *   until a status webhook (matched through `biz_opaque_callback_data`) settles it.
 *
 * `flags` is independent of the class: 131048 (spam rate limit) is retried later AND shown to
 * the admins, because the account's quality is what needs attention.
 *
 * Codes not in Meta's table: a 5xx answer is retried on the standard schedule (the server
 * failed, the request may be fine), a 429 on the short one; anything else is permanent, because retrying a request
 * Meta rejected for a reason we do not know only repeats the rejection, and the agent still
 * sees Meta's code and title next to the generic explanation.
 */

export type MetaErrorClass = 'retryable' | 'permanent' | 'operator' | 'unknown';

export type RetrySchedule = 'short' | 'pair-rate' | 'few' | 'standard' | 'long';

/** How a request failed when no HTTP answer came back. */
export type TransportFailure = 'refused' | 'timeout-before-write' | 'timeout-after-write' | 'reset-after-write';

export interface MetaErrorInput {
  /** Meta's `error.code`. */
  code?: number;
  /** Meta's `error.error_subcode`. */
  subcode?: number;
  httpStatus?: number;
  transport?: TransportFailure;
}

export interface MetaErrorClassification {
  class: MetaErrorClass;
  /** Present exactly when `class` is `retryable`. */
  retry?: { schedule: RetrySchedule; maxAttempts: number };
  /** What the back office should mark as needing an admin. */
  flags?: 'account' | 'template';
  /** i18n key (locales/<lang>/meta-errors.json) of a plain explanation for agents. */
  explanationKey: string;
  /** The customer-service window is closed: the agent can still send an approved template. */
  offerTemplate?: boolean;
}

/** Total sends (first one included) per schedule; the delays are in retry-backoff.ts. */
export const MAX_ATTEMPTS: Record<RetrySchedule, number> = {
  short: 8,
  'pair-rate': 6,
  few: 3,
  standard: 10,
  long: 3,
};

type Rule = Omit<MetaErrorClassification, 'explanationKey'>;

const retry = (schedule: RetrySchedule, flags?: 'account'): Rule => ({
  class: 'retryable',
  retry: { schedule, maxAttempts: MAX_ATTEMPTS[schedule] },
  ...(flags ? { flags } : {}),
});
const PERMANENT: Rule = { class: 'permanent' };
const ACCOUNT: Rule = { class: 'operator', flags: 'account' };
const TEMPLATE: Rule = { class: 'operator', flags: 'template' };

const RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [0, ACCOUNT],
  [1, retry('few')],
  [2, retry('standard')],
  [4, retry('standard')],
  [10, ACCOUNT],
  [100, PERMANENT],
  [190, ACCOUNT],
  [368, ACCOUNT],
  [80007, retry('standard')],
  [130429, retry('short')],
  [130472, PERMANENT],
  [131000, retry('few')],
  [131005, ACCOUNT],
  [131008, PERMANENT],
  [131009, PERMANENT],
  [131016, retry('standard')],
  [131021, PERMANENT],
  [131026, PERMANENT],
  // Only ever happens with a test number; the allow-list is per recipient, not an account fault.
  [131030, PERMANENT],
  [131031, ACCOUNT],
  [131042, ACCOUNT],
  [131045, ACCOUNT],
  [131047, { class: 'permanent', offerTemplate: true }],
  [131048, retry('long', 'account')],
  // A marketing cap per customer: an automatic resend would hit it again; the explanation tells
  // the agent to wait 24 hours, and a later send is a new decision (the offer may be stale).
  [131049, PERMANENT],
  [131050, PERMANENT],
  [131051, PERMANENT],
  [131052, PERMANENT],
  [131053, PERMANENT],
  [131056, retry('pair-rate')],
  [131057, retry('standard')],
  [132000, PERMANENT],
  // Missing in that language or not approved: every send of the template fails until an admin acts.
  [132001, TEMPLATE],
  [132005, PERMANENT],
  // Usually triggered by the values filled in, so it concerns this message, not the template.
  [132007, PERMANENT],
  [132012, PERMANENT],
  [132015, TEMPLATE],
  [132016, TEMPLATE],
  [133010, ACCOUNT],
]);

/** Codes with their own rule and explanation, for tests and translators. */
export const KNOWN_META_ERROR_CODES: readonly number[] = [...RULES.keys()];

// Code 100 subcode 33 ("object does not exist"): the configured phone number id is wrong or the
// token cannot see it — a setting an admin must fix, not a bad parameter of this message.
const UNKNOWN_OBJECT_SUBCODE = 33;

// A fresh object each time: callers may keep or change what they get without touching the table.
function classified(rule: Rule, explanationKey: string): MetaErrorClassification {
  return { ...rule, ...(rule.retry ? { retry: { ...rule.retry } } : {}), explanationKey };
}

export function classifyMetaError(error: MetaErrorInput): MetaErrorClassification {
  switch (error.transport) {
    case 'refused':
    case 'timeout-before-write':
      return classified(retry('standard'), 'metaError.transport.notSent');
    case 'timeout-after-write':
    case 'reset-after-write':
      return classified({ class: 'unknown' }, 'metaError.transport.unknownOutcome');
  }
  if (error.code !== undefined) {
    if (error.code === 100 && error.subcode === UNKNOWN_OBJECT_SUBCODE) return classified(ACCOUNT, 'metaError.100_33');
    const rule = RULES.get(error.code);
    if (rule) return classified(rule, `metaError.${error.code}`);
  }
  if (error.httpStatus === 429) return classified(retry('short'), 'metaError.tooManyRequests');
  if (error.httpStatus !== undefined && error.httpStatus >= 500) return classified(retry('standard'), 'metaError.serverError');
  return classified(PERMANENT, 'metaError.unknown');
}

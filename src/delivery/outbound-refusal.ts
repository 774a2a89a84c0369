import { Refusal, refusalKey } from '../domain/refusal.js';
import type { ServiceWindowRefusal } from '../domain/service-window.js';
import type { TemplateSendProblem } from '../domain/template-parameters.js';
import type { RefusalBeforeMeta, RefusalBeforeMetaReason } from './refusal-before-meta.js';

export type OutboundRefusalReason =
  | 'conversation-not-found'
  | 'message-not-found'
  | 'recipient-without-phone'
  | 'account-inactive'
  | ServiceWindowRefusal['reason']
  | 'reply-target-not-sent'
  | 'invalid-message'
  | 'template-not-found'
  | 'template-not-approved'
  | 'template-parameters'
  | 'not-retryable'
  | 'outcome-being-reconciled'
  | 'attachment-unsupported-type'
  | 'attachment-too-large'
  | 'attachment-empty'
  | 'no-access-token'
  | 'media-upload-failed'
  | RefusalBeforeMetaReason;

/**
 * A send the agent asked for and that was not queued, with why: an i18n key the back office
 * translates (AdminJS translates in the browser), its parameters, and what the agent can do
 * instead. Nothing was written when this is thrown.
 */
export class OutboundRefusal extends Refusal {
  override readonly name = 'OutboundRefusal';
  declare readonly reason: OutboundRefusalReason;

  constructor(
    reason: OutboundRefusalReason,
    /** i18n key: `serviceWindow.*` for the 24-hour window, `outbound.refusal.<reason>` otherwise. */
    key: string,
    params: Record<string, string | number> = {},
    /** Only an approved template can go out now: the UI should offer one. */
    readonly offerTemplate = false,
    /** For `invalid-message`: each of Meta's limits the message breaks, one readable line each. */
    readonly problems: readonly string[] = [],
    /** For `template-parameters`: each slot filled wrong, with its own i18n key (templateParameters.*). */
    readonly parameterProblems: readonly TemplateSendProblem[] = [],
  ) {
    super(reason, key, params);
    const lines = [...problems, ...parameterProblems.map((problem) => `${problem.slot || 'template'}: ${problem.code}`)];
    if (lines.length) this.message = `${reason}: ${lines.join('; ')}`;
  }

  static of(reason: Exclude<OutboundRefusalReason, ServiceWindowRefusal['reason'] | RefusalBeforeMetaReason>, params: Record<string, string | number> = {}): OutboundRefusal {
    return new OutboundRefusal(reason, refusalKey('outbound', reason), params);
  }

  static invalidMessage(problems: readonly string[]): OutboundRefusal {
    return new OutboundRefusal('invalid-message', 'outbound.refusal.invalidMessage', {}, false, problems);
  }

  static templateParameters(problems: readonly TemplateSendProblem[]): OutboundRefusal {
    return new OutboundRefusal('template-parameters', 'outbound.refusal.templateParameters', {}, false, [], problems);
  }

  /** The check every send path makes before Meta refused it: the same words the failed message would carry. */
  static beforeMeta(refusal: RefusalBeforeMeta): OutboundRefusal {
    return new OutboundRefusal(refusal.reason, refusal.key);
  }

  static window(refusal: ServiceWindowRefusal): OutboundRefusal {
    return new OutboundRefusal(refusal.reason, refusal.key, { ...refusal.params }, refusal.offerTemplate);
  }
}

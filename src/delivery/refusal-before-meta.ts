/** What decides, right before a message goes to Meta, whether it may go at all. */
export interface SendConditions {
  /** The template's category (MARKETING, UTILITY, AUTHENTICATION), null for a message that is not a template. */
  templateCategory: string | null;
  /** The contact stopped marketing messages (`marketing_opted_out_at`). */
  marketingOptedOut: boolean;
  /** The customer is known only by a username: the message goes to their BSUID. */
  usernameOnly: boolean;
  /** Meta disabled or banned the number (or its account was rejected, deleted, unshared): i18n key of why. */
  blockedReasonKey: string | null;
}

export type RefusalBeforeMetaReason = 'number-blocked' | 'marketing-opted-out' | 'authentication-to-username';

export interface RefusalBeforeMeta {
  reason: RefusalBeforeMetaReason;
  /** The error code Meta would answer with, when it has one. */
  code: number | null;
  /** i18n key of the explanation stored on the message (or shown to the agent at once). */
  key: string;
}

/**
 * The one check every send path makes before Meta (the agent's send at once, the send job right
 * before the request, a campaign's queued messages alike): a blocked number sends nothing, a
 * MARKETING template never goes to a contact who stopped marketing messages (Meta would refuse
 * it with 131050), and an AUTHENTICATION template never goes to a username-only customer (131062).
 */
export function refusalBeforeMeta(conditions: SendConditions): RefusalBeforeMeta | null {
  if (conditions.blockedReasonKey) return { reason: 'number-blocked', code: null, key: conditions.blockedReasonKey };
  const category = conditions.templateCategory?.toUpperCase();
  if (category === 'MARKETING' && conditions.marketingOptedOut) return { reason: 'marketing-opted-out', code: 131050, key: 'outbound.failure.marketingOptedOut' };
  if (category === 'AUTHENTICATION' && conditions.usernameOnly) {
    return { reason: 'authentication-to-username', code: 131062, key: 'outbound.failure.authenticationToUsername' };
  }
  return null;
}

import type { AccountNoticeField } from './webhook-payload.js';

export type NoticeSeverity = 'info' | 'warning' | 'critical';

/** Why a number stops sending (i18n keys `accountHealth.blocked.<reason>`). */
export type BlockReason = 'banned' | 'deleted' | 'appRemoved' | 'reviewRejected';

/** What the number's own columns become when this notice is the newest of its topic. */
export interface AccountStatePatch {
  messagingLimit?: string;
  throughputLevel?: string;
  verifiedName?: string;
  nameStatus?: string;
  reviewStatus?: string;
}

/** What one of Meta's number or account notices means for the numbers it concerns. */
export interface AccountNoticeDescription {
  /** A newer notice of the same topic supersedes the older one (`ban`, `review`, `name`, `alert:<type>`…). */
  topic: string;
  event: string;
  severity: NoticeSeverity;
  /** `accountHealth.notice.<summary>` in locales/<lang>/account-health.json. */
  summary: string;
  /** The number it is about, when it names one; otherwise every number of the WhatsApp Business Account. */
  number: { phoneNumberId?: string; displayPhoneNumber?: string } | null;
  /** The number stops sending (with this reason), or sending comes back when it stopped for one of these. */
  block?: { reason: BlockReason; details: string | null } | { clears: BlockReason[] };
  patch: AccountStatePatch;
}

type Json = Record<string, unknown>;

/** Every summary a notice may have (`accountHealth.notice.<summary>`). */
export const NOTICE_SUMMARIES = [
  'banned', 'scheduledForDisable', 'reinstated', 'violation', 'deleted', 'appRemoved', 'appAdded', 'pricingTier', 'authenticationInternational',
  'primaryLocation', 'verification', 'accountUpdate', 'throughputUpgrade', 'qualityFlagged', 'qualityRestored', 'limitDowngraded', 'limitUpgraded',
  'onboarding', 'qualityUpdate', 'nameApproved', 'nameRejected', 'namePending', 'limitIncreaseDeferred', 'limitIncreaseFailed', 'limitIncreaseNeedsInfo',
  'officialApproved', 'officialRejected', 'profilePictureLost', 'alert', 'reviewApproved', 'reviewRejected', 'reviewPending', 'capabilityUpdate',
  'pinChanged', 'pinResetRequested', 'twoStepDisabled', 'securityUpdate',
] as const;

/** Meta's notice, read as what it means for a person. */
export function describeAccountNotice(field: AccountNoticeField, value: Json): AccountNoticeDescription {
  switch (field) {
    case 'account_update':
      return accountUpdate(value);
    case 'phone_number_quality_update': {
      const event = text(value.event) ?? 'UPDATE';
      const limit = text(value.max_daily_conversations_per_business) ?? text(value.current_limit);
      const severity: NoticeSeverity = event === 'FLAGGED' || event === 'DOWNGRADE' ? 'warning' : 'info';
      const summary = { THROUGHPUT_UPGRADE: 'throughputUpgrade', FLAGGED: 'qualityFlagged', UNFLAGGED: 'qualityRestored', DOWNGRADE: 'limitDowngraded', UPGRADE: 'limitUpgraded', ONBOARDING: 'onboarding' }[event] ?? 'qualityUpdate';
      return {
        topic: 'quality',
        event,
        severity,
        summary,
        number: displayNumber(value),
        patch: { ...(limit ? { messagingLimit: limit } : {}), ...(event === 'THROUGHPUT_UPGRADE' ? { throughputLevel: 'high' } : {}) },
      };
    }
    case 'phone_number_name_update': {
      const decision = text(value.decision) ?? 'PENDING';
      const name = text(value.requested_verified_name);
      return {
        topic: 'name',
        event: decision,
        severity: decision === 'REJECTED' ? 'warning' : 'info',
        summary: { APPROVED: 'nameApproved', REJECTED: 'nameRejected' }[decision] ?? 'namePending',
        number: displayNumber(value),
        patch: { nameStatus: decision, ...(name ? { verifiedName: name } : {}) },
      };
    }
    case 'account_alerts': {
      const info = record(value.alert_info) ?? {};
      const type = text(info.alert_type) ?? 'ALERT';
      const active = text(info.alert_status) !== 'NONE';
      const severity: NoticeSeverity = !active ? 'info' : info.alert_severity === 'CRITICAL' ? 'critical' : info.alert_severity === 'WARNING' ? 'warning' : 'info';
      const entityId = text(value.entity_id);
      return {
        topic: `alert:${type}`,
        event: `${type}:${active ? 'ACTIVE' : 'NONE'}`,
        severity,
        summary: ALERT_SUMMARIES[type] ?? 'alert',
        number: value.entity_type === 'PHONE_NUMBER' && entityId ? { phoneNumberId: entityId } : null,
        patch: {},
      };
    }
    case 'account_review_update': {
      const decision = text(value.decision) ?? 'PENDING';
      return {
        topic: 'review',
        event: decision,
        severity: decision === 'APPROVED' ? 'info' : decision === 'REJECTED' ? 'critical' : 'warning',
        summary: { APPROVED: 'reviewApproved', REJECTED: 'reviewRejected' }[decision] ?? 'reviewPending',
        number: null,
        ...(decision === 'REJECTED' ? { block: { reason: 'reviewRejected' as const, details: null } } : {}),
        ...(decision === 'APPROVED' ? { block: { clears: ['reviewRejected' as const] } } : {}),
        patch: { reviewStatus: decision },
      };
    }
    case 'business_capability_update': {
      const limit = text(value.max_daily_conversations_per_business) ?? text(value.max_daily_conversation_per_phone);
      return { topic: 'capability', event: limit ?? 'UPDATE', severity: 'info', summary: 'capabilityUpdate', number: null, patch: limit ? { messagingLimit: limit } : {} };
    }
    case 'security': {
      const event = text(value.event) ?? 'SECURITY';
      return {
        topic: 'security',
        event,
        severity: event === 'PIN_CHANGED' ? 'info' : 'warning',
        summary: { PIN_CHANGED: 'pinChanged', PIN_RESET_REQUEST: 'pinResetRequested', PIN_REQUEST_SUCCESS: 'twoStepDisabled' }[event] ?? 'securityUpdate',
        number: displayNumber(value),
        patch: {},
      };
    }
  }
}

const ALERT_SUMMARIES: Record<string, string> = {
  INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED: 'limitIncreaseDeferred',
  INCREASED_CAPABILITIES_ELIGIBILITY_FAILED: 'limitIncreaseFailed',
  INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO: 'limitIncreaseNeedsInfo',
  OBA_APPROVED: 'officialApproved',
  OBA_REJECTED: 'officialRejected',
  PROFILE_PICTURE_LOST: 'profilePictureLost',
};

function accountUpdate(value: Json): AccountNoticeDescription {
  const event = text(value.event) ?? 'ACCOUNT_UPDATE';
  const base = { event, number: null, patch: {} };
  switch (event) {
    case 'DISABLED_UPDATE': {
      const ban = record(value.ban_info) ?? {};
      const state = text(ban.waba_ban_state) ?? 'DISABLE';
      const details = [state, text(ban.waba_ban_date)].filter(Boolean).join(' — ');
      if (state === 'REINSTATE') return { ...base, topic: 'ban', event: state, severity: 'info', summary: 'reinstated', block: { clears: ['banned'] } };
      if (state === 'SCHEDULE_FOR_DISABLE') return { ...base, topic: 'ban', event: state, severity: 'critical', summary: 'scheduledForDisable' };
      return { ...base, topic: 'ban', event: state, severity: 'critical', summary: 'banned', block: { reason: 'banned', details } };
    }
    case 'ACCOUNT_VIOLATION':
      return { ...base, topic: 'violation', severity: 'warning', summary: 'violation' };
    case 'ACCOUNT_DELETED':
      return { ...base, topic: 'access', severity: 'critical', summary: 'deleted', block: { reason: 'deleted', details: null } };
    case 'PARTNER_REMOVED':
    case 'PARTNER_APP_UNINSTALLED':
      return { ...base, topic: 'access', severity: 'critical', summary: 'appRemoved', block: { reason: 'appRemoved', details: event } };
    case 'PARTNER_ADDED':
    case 'PARTNER_APP_INSTALLED':
      return { ...base, topic: 'access', severity: 'info', summary: 'appAdded', block: { clears: ['appRemoved'] } };
    case 'VOLUME_BASED_PRICING_TIER_UPDATE': {
      const tier = record(value.volume_tier_info) ?? {};
      return { ...base, topic: `pricing_tier:${text(tier.pricing_category) ?? ''}`, event: text(tier.tier) ?? event, severity: 'info', summary: 'pricingTier' };
    }
    case 'AUTH_INTL_PRICE_ELIGIBILITY_UPDATE':
      return { ...base, topic: 'auth_international', severity: 'info', summary: 'authenticationInternational' };
    case 'BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE':
      return { ...base, topic: 'location', event: text(value.country) ?? event, severity: 'info', summary: 'primaryLocation' };
    case 'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE': {
      const status = text(record(value.partner_client_certification_info)?.status) ?? 'PENDING';
      return { ...base, topic: 'verification', event: status, severity: status === 'FAILED' ? 'warning' : 'info', summary: 'verification' };
    }
    default:
      return { ...base, topic: `account:${event}`, severity: 'info', summary: 'accountUpdate' };
  }
}

/** A short line of Meta's own words for a notice, shown beside the translated summary. */
export function noticeDetails(field: AccountNoticeField, value: Json): string | null {
  const parts: unknown[] = [];
  if (field === 'account_update') {
    parts.push(record(value.violation_info)?.violation_type, record(value.ban_info)?.waba_ban_date, record(value.volume_tier_info)?.tier, value.country);
  } else if (field === 'account_alerts') {
    parts.push(record(value.alert_info)?.alert_description);
  } else if (field === 'phone_number_name_update') {
    parts.push(value.requested_verified_name, value.rejection_reason);
  } else if (field === 'phone_number_quality_update') {
    parts.push(value.max_daily_conversations_per_business ?? value.current_limit);
  } else if (field === 'business_capability_update') {
    parts.push(value.max_daily_conversations_per_business);
  }
  const line = parts.map(text).filter((part): part is string => part !== null).join(' — ');
  return line || null;
}

function displayNumber(value: Json): { displayPhoneNumber: string } | null {
  const number = text(value.display_phone_number);
  return number ? { displayPhoneNumber: number } : null;
}

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

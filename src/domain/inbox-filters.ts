import { isUuid } from './uuid.js';

/**
 * What the Inbox page's conversation list shows: a tab (whose conversations) and filters. The
 * same shape travels in the list's requests, in saved views and in the browser's memory of the
 * last view; `parseInboxFilters` reads it from anything and keeps only what is well formed.
 * Pure: the browser imports it by value.
 */
export const INBOX_TABS = ['mine', 'unassigned', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** A conversation status, or `any`. Snoozed ones leave the open list: agents find them here. */
export const INBOX_STATUS_FILTERS = ['open', 'pending', 'snoozed', 'resolved', 'any'] as const;
export type InboxStatusFilter = (typeof INBOX_STATUS_FILTERS)[number];

/** "Window closing": the 24-hour window closes within this many hours. */
export const WINDOW_CLOSING_HOURS = 2;

export interface InboxFilters {
  tab: InboxTab;
  status: InboxStatusFilter;
  /** One number (whatsapp_accounts.id). */
  accountId?: string;
  labelId?: string;
  intent?: string;
  /** The click-to-WhatsApp ad that brought the conversation (its referral's source id). */
  adId?: string;
  /** The customer wrote last: nobody has answered yet. */
  waiting?: boolean;
  /** The customer's 24-hour window closes within WINDOW_CLOSING_HOURS. */
  windowClosing?: boolean;
  unread?: boolean;
}

export const DEFAULT_INBOX_FILTERS: InboxFilters = { tab: 'mine', status: 'open' };

/** The filters that narrow the list beyond its tab and status (what a "clear filters" button clears). */
export const NARROWING_FILTERS = ['accountId', 'labelId', 'intent', 'adId', 'waiting', 'windowClosing', 'unread'] as const;

const INTENT = /^[\w-]{1,50}$/;
/** Meta's ad ids are digits; kept to what referral_source_id can hold. */
const AD_ID = /^[\w.-]{1,100}$/;

function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function flag(value: unknown): true | undefined {
  return value === true || value === 'true' ? true : undefined;
}

/** Filters from a request, a saved view or storage; what is malformed is left out, never passed on. */
export function parseInboxFilters(raw: unknown): InboxFilters {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const filters: InboxFilters = {
    tab: oneOf(INBOX_TABS, source.tab, DEFAULT_INBOX_FILTERS.tab),
    status: oneOf(INBOX_STATUS_FILTERS, source.status, DEFAULT_INBOX_FILTERS.status),
  };
  if (isUuid(source.accountId)) filters.accountId = source.accountId;
  if (isUuid(source.labelId)) filters.labelId = source.labelId;
  if (typeof source.intent === 'string' && INTENT.test(source.intent)) filters.intent = source.intent;
  if (typeof source.adId === 'string' && AD_ID.test(source.adId)) filters.adId = source.adId;
  if (flag(source.waiting)) filters.waiting = true;
  if (flag(source.windowClosing)) filters.windowClosing = true;
  if (flag(source.unread)) filters.unread = true;
  return filters;
}

/** How many filters narrow the list beyond its tab and status. */
export function narrowingCount(filters: InboxFilters): number {
  return NARROWING_FILTERS.filter((name) => filters[name] !== undefined).length;
}

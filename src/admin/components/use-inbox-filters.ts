import { useCallback, useState } from 'react';
import { DEFAULT_INBOX_FILTERS, NARROWING_FILTERS, parseInboxFilters, type InboxFilters, type InboxTab } from '../../domain/inbox-filters.ts';

const STORAGE_KEY = 'adminjs-whatsapp.inbox.filters';

const stored = (tabs: readonly InboxTab[]): InboxFilters => {
  let filters = DEFAULT_INBOX_FILTERS;
  try {
    filters = parseInboxFilters(JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}'));
  } catch {
    // Storage unreadable or disabled: the default view.
  }
  return tabs.includes(filters.tab) ? filters : { ...filters, tab: tabs[0] ?? 'mine' };
};

/** The list's tab and filters, kept in the browser from one visit to the next. */
export const useInboxFilters = (tabs: readonly InboxTab[]) => {
  const [filters, setFilters] = useState<InboxFilters>(() => stored(tabs));
  const apply = useCallback((next: InboxFilters) => {
    const parsed = parseInboxFilters(next);
    setFilters(parsed);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(parsed));
    } catch {
      // Not kept: the view still applies now.
    }
  }, []);
  const change = useCallback((patch: Partial<InboxFilters>) => apply({ ...filters, ...patch }), [apply, filters]);
  const clear = useCallback(() => {
    const next: InboxFilters = { ...filters };
    for (const name of NARROWING_FILTERS) delete next[name];
    apply(next);
  }, [apply, filters]);
  return { filters, apply, change, clear };
};

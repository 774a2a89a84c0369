import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_INBOX_FILTERS, NARROWING_FILTERS, parseInboxFilters, type InboxFilters, type InboxTab } from '../../domain/inbox-filters.ts';

const STORAGE_KEY = 'adminjs-whatsapp.inbox.filters';

const stored = (): InboxFilters => {
  try {
    return parseInboxFilters(JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}'));
  } catch {
    // Storage unreadable or disabled: the default view.
    return DEFAULT_INBOX_FILTERS;
  }
};

/**
 * The list's tab and filters, kept in the browser from one visit to the next: the list is asked
 * for at once, with the page's setup. A tab the agent no longer has (`tabs`, once known) falls
 * back to his first.
 */
export const useInboxFilters = (tabs: readonly InboxTab[] | undefined) => {
  const [filters, setFilters] = useState<InboxFilters>(stored);
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
  useEffect(() => {
    if (tabs && !tabs.includes(filters.tab)) setFilters((current) => ({ ...current, tab: tabs[0] ?? 'mine' }));
  }, [tabs, filters.tab]);
  return { filters, apply, change, clear };
};

import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxFilters } from '../../domain/inbox-filters.ts';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxCounts, InboxPage } from '../resources/inbox-page-actions.js';
import type { InboxRow } from '../../conversations/read/inbox-list.js';
import { resourceAction } from './action-client.ts';
import { mergeRows } from './inbox-rows.ts';
import { followLive } from './live-connection.ts';

/** Live updates are gathered this long, then read in one request: a burst of messages costs one. */
const LIVE_BATCH_MS = 150;
/** The tabs' counts are read again at most this often while updates arrive. */
const COUNTS_DELAY_MS = 1_500;
/** At most this many rows are read again by id in one request. */
const MAX_NAMED = 50;
/** Without a live stream, the list is read again this often. */
const POLL_MS = 15_000;

const read = <T>(actionName: string, params: Record<string, string>) =>
  resourceAction<T & Record<string, unknown>>({ resourceId: RESOURCE_IDS.conversations, actionName, params });

/**
 * The conversation list of the Inbox page: pages of 50 loaded as the agent scrolls (keyset, so
 * 100,000 conversations never load at once), the tabs' counts, and the live stream applied as it
 * comes — a new conversation appears, a row moves up when a message arrives, a row leaves when it
 * no longer belongs (resolved, taken by someone else, filtered out). Each update is read again
 * through the same filtered, permission-checked list query.
 */
export const useInboxList = (filters: InboxFilters) => {
  const filtersText = JSON.stringify(filters);
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [offline, setOffline] = useState(false);
  const loadingMore = useRef(false);
  // Answers to an older filter are dropped: the agent may switch tabs faster than pages arrive.
  const generation = useRef(0);
  const complete = useRef(false);
  complete.current = loaded && next === null;

  const loadCounts = useCallback(async () => {
    const mine = generation.current;
    const answer = await read<InboxCounts>('inboxCounts', { filters: filtersText }).catch(() => null);
    if (answer && mine === generation.current) setCounts(answer);
  }, [filtersText]);

  const loadFirst = useCallback(async () => {
    const mine = ++generation.current;
    // The rows first: the counts come when they come.
    void loadCounts();
    const page = await read<InboxPage>('inboxList', { filters: filtersText }).catch(() => null);
    if (!page || mine !== generation.current) return;
    setRows(page.rows);
    setNext(page.next);
    setLoaded(true);
  }, [filtersText, loadCounts]);

  const loadMore = useCallback(async () => {
    if (!next || loadingMore.current) return;
    loadingMore.current = true;
    const mine = generation.current;
    try {
      const page = await read<InboxPage>('inboxList', { filters: filtersText, cursor: next }).catch(() => null);
      if (!page || mine !== generation.current) return;
      setRows((current) => mergeRows(current, [], page.rows.filter((row) => !current.some((shown) => shown.id === row.id)), true));
      setNext(page.next);
    } finally {
      loadingMore.current = false;
    }
  }, [filtersText, next]);

  const readAgain = useCallback(
    async (ids: string[]) => {
      const mine = generation.current;
      const page = await read<InboxPage>('inboxList', { filters: filtersText, ids: ids.join(',') }).catch(() => null);
      if (!page || mine !== generation.current) return;
      setRows((current) => mergeRows(current, ids, page.rows, complete.current));
    },
    [filtersText],
  );

  useEffect(() => {
    setRows([]);
    setNext(null);
    setLoaded(false);
    void loadFirst();
  }, [loadFirst]);

  // Handlers read the latest callbacks; the subscription itself lives as long as the page.
  const handlers = useRef({ readAgain, loadFirst, loadCounts });
  handlers.current = { readAgain, loadFirst, loadCounts };
  useEffect(() => {
    const named = new Set<string>();
    const hidden = new Set<string>();
    let batch: ReturnType<typeof setTimeout> | null = null;
    let countsTimer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      batch = null;
      if (hidden.size) {
        const gone = [...hidden];
        hidden.clear();
        setRows((current) => current.filter((row) => !gone.includes(row.id)));
      }
      const ids = [...named].slice(0, MAX_NAMED);
      ids.forEach((id) => named.delete(id));
      if (ids.length) void handlers.current.readAgain(ids);
      if (named.size) batch = setTimeout(flush, LIVE_BATCH_MS);
    };
    const countsSoon = () => {
      countsTimer ??= setTimeout(() => {
        countsTimer = null;
        void handlers.current.loadCounts();
      }, COUNTS_DELAY_MS);
    };
    const unfollow = followLive({
      events: {
        inbox: (event) => {
          // A message's delivery ticks change no row but its preview's; they are read like the rest.
          (event.kind === 'conversation.hidden' ? hidden : named).add(event.conversationId);
          batch ??= setTimeout(flush, LIVE_BATCH_MS);
          if (event.kind !== 'message.updated') countsSoon();
        },
        resync: () => void handlers.current.loadFirst(),
      },
      poll: () => void handlers.current.loadFirst(),
      pollMs: POLL_MS,
      opened: (afterOutage) => {
        if (afterOutage) void handlers.current.loadFirst();
      },
      setOffline,
    });
    return () => {
      unfollow();
      for (const timer of [batch, countsTimer]) if (timer) clearTimeout(timer);
    };
  }, []);

  return { rows, loaded, hasMore: next !== null, counts, offline, loadMore, reload: loadFirst, readAgain };
};

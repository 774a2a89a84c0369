import { useCallback, useEffect, useRef, useState } from 'react';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxSearchAnswer } from '../resources/inbox-page-actions.js';
import { resourceAction } from './action-client.ts';

/** Typing pauses this long before a search goes out. */
const TYPING_PAUSE_MS = 250;

const search = (params: Record<string, string>) =>
  resourceAction<InboxSearchAnswer & Record<string, unknown>>({ resourceId: RESOURCE_IDS.conversations, actionName: 'inboxSearch', params });

/** The search box and its results; an answer to an older query never replaces a newer one. */
export const useInboxSearch = (accountId: string | undefined) => {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<InboxSearchAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      latest.current += 1;
      setAnswer(null);
      setBusy(false);
      return undefined;
    }
    setBusy(true);
    const timer = setTimeout(() => {
      const mine = ++latest.current;
      search({ q: text, ...(accountId ? { accountId } : {}) })
        .then((found) => {
          if (mine === latest.current) setAnswer(found);
        })
        .catch(() => undefined)
        .finally(() => {
          if (mine === latest.current) setBusy(false);
        });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query, accountId]);

  const moreMessages = useCallback(async () => {
    if (!answer?.nextMessages) return;
    const mine = latest.current;
    const more = await search({ q: query.trim(), after: answer.nextMessages, ...(accountId ? { accountId } : {}) }).catch(() => null);
    if (!more || mine !== latest.current) return;
    setAnswer({ ...answer, messages: [...answer.messages, ...more.messages], nextMessages: more.nextMessages });
  }, [answer, query, accountId]);

  return { query, setQuery, answer, busy, active: query.trim() !== '', moreMessages };
};

import { useCallback, useEffect, useRef, useState } from 'react';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import type { TimelineAnswer } from '../resources/conversation-view-actions.js';
import { formData, recordAction } from './action-client.ts';
import { isUnsettled, mergeMessages } from './timeline-merge.ts';
import { useTimelineReader } from './use-timeline-reader.ts';

/** The server re-reads at most this many messages by id. */
const MAX_REFRESHED = 100;

// The agent is watching when the customer writes: what he sees is read (a POST; a GET never changes anything).
const markRead = (conversationId: string) =>
  recordAction({ resourceId: RESOURCE_IDS.conversations, recordId: conversationId, actionName: 'markRead', data: formData({}) }).catch(() => undefined);

/**
 * The conversation's messages, a page of 50 at a time: the latest on opening, older ones on
 * demand, and on refresh what is newer than the newest shown plus the shown messages that may
 * have changed (unsettled statuses, and those a live update names).
 */
export const useTimeline = (conversationId: string, options: { onAnswer: (answer: TimelineAnswer) => void; onOlderPage: () => void }) => {
  const read = useTimelineReader(conversationId, options.onAnswer);
  const [messages, setMessages] = useState<TimelineMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const latest = useRef(messages);
  latest.current = messages;

  const loadLatest = useCallback(async () => {
    const answer = await read();
    if (!answer) return;
    setMessages((current) => mergeMessages(current, answer.messages));
    if (!latest.current.length) setHasMore(answer.hasMore);
    setLoaded(true);
  }, [read]);

  const refresh = useCallback(
    async (namedIds: readonly string[] = []): Promise<void> => {
      const shown = latest.current;
      const newest = shown[shown.length - 1];
      if (!newest) return loadLatest();
      const ids = new Set(namedIds);
      for (const message of shown.slice(-MAX_REFRESHED)) if (isUnsettled(message)) ids.add(message.id);
      const answer = await read({ after: newest.id, ...(ids.size ? { ids: [...ids].slice(0, MAX_REFRESHED).join(',') } : {}) });
      if (!answer) return;
      setMessages((current) => mergeMessages(mergeMessages(current, answer.updated), answer.messages));
      if (answer.messages.some((message) => message.direction === 'inbound') && document.visibilityState === 'visible') void markRead(conversationId);
      // More than a page arrived at once: start again from the latest page.
      if (answer.hasMore) await loadLatest();
    },
    [read, loadLatest, conversationId],
  );

  const loadOlder = useCallback(async () => {
    const oldest = latest.current[0];
    if (!oldest || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const answer = await read({ before: oldest.id });
      if (!answer) return;
      options.onOlderPage();
      setMessages((current) => mergeMessages(current, answer.messages));
      setHasMore(answer.hasMore);
    } finally {
      setLoadingOlder(false);
    }
  }, [read, loadingOlder]);

  useEffect(() => {
    setMessages([]);
    setLoaded(false);
    void loadLatest();
  }, [conversationId]);

  return { messages, hasMore, loaded, loadingOlder, loadLatest, refresh, loadOlder };
};

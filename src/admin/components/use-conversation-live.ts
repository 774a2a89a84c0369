import { useEffect, useRef, useState } from 'react';
import type { InboxEvent } from '../../domain/live-events.ts';
import { liveStreamAvailable, subscribe, watchConversation } from './live-connection.ts';

const POLL_MS = 10_000;

export interface ConversationLiveHandlers {
  /** Something of this conversation changed (an empty list: read again what may have). */
  onChange: (changes: InboxEvent[]) => void;
  /** Events may have been lost: read everything again. */
  onResync: () => void;
}

/**
 * The page's shared live stream, narrowed to one conversation. While the stream is down the view
 * polls every 10 s; when it comes back, whatever happened meanwhile is read again.
 */
export const useConversationLive = (conversationId: string, { onChange, onResync }: ConversationLiveHandlers): { offline: boolean } => {
  const handlers = useRef({ onChange, onResync });
  handlers.current = { onChange, onResync };
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let poller: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setOffline(true);
      if (!poller) poller = setInterval(() => handlers.current.onChange([]), POLL_MS);
    };
    const stopPolling = () => {
      setOffline(false);
      if (poller) clearInterval(poller);
      poller = null;
    };
    if (!liveStreamAvailable()) {
      startPolling();
      return stopPolling;
    }
    let wasDown = false;
    const release = watchConversation(conversationId);
    const unsubscribe = subscribe({
      inbox: (event) => {
        if (event.conversationId === conversationId) handlers.current.onChange([event]);
      },
      resync: () => handlers.current.onResync(),
      // The shared stream (re)opened: whatever happened while it was down or being reopened is read again.
      open: () => {
        stopPolling();
        if (wasDown) handlers.current.onResync();
        else handlers.current.onChange([]);
        wasDown = false;
      },
      error: () => {
        wasDown = true;
        startPolling();
      },
    });
    return () => {
      unsubscribe();
      release();
      if (poller) clearInterval(poller);
    };
  }, [conversationId]);

  return { offline };
};

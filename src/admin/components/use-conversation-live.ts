import { useEffect, useRef, useState } from 'react';
import type { InboxEvent } from '../../domain/live-events.ts';
import { followLive, watchConversation } from './live-connection.ts';

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
    const release = watchConversation(conversationId);
    const unfollow = followLive({
      events: {
        inbox: (event) => {
          if (event.conversationId === conversationId) handlers.current.onChange([event]);
        },
        resync: () => handlers.current.onResync(),
      },
      poll: () => handlers.current.onChange([]),
      pollMs: POLL_MS,
      // The shared stream (re)opened: whatever happened while it was down or being reopened is read again.
      opened: (afterOutage) => (afterOutage ? handlers.current.onResync() : handlers.current.onChange([])),
      setOffline,
    });
    return () => {
      unfollow();
      release();
    };
  }, [conversationId]);

  return { offline };
};

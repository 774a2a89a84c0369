import { useEffect, useState } from 'react';
import type { MentionEvent } from '../../domain/live-events.ts';
import { liveStreamAvailable, subscribe } from './live-connection.ts';

/**
 * The admin's unseen @mentions, live: the server sends the count when the stream opens and when
 * it changes, with the conversation when someone has just mentioned them (`latest`).
 */
export const useMentions = (): { count: number | null; latest: MentionEvent | null; dismiss: () => void } => {
  const [count, setCount] = useState<number | null>(null);
  const [latest, setLatest] = useState<MentionEvent | null>(null);
  useEffect(() => {
    if (!liveStreamAvailable()) return undefined;
    return subscribe({
      mention: (event) => {
        if (!Number.isInteger(event.count)) return;
        setCount(event.count);
        if (event.conversationId) setLatest(event);
      },
    });
  }, []);
  return { count, latest, dismiss: () => setLatest(null) };
};

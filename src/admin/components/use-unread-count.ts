import { useEffect, useState } from 'react';
import { liveStreamAvailable, subscribe } from './live-connection.ts';

/**
 * The conversations waiting for this admin. The server decides what they may count, sends the
 * count on connect and after every change, and reconnects by itself; a refused stream (no inbox
 * permission any more) just shows no count.
 */
export const useUnreadCount = (enabled: boolean): number | null => {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled || !liveStreamAvailable()) return undefined;
    return subscribe({
      unread: ({ count: next }) => {
        if (Number.isInteger(next)) setCount(next);
      },
      error: ({ closed }) => {
        if (closed) setCount(null);
      },
    });
  }, [enabled]);
  return count;
};

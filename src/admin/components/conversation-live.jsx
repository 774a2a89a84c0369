import { useEffect, useRef, useState } from 'react';
import { liveStreamAvailable, subscribe, watchConversation } from './live-connection.js';

const POLL_MS = 10_000;

// The inbox's Server-Sent Events (the page's shared stream), narrowed to one conversation. `event: inbox` names what
// changed ({ kind, conversationId, messageId? }, or a list of them); `event: resync` means some
// were lost, so everything is read again. While the stream is down the view polls every 10 s.
export const useConversationLive = (conversationId, { onChange, onResync }) => {
  const handlers = useRef({ onChange, onResync });
  handlers.current = { onChange, onResync };
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let poller = null;
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
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const changes = (Array.isArray(data) ? data : [data]).filter((change) => change && change.conversationId === conversationId);
        if (changes.length) handlers.current.onChange(changes);
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

// The current time, ticking once a second, so that countdowns move without a reload.
export const useNow = (serverNow) => {
  const skew = useRef(0);
  useEffect(() => {
    if (serverNow) skew.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + skew.current;
};

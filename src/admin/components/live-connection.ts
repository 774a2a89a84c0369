import { LIVE_STREAM_EVENTS, type LiveStreamEventName, type LiveStreamPayloads } from '../../domain/live-events.ts';
import { rootPath } from './admin-paths.ts';

// One Server-Sent Events stream per page, shared by the navigation's unread count and the
// conversation view. Browsers allow six HTTP/1.1 connections per host: two streams per tab would
// block every other request from the third tab on. The conversations on screen are named in the
// stream's address, so the server can say when one leaves the admin's view; naming another one
// reopens the stream.

/** What a subscriber hears: the stream's events with their data, and the connection opening or failing. */
export type LiveHandlers = { [E in LiveStreamEventName]?: (data: LiveStreamPayloads[E]) => void } & {
  open?: () => void;
  error?: (state: { closed: boolean }) => void;
};

type Handler = (payload?: unknown) => void;

const handlers = new Map<string, Set<Handler>>();
const watched = new Map<string, number>();
let source: EventSource | null = null;
let reopening: ReturnType<typeof setTimeout> | null = null;

const emit = (name: string, payload?: unknown) => {
  for (const handler of handlers.get(name) ?? []) handler(payload);
};

const listenerCount = () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0);

// A data line that is not JSON is dropped: the server only sends JSON.
const parsed = (event: MessageEvent<string>): unknown => {
  try {
    return JSON.parse(event.data);
  } catch {
    return undefined;
  }
};

const open = () => {
  reopening = null;
  if (source) source.close();
  source = null;
  if (listenerCount() === 0 || typeof window.EventSource === 'undefined') return;
  const query = [...watched.keys()].map((id) => `conversation=${encodeURIComponent(id)}`).join('&');
  const current = new window.EventSource(`${rootPath()}/whatsapp/live${query ? `?${query}` : ''}`);
  source = current;
  for (const name of LIVE_STREAM_EVENTS) {
    current.addEventListener(name, (event) => {
      const data = parsed(event);
      if (data !== undefined) emit(name, data);
    });
  }
  current.onopen = () => emit('open');
  current.onerror = () => emit('error', { closed: current.readyState === window.EventSource.CLOSED });
};

// Several changes in one render (a view mounting while the badge subscribes) open one stream.
const reopenSoon = () => {
  if (!reopening) reopening = setTimeout(open, 0);
};

export const liveStreamAvailable = (): boolean => typeof window.EventSource !== 'undefined';

/** Subscribes to the stream; returns the unsubscribe. */
export const subscribe = (events: LiveHandlers): (() => void) => {
  const entries = Object.entries(events) as [string, Handler][];
  for (const [name, handler] of entries) {
    if (!handlers.has(name)) handlers.set(name, new Set());
    handlers.get(name)!.add(handler);
  }
  if (!source) reopenSoon();
  return () => {
    for (const [name, handler] of entries) handlers.get(name)?.delete(handler);
    if (listenerCount() === 0) reopenSoon();
  };
};

/** Names a conversation on screen in the stream's address; returns the release. */
export const watchConversation = (conversationId: string): (() => void) => {
  watched.set(conversationId, (watched.get(conversationId) ?? 0) + 1);
  reopenSoon();
  return () => {
    const left = (watched.get(conversationId) ?? 1) - 1;
    if (left > 0) watched.set(conversationId, left);
    else watched.delete(conversationId);
    reopenSoon();
  };
};

/** How a view follows the stream, and what it does while the stream is down. */
export interface LiveFollowing {
  events: Omit<LiveHandlers, 'open' | 'error'>;
  /** Read again every `pollMs` while the stream is down (or the browser has none). */
  poll: () => void;
  pollMs: number;
  /** The stream (re)opened; `afterOutage` when it had been down, so what happened meanwhile must be read again. */
  opened: (afterOutage: boolean) => void;
  setOffline: (offline: boolean) => void;
}

/** Subscribes a view to the stream, polling while it is down; returns the unsubscribe. */
export const followLive = ({ events, poll, pollMs, opened, setOffline }: LiveFollowing): (() => void) => {
  let poller: ReturnType<typeof setInterval> | null = null;
  let wasDown = false;
  const startPolling = () => {
    setOffline(true);
    poller ??= setInterval(poll, pollMs);
  };
  const stopPolling = () => {
    if (poller) clearInterval(poller);
    poller = null;
  };
  if (!liveStreamAvailable()) {
    startPolling();
    return stopPolling;
  }
  const unsubscribe = subscribe({
    ...events,
    open: () => {
      setOffline(false);
      stopPolling();
      opened(wasDown);
      wasDown = false;
    },
    error: () => {
      wasDown = true;
      startPolling();
    },
  });
  return () => {
    unsubscribe();
    stopPolling();
  };
};

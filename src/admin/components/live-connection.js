import { rootPath } from './conversation-format.jsx';

// One Server-Sent Events stream per page, shared by the navigation's unread count and the
// conversation view. Browsers allow six HTTP/1.1 connections per host: two streams per tab would
// block every other request from the third tab on. The conversations on screen are named in the
// stream's address, so the server can say when one leaves the admin's view; naming another one
// reopens the stream.
const handlers = new Map();
const watched = new Map();
let source = null;
let reopening = null;

const emit = (name, payload) => {
  for (const handler of handlers.get(name) ?? []) handler(payload);
};

const listenerCount = () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0);

const open = () => {
  reopening = null;
  if (source) source.close();
  source = null;
  if (listenerCount() === 0 || typeof window.EventSource === 'undefined') return;
  const query = [...watched.keys()].map((id) => `conversation=${encodeURIComponent(id)}`).join('&');
  const current = new window.EventSource(`${rootPath()}/whatsapp/live${query ? `?${query}` : ''}`);
  source = current;
  for (const name of ['inbox', 'unread', 'resync']) current.addEventListener(name, (event) => emit(name, event));
  current.onopen = () => emit('open');
  current.onerror = () => emit('error', { closed: current.readyState === window.EventSource.CLOSED });
};

// Several changes in one render (a view mounting while the badge subscribes) open one stream.
const reopenSoon = () => {
  if (!reopening) reopening = setTimeout(open, 0);
};

export const liveStreamAvailable = () => typeof window.EventSource !== 'undefined';

/** Subscribes to stream events (`inbox`, `unread`, `resync`, `open`, `error`); returns the unsubscribe. */
export const subscribe = (events) => {
  for (const [name, handler] of Object.entries(events)) {
    if (!handlers.has(name)) handlers.set(name, new Set());
    handlers.get(name).add(handler);
  }
  if (!source) reopenSoon();
  return () => {
    for (const [name, handler] of Object.entries(events)) handlers.get(name)?.delete(handler);
    if (listenerCount() === 0) reopenSoon();
  };
};

/** Names a conversation on screen in the stream's address; returns the release. */
export const watchConversation = (conversationId) => {
  watched.set(conversationId, (watched.get(conversationId) ?? 0) + 1);
  reopenSoon();
  return () => {
    const left = (watched.get(conversationId) ?? 1) - 1;
    if (left > 0) watched.set(conversationId, left);
    else watched.delete(conversationId);
    reopenSoon();
  };
};

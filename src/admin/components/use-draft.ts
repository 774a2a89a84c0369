import { useCallback, useEffect, useRef, useState } from 'react';
import { useCurrentAdmin } from 'adminjs';

/** What the agent was writing in a conversation, kept in the browser until it is sent. */
export interface Draft {
  text: string;
  mode: 'reply' | 'note';
  /** The message being answered, with what the bar above the box shows of it. */
  replyTo: { id: string; preview: string } | null;
}

const EMPTY: Draft = { text: '', mode: 'reply', replyTo: null };
const SAVE_DELAY_MS = 300;

const read = (key: string): Draft => {
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) ?? 'null') as Partial<Draft> | null;
    return saved && typeof saved.text === 'string' ? { ...EMPTY, ...saved } : EMPTY;
  } catch {
    return EMPTY;
  }
};

/**
 * One draft per conversation (and per admin, on a shared computer), in localStorage as WhatsApp
 * Web and Chatwoot keep theirs: a reload or another conversation and back, and the text, the
 * quoted message and the note mode are still there. Sending clears it.
 */
export const useDraft = (conversationId: string) => {
  const [currentAdmin] = useCurrentAdmin();
  const key = `adminjs-whatsapp:draft:${String(currentAdmin?.email ?? '')}:${conversationId}`;
  const [draft, setDraft] = useState<Draft>(() => read(key));
  const loadedKey = useRef(key);
  useEffect(() => {
    if (loadedKey.current !== key) {
      loadedKey.current = key;
      setDraft(read(key));
    }
  }, [key]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (draft.text || draft.replyTo || draft.mode !== 'reply') window.localStorage.setItem(key, JSON.stringify(draft));
      else window.localStorage.removeItem(key);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, key]);
  // Stable, so the thread's memoised message menus and the outside-draft listener keep theirs.
  const update = useCallback((change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change })), []);
  const clear = () => {
    window.localStorage.removeItem(key);
    setDraft((current) => ({ ...EMPTY, mode: current.mode }));
  };
  return { draft, update, clear };
};

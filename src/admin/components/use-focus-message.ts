import { useEffect, useRef, type RefObject } from 'react';

/** A search hit this far back is still reached (50 messages a page). */
const MAX_PAGES_BACK = 40;

interface FocusTimeline {
  messages: readonly { id: string }[];
  loaded: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
}

/**
 * Opens the timeline at one message (a search hit): older pages are read until it is there,
 * then it is scrolled to the middle of the view and flashed, so the eye finds it.
 */
export const useFocusMessage = (messageId: string | null | undefined, timeline: FocusTimeline, scroller: RefObject<HTMLDivElement>) => {
  const pages = useRef(0);
  const done = useRef<string | null>(null);
  useEffect(() => {
    pages.current = 0;
    done.current = null;
  }, [messageId]);
  useEffect(() => {
    if (!messageId || done.current === messageId || !timeline.loaded || timeline.loadingOlder) return;
    const present = timeline.messages.some((message) => message.id === messageId);
    if (!present) {
      if (timeline.hasMore && pages.current < MAX_PAGES_BACK) {
        pages.current += 1;
        void timeline.loadOlder();
      }
      return;
    }
    done.current = messageId;
    // After the render that put it in the page.
    requestAnimationFrame(() => {
      const target = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
      if (!target) return;
      target.scrollIntoView({ block: 'center' });
      target.setAttribute('data-focused', 'true');
      target.animate([{ backgroundColor: 'rgba(255, 214, 0, 0.55)' }, { backgroundColor: 'transparent' }], { duration: 2400, easing: 'ease-out' });
    });
  }, [messageId, timeline.loaded, timeline.loadingOlder, timeline.hasMore, timeline.messages]);
};

import { useCallback, useRef } from 'react';

const NEAR_BOTTOM_PX = 120;
const NEAR_TOP_PX = 80;

/**
 * Where the timeline stays as it grows: new messages keep it at the bottom when the agent was
 * there; an older page added above keeps the place being read. `restore` applies that after
 * each render that changed the list.
 */
export const useScrollAnchor = () => {
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffset = useRef<number | null>(null);

  const restore = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    if (keepOffset.current !== null) {
      element.scrollTop = element.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, []);

  const keepPlace = useCallback(() => {
    const element = scroller.current;
    keepOffset.current = element ? element.scrollHeight - element.scrollTop : null;
  }, []);

  const followBottom = useCallback(() => {
    stickToBottom.current = true;
  }, []);

  /** After the agent scrolled: whether they reached the top, where older messages are loaded. */
  const scrolledToTop = useCallback((): boolean => {
    const element = scroller.current;
    if (!element) return false;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    return element.scrollTop < NEAR_TOP_PX;
  }, []);

  const jumpTo = useCallback((messageId: string) => {
    const target = scroller.current?.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);

  return { scroller, restore, keepPlace, followBottom, scrolledToTop, jumpTo };
};

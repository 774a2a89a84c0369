import { useCallback, useRef, useState } from 'react';
import type { InboxEvent } from '../../domain/live-events.ts';
import { useConversationLive } from './use-conversation-live.ts';

interface LiveTimelineReads {
  refresh: (messageIds: readonly string[]) => Promise<void>;
  loadLatest: () => Promise<void>;
}

/** The timeline kept current by the live stream, until the conversation leaves the admin's view. */
export const useLiveTimeline = (conversationId: string, { refresh, loadLatest }: LiveTimelineReads): { hidden: boolean; offline: boolean } => {
  const [hidden, setHidden] = useState(false);
  const hiddenRef = useRef(false);
  const onChange = useCallback(
    (changes: InboxEvent[]) => {
      if (hiddenRef.current) return;
      // Reassigned away from an agent who may only see his own: what was shown is taken away.
      if (changes.some((change) => change.kind === 'conversation.hidden')) {
        hiddenRef.current = true;
        setHidden(true);
        return;
      }
      void refresh(changes.flatMap((change) => ('messageId' in change && change.messageId ? [change.messageId] : [])));
    },
    [refresh],
  );
  const onResync = useCallback(() => {
    if (!hiddenRef.current) void loadLatest();
  }, [loadLatest]);
  const { offline } = useConversationLive(conversationId, { onChange, onResync });
  return { hidden, offline };
};

import { useCallback, useLayoutEffect } from 'react';
import type { RecordJSON } from 'adminjs';
import { useConversationPanel } from './use-conversation-panel.ts';
import { useLiveTimeline } from './use-live-timeline.ts';
import { useNow } from './use-now.ts';
import { usePendingMessages, type PendingDraft } from './use-pending-messages.ts';
import { useScrollAnchor } from './use-scroll-anchor.ts';
import { useTimeline } from './use-timeline.ts';

/** Everything the conversation view shows, read through the `timeline` action and kept current by the live stream. */
export const useConversationView = (initialRecord: RecordJSON) => {
  const conversationId = String(initialRecord.id);
  const conversation = useConversationPanel(initialRecord);
  const anchor = useScrollAnchor();
  const timeline = useTimeline(conversationId, { onAnswer: conversation.take, onOlderPage: anchor.keepPlace });
  const now = useNow(conversation.panel?.now);
  const pending = usePendingMessages(conversationId, now);
  const live = useLiveTimeline(conversationId, timeline);
  useLayoutEffect(anchor.restore, [timeline.messages, pending.pending, timeline.loaded]);
  // Stable: the messages are memoised, and the view re-renders every second for the window's countdown.
  const { refresh } = timeline;
  const onRetried = useCallback((messageId: string) => refresh([messageId]), [refresh]);

  const closesAt = conversation.panel?.window.closesAt;
  return {
    ...conversation,
    ...live,
    now,
    anchor,
    timeline,
    shown: [...timeline.messages, ...pending.pending],
    windowOpen: closesAt ? Date.parse(closesAt) > now : false,
    onSending: (draft: PendingDraft) => {
      anchor.followBottom();
      return pending.add(draft);
    },
    onQueued: async (pendingId: string) => {
      await timeline.refresh();
      pending.drop(pendingId);
    },
    onRefused: pending.drop,
    onRetried,
    onChanged: () => timeline.refresh(),
  };
};

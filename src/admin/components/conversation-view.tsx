import React, { useLayoutEffect } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ActionProps } from 'adminjs';
import { ConversationPanel } from './conversation-panel.tsx';
import { ReplyBox } from './reply-box.tsx';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { MentionAlert } from './mention-alert.tsx';
import { Timeline } from './timeline.tsx';
import { useConversationText } from './use-conversation-text.ts';
import { useConversationView } from './use-conversation-view.ts';
import { useThreadComposer } from './use-thread-composer.ts';
import { useFocusMessage } from './use-focus-message.ts';
import { useSlaAlerts } from './use-sla-alerts.ts';

/** How the Inbox page shows the view: filling its pane, with or without the side panel; `focusMessageId` opens it at a message. */
export interface Embedding {
  embedded?: { panel: boolean };
  focusMessageId?: string | null;
}

const Layout = styled.div<{ $embedded: boolean; $panel: boolean }>`
  display: grid;
  grid-template-columns: ${({ $panel }) => ($panel ? 'minmax(0, 1fr) 320px' : 'minmax(0, 1fr)')};
  gap: ${({ $embedded }) => ($embedded ? '0' : '16px')};
  align-items: start;
  block-size: ${({ $embedded }) => ($embedded ? '100%' : 'auto')};
  @media (max-width: 1000px) {
    grid-template-columns: minmax(0, 1fr);
  }
  & > aside {
    block-size: ${({ $embedded }) => ($embedded ? '100%' : 'auto')};
    overflow-y: ${({ $embedded }) => ($embedded ? 'auto' : 'visible')};
    padding: ${({ $embedded }) => ($embedded ? '12px' : '0')};
    box-sizing: border-box;
  }
`;

const Chat = styled.div<{ $embedded: boolean }>`
  display: flex;
  flex-direction: column;
  block-size: ${({ $embedded }) => ($embedded ? '100%' : 'calc(100vh - 220px)')};
  min-block-size: ${({ $embedded }) => ($embedded ? '0' : '420px')};
  border: 1px solid ${themeColor('border')};
  border-radius: 8px;
  overflow: hidden;
  background: ${whatsAppColors.wallpaper};
`;

const Banner = styled.div`
  background: ${whatsAppColors.notice};
  color: ${themeColor('warning')};
  font-size: 12px;
  padding: 4px 12px;
  text-align: center;
`;

/**
 * The conversation's show page, where agents spend their day: the timeline with the reply box,
 * and the side panel. Data comes from the `timeline` action (one page of 50, older pages on
 * scroll, newer messages and changed statuses when the live stream says so).
 */
const ConversationView = ({ record: initialRecord, embedded, focusMessageId }: Pick<ActionProps, 'record'> & Embedding) => {
  const view = useConversationView(initialRecord!);
  const { tm } = useConversationText();
  useSlaAlerts(true);
  const { timeline, anchor } = view;
  const thread = useThreadComposer(view.record, view.panel, view);
  // A note added at the bottom is followed like a new message.
  useLayoutEffect(anchor.restore, [thread.data.notes]);
  useFocusMessage(focusMessageId, timeline, anchor.scroller);
  if (view.hidden) {
    return (
      <Banner data-testid="conversation-hidden" role="alert">
        {tm('conversationView.hidden')}
      </Banner>
    );
  }
  const onScroll = () => {
    if (anchor.scrolledToTop() && timeline.hasMore && !timeline.loadingOlder) void timeline.loadOlder();
  };
  return (
    <Layout data-testid="conversation-view" $embedded={!!embedded} $panel={!embedded || embedded.panel}>
      <Chat $embedded={!!embedded}>
        {view.offline ? <Banner>{tm('conversationView.liveOffline')}</Banner> : null}
        <Timeline
          messages={view.shown}
          loaded={timeline.loaded}
          hasMore={timeline.hasMore}
          loadingOlder={timeline.loadingOlder}
          onLoadOlder={() => void timeline.loadOlder()}
          scroller={anchor.scroller}
          onScroll={onScroll}
          onJump={anchor.jumpTo}
          onRetried={view.onRetried}
          notes={thread.data.notes}
          menu={thread.menu}
        />
        <ReplyBox
          record={view.record}
          panel={view.panel}
          windowOpen={view.windowOpen}
          composer={thread.composer}
          data={thread.data}
          onSending={view.onSending}
          onQueued={view.onQueued}
          onRefused={view.onRefused}
        />
        <MentionAlert conversationId={String(view.record.id)} />
      </Chat>
      {!embedded || embedded.panel ? (
        <ConversationPanel record={view.record} panel={view.panel} events={view.events} now={view.now} onChanged={view.onChanged} />
      ) : null}
    </Layout>
  );
};

export default ConversationView;

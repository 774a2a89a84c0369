import React, { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Loader } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { RESOURCE_ID, dayKey, dayLabel, isUnsettled, languageOf, mergeMessages } from './conversation-format.jsx';
import { useConversationLive, useNow } from './conversation-live.jsx';
import { ConversationPanel } from './conversation-panel.jsx';
import { ReplyBox } from './conversation-reply-box.jsx';
import { TimelineMessage } from './timeline-message.jsx';

const api = new ApiClient();

// The conversation's show page, where agents spend their day: the timeline with the reply box,
// and the side panel. Data comes from the `timeline` action (one page of 50, older pages on
// scroll, newer messages and changed statuses when the live stream says so).

const Layout = styled.div`
  display: grid;
  grid-template-columns: minmax(0, 1fr) 320px;
  gap: 16px;
  align-items: start;
  @media (max-width: 1000px) {
    grid-template-columns: minmax(0, 1fr);
  }
`;

const Chat = styled.div`
  display: flex;
  flex-direction: column;
  block-size: calc(100vh - 220px);
  min-block-size: 420px;
  border: 1px solid #e5e7eb;
  border-radius: 8px;
  overflow: hidden;
  background: #efeae2;
`;

const Scroller = styled.div`
  flex: 1;
  overflow-y: auto;
  padding: 12px 16px;
`;

const Separator = styled.div`
  display: flex;
  justify-content: center;
  margin-block: 10px;
  & > span {
    background: #fff;
    color: #54656f;
    font-size: 12px;
    padding: 3px 12px;
    border-radius: 8px;
    box-shadow: 0 1px 0.5px rgba(11, 20, 26, 0.13);
  }
`;

const Older = styled.button`
  display: block;
  margin: 4px auto 10px;
  border: 1px solid #d1d5db;
  background: #fff;
  border-radius: 14px;
  padding: 3px 14px;
  font: inherit;
  font-size: 12px;
  color: #3040d6;
  cursor: pointer;
  &:disabled {
    color: #9ca3af;
    cursor: default;
  }
`;

const Hint = styled.div`
  text-align: center;
  color: #667781;
  font-size: 12px;
  margin-block: 8px;
`;

const Banner = styled.div`
  background: #fff8d6;
  color: #a14f17;
  font-size: 12px;
  padding: 4px 12px;
  text-align: center;
`;

const NEAR_BOTTOM_PX = 120;
const NEAR_TOP_PX = 80;
let pendingSeq = 0;

const ConversationView = ({ record: initialRecord }) => {
  const { translateMessage: tm, i18n } = useTranslation();
  const addNotice = useNotice();
  const conversationId = initialRecord.id;
  const [record, setRecord] = useState(initialRecord);
  const [messages, setMessages] = useState([]);
  const [pending, setPending] = useState([]);
  const [hasMore, setHasMore] = useState(false);
  const [panel, setPanel] = useState(null);
  const [events, setEvents] = useState([]);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const scroller = useRef(null);
  const stickToBottom = useRef(true);
  const keepOffset = useRef(null);
  const latest = useRef([]);
  latest.current = messages;
  const now = useNow(panel?.now);

  const fetchTimeline = useCallback(
    async (params = {}) => {
      const response = await api.recordAction({ resourceId: RESOURCE_ID, recordId: conversationId, actionName: 'timeline', params });
      const answer = response.data;
      if (answer.notice?.type === 'error') {
        addNotice({ ...answer.notice, resourceId: RESOURCE_ID });
        return null;
      }
      if (answer.record?.recordActions) setRecord(answer.record);
      if (answer.panel) setPanel(answer.panel);
      if (answer.events) setEvents(answer.events);
      return answer;
    },
    [conversationId],
  );

  const loadLatest = useCallback(async () => {
    const answer = await fetchTimeline();
    if (!answer) return;
    setMessages((current) => mergeMessages(current, answer.messages));
    if (!latest.current.length) setHasMore(answer.hasMore);
    setLoaded(true);
  }, [fetchTimeline]);

  // What is newer than the newest message shown, and the visible messages that may have changed.
  const refresh = useCallback(
    async (changes = []) => {
      const shown = latest.current;
      const newest = shown[shown.length - 1];
      if (!newest) return loadLatest();
      const ids = new Set(changes.map((change) => change.messageId).filter(Boolean));
      for (const message of shown.slice(-100)) if (isUnsettled(message)) ids.add(message.id);
      const answer = await fetchTimeline({ after: newest.id, ...(ids.size ? { ids: [...ids].slice(0, 100).join(',') } : {}) });
      if (!answer) return;
      setMessages((current) => mergeMessages(mergeMessages(current, answer.updated), answer.messages));
      // The agent is watching when the customer writes: what he sees is read (POST; never on GET).
      if (answer.messages.some((message) => message.direction === 'inbound') && document.visibilityState === 'visible') {
        api.recordAction({ resourceId: RESOURCE_ID, recordId: conversationId, actionName: 'markRead', data: new FormData() }).catch(() => undefined);
      }
      // More than a page arrived at once: start again from the latest page.
      if (answer.hasMore) await loadLatest();
    },
    [fetchTimeline, loadLatest, conversationId],
  );

  const loadOlder = useCallback(async () => {
    const oldest = latest.current[0];
    if (!oldest || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const answer = await fetchTimeline({ before: oldest.id });
      if (!answer) return;
      const element = scroller.current;
      keepOffset.current = element ? element.scrollHeight - element.scrollTop : null;
      setMessages((current) => mergeMessages(current, answer.messages));
      setHasMore(answer.hasMore);
    } finally {
      setLoadingOlder(false);
    }
  }, [fetchTimeline, loadingOlder]);

  useEffect(() => {
    setMessages([]);
    setPending([]);
    setLoaded(false);
    loadLatest();
  }, [conversationId]);

  const [hidden, setHidden] = useState(false);
  const hiddenRef = useRef(false);
  const onChange = useCallback(
    (changes) => {
      if (hiddenRef.current) return undefined;
      // Reassigned away from an agent who may only see his own: what was shown is taken away.
      if (changes.some((change) => change.kind === 'conversation.hidden')) {
        hiddenRef.current = true;
        return setHidden(true);
      }
      return refresh(changes);
    },
    [refresh],
  );
  const onResync = useCallback(() => (hiddenRef.current ? undefined : loadLatest()), [loadLatest]);
  const { offline } = useConversationLive(conversationId, { onChange, onResync });

  // New messages keep the view at the bottom when the agent was there; older pages keep the place they were reading.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (keepOffset.current !== null) {
      element.scrollTop = element.scrollHeight - keepOffset.current;
      keepOffset.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages, pending, loaded]);

  const onScroll = () => {
    const element = scroller.current;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    if (element.scrollTop < NEAR_TOP_PX && hasMore && !loadingOlder) loadOlder();
  };

  const jumpTo = useCallback((messageId) => {
    const target = scroller.current?.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`);
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, []);
  const onRetried = useCallback((messageId) => refresh([{ messageId }]), [refresh]);

  // The message shows at once as queued; the server's row replaces it on the next read.
  const onSending = ({ type, body, content }) => {
    pendingSeq += 1;
    const id = `pending-${pendingSeq}`;
    const at = new Date(now).toISOString();
    stickToBottom.current = true;
    setPending((current) => [
      ...current,
      { id, pending: true, direction: 'outbound', type, body, content, status: 'queued', createdAt: at, at, reactions: [], quoted: null, replyToWamid: null, error: null, media: null },
    ]);
    return id;
  };
  const dropPending = (id) => setPending((current) => current.filter((message) => message.id !== id));
  const onQueued = async (id) => {
    await refresh();
    dropPending(id);
  };

  const windowOpen = panel?.window?.closesAt ? Date.parse(panel.window.closesAt) > now : false;
  const language = languageOf(i18n);
  const shown = [...messages, ...pending];

  if (hidden) {
    return (
      <Banner data-testid="conversation-hidden" role="alert">
        {tm('conversationView.hidden', RESOURCE_ID)}
      </Banner>
    );
  }
  return (
    <Layout data-testid="conversation-view">
      <Chat>
        {offline ? <Banner>{tm('conversationView.liveOffline', RESOURCE_ID)}</Banner> : null}
        <Scroller ref={scroller} onScroll={onScroll} data-testid="timeline" aria-busy={!loaded}>
          {!loaded ? <Loader /> : null}
          {loaded && hasMore ? (
            <Older type="button" onClick={loadOlder} disabled={loadingOlder} data-testid="load-older">
              {tm(loadingOlder ? 'conversationView.loadingOlder' : 'conversationView.loadOlder', RESOURCE_ID)}
            </Older>
          ) : null}
          {loaded && !hasMore && shown.length ? <Hint>{tm('conversationView.beginning', RESOURCE_ID)}</Hint> : null}
          {loaded && !shown.length ? <Hint>{tm('conversationView.empty', RESOURCE_ID)}</Hint> : null}
          {shown.map((message, index) => {
            const newDay = index === 0 || dayKey(shown[index - 1].at) !== dayKey(message.at);
            return (
              <React.Fragment key={message.id}>
                {newDay ? (
                  <Separator data-testid="day-separator" role="separator">
                    <span>{dayLabel(message.at, tm, language)}</span>
                  </Separator>
                ) : null}
                <TimelineMessage message={message} onJump={jumpTo} onRetried={onRetried} />
              </React.Fragment>
            );
          })}
        </Scroller>
        <ReplyBox record={record} panel={panel} windowOpen={windowOpen} onSending={onSending} onQueued={onQueued} onRefused={dropPending} />
      </Chat>
      <ConversationPanel record={record} panel={panel} events={events} now={now} onChanged={() => refresh()} />
    </Layout>
  );
};

export default ConversationView;

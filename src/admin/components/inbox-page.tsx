import React, { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { BulkBar } from './bulk-bar.tsx';
import { ConversationList } from './conversation-list.tsx';
import { InboxFilterBar } from './inbox-filter-bar.tsx';
import { InboxTabs } from './inbox-tabs.tsx';
import { InboxThread } from './inbox-thread.tsx';
import { SavedViewsBar } from './saved-views-bar.tsx';
import { RtlSidebar } from './rtl-sidebar.tsx';
import { SearchResults } from './search-results.tsx';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useInboxFilters } from './use-inbox-filters.ts';
import { useSlashToSearch } from './use-inbox-keys.ts';
import { useInboxList } from './use-inbox-list.ts';
import { useInboxSearch } from './use-inbox-search.ts';
import { useInboxSetup } from './use-inbox-setup.ts';
import { NumberHealthBanner } from './dashboard-number-health.tsx';
import { useConversationText } from './use-conversation-text.ts';
import { useOpenedConversation } from './use-opened-conversation.ts';

const Workspace = styled.div`
  display: grid;
  grid-template-columns: minmax(300px, 360px) minmax(0, 1fr);
  block-size: calc(100vh - ${({ theme }) => theme.sizes.navbarHeight});
  background: ${themeColor('white')};
  border-block-start: 1px solid ${themeColor('border')};
  overflow: hidden;
`;

const ListPane = styled.section`
  display: flex;
  flex-direction: column;
  min-block-size: 0;
  border-inline-end: 1px solid ${themeColor('border')};
`;

const Search = styled.div`
  padding: 8px 12px;
  background: ${themeColor('grey20')};
  & > input {
    inline-size: 100%;
    box-sizing: border-box;
    border: 0;
    border-radius: 8px;
    padding: 7px 12px;
    font: inherit;
    font-size: 14px;
    background: ${themeColor('white')};
  }
`;

const Offline = styled.div`
  background: ${whatsAppColors.notice};
  color: ${themeColor('warning')};
  font-size: 12px;
  padding: 4px 12px;
  text-align: center;
`;

const ThreadPane = styled.div`
  min-inline-size: 0;
  min-block-size: 0;
  background: ${whatsAppColors.wallpaper};
`;

const PANEL_KEY = 'adminjs-whatsapp.inbox.panel';
/** The three panes need this much: the list, a thread wide enough to read, the side panel. */
const THREE_PANES_PX = 1200;
/** From this width AdminJS keeps its sidebar open beside the page (300 px); below, it folds it away. */
const SIDEBAR_SHOWN_PX = 1324;
const SIDEBAR_PX = 300;

/** The side panel starts shown where the three panes fit (1280 px fits: AdminJS's sidebar is folded there), then as the agent left it. */
const panelAtFirst = (): boolean => {
  const kept = window.localStorage.getItem(PANEL_KEY);
  if (kept !== null) return kept === 'shown';
  const width = window.innerWidth >= SIDEBAR_SHOWN_PX ? window.innerWidth - SIDEBAR_PX : window.innerWidth;
  return width >= THREE_PANES_PX;
};

/** Every 30 s is enough for "3 min", "waiting 2 h" and the window's hours. */
const useListClock = (): number => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
};

const Workbench = ({ setup, onSetup }: { setup: InboxSetup | null; onSetup: (setup: InboxSetup) => void }) => {
  const { tm } = useConversationText();
  const { filters, apply, change, clear } = useInboxFilters(setup?.tabs);
  const list = useInboxList(filters);
  const search = useInboxSearch(filters.accountId);
  const opened = useOpenedConversation();
  const now = useListClock();
  const searchBox = useRef<HTMLInputElement>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [hitIndex, setHitIndex] = useState(-1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [panel, setPanel] = useState(panelAtFirst);
  useSlashToSearch(searchBox);
  useEffect(() => {
    setSelected(new Set());
    setActiveIndex(0);
  }, [JSON.stringify(filters)]);
  useEffect(() => setHitIndex(-1), [search.answer]);

  const showPanel = useCallback((shown: boolean) => {
    setPanel(shown);
    window.localStorage.setItem(PANEL_KEY, shown ? 'shown' : 'hidden');
  }, []);
  const toggle = (conversationId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(conversationId)) next.add(conversationId);
      return next;
    });

  const hits = search.answer ? [...search.answer.conversations.map((row) => ({ conversationId: row.id, messageId: null })), ...search.answer.messages] : [];
  const onSearchKeys = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      search.setQuery('');
      return;
    }
    if (!search.active || hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setHitIndex((index) => Math.max(0, Math.min(hits.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      const hit = hits[Math.max(0, hitIndex)]!;
      opened.open(hit.conversationId, hit.messageId);
    }
  };
  const openRow = opened.conversationId ? list.rows.find((row) => row.id === opened.conversationId) : undefined;

  return (
    <Workspace data-testid="inbox-page">
      <ListPane aria-label={tm('inboxPage.list.label')}>
        <Search>
          <input
            ref={searchBox}
            type="search"
            dir="auto"
            value={search.query}
            onChange={(event) => search.setQuery(event.target.value)}
            onKeyDown={onSearchKeys}
            placeholder={tm('inboxPage.search.placeholder')}
            aria-label={tm('inboxPage.search.placeholder')}
            data-testid="inbox-search"
          />
        </Search>
        {setup ? <NumberHealthBanner warnings={setup.numberHealth} compact /> : null}
        {list.offline ? <Offline>{tm('inboxPage.list.offline')}</Offline> : null}
        {search.active ? (
          <SearchResults
            answer={search.answer}
            busy={search.busy}
            now={now}
            activeIndex={hitIndex}
            onOpen={(conversationId, messageId) => opened.open(conversationId, messageId ?? null)}
            onMore={() => void search.moreMessages()}
          />
        ) : (
          <>
            {setup ? (
              <>
                <InboxTabs tabs={setup.tabs} current={filters.tab} counts={list.counts} onChange={(tab) => change({ tab })} />
                <SavedViewsBar views={setup.savedViews} filters={filters} onApply={apply} onViews={(savedViews) => onSetup({ ...setup, savedViews })} />
                <InboxFilterBar setup={setup} filters={filters} onChange={change} onClear={clear} />
              </>
            ) : null}
            {setup && selected.size ? (
              <BulkBar
                setup={setup}
                selected={[...selected]}
                onDone={() => {
                  setSelected(new Set());
                  void list.reload();
                }}
              />
            ) : null}
            <ConversationList
              rows={list.rows}
              loaded={list.loaded}
              hasMore={list.hasMore}
              now={now}
              openId={opened.conversationId}
              activeIndex={activeIndex}
              selected={selected}
              selectable={!!setup && (setup.can.assign || setup.can.resolve || setup.can.label)}
              onActiveIndex={setActiveIndex}
              onOpen={(conversationId) => opened.open(conversationId)}
              onToggle={toggle}
              onLoadMore={() => void list.loadMore()}
            />
          </>
        )}
      </ListPane>
      <ThreadPane>
        {setup ? (
          <InboxThread
            conversationId={opened.conversationId}
            focusMessageId={opened.messageId}
            setup={setup}
            panel={panel}
            onPanel={showPanel}
            version={openRow ? JSON.stringify(openRow.labels) : ''}
          />
        ) : null}
      </ThreadPane>
    </Workspace>
  );
};

/**
 * The Inbox page, where agents spend their day: the conversation list (tabs, filters, saved
 * views, search, live), the thread with its reply box, and the side panel — three panes, as in
 * WhatsApp Web and Chatwoot. The host lists it in AdminJS's `pages`, or makes it the home page.
 */
const InboxPage = () => {
  const { tm } = useConversationText();
  // The list is asked for at once, beside the setup: the first rows do not wait for it.
  const { setup, failed, setSetup } = useInboxSetup();
  if (failed) return <Offline role="alert">{tm('inboxPage.failed')}</Offline>;
  return (
    <>
      <RtlSidebar />
      <Workbench setup={setup} onSetup={setSetup} />
    </>
  );
};

export default InboxPage;

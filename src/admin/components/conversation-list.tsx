import React, { useEffect, useRef, type KeyboardEvent } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Loader } from '@adminjs/design-system';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { InboxRow } from '../../conversations/read/inbox-list.js';
import { ConversationRow, ROW_HEIGHT } from './conversation-row.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Scroller = styled.div`
  flex: 1;
  min-block-size: 0;
  overflow-y: auto;
  outline: none;
  &:focus-visible {
    box-shadow: inset 0 0 0 2px ${themeColor('primary60')};
  }
`;

const Hint = styled.div`
  padding: 24px 16px;
  text-align: center;
  color: ${themeColor('grey60')};
  font-size: 13px;
`;

/** Rows drawn beyond the visible ones on each side, so fast scrolling shows no blank. */
const OVERSCAN = 8;
/** The next page is asked for this many rows before the end. */
const PREFETCH_ROWS = 15;

interface ConversationListProps {
  rows: InboxRow[];
  loaded: boolean;
  hasMore: boolean;
  now: number;
  openId: string | null;
  activeIndex: number;
  selected: ReadonlySet<string>;
  selectable: boolean;
  onActiveIndex: (index: number) => void;
  onOpen: (conversationId: string) => void;
  onToggle: (conversationId: string) => void;
  onLoadMore: () => void;
}

/**
 * The conversations, virtualised: only the rows in view (and a few around) are in the page, so
 * the list stays light however far the agent scrolls; pages load before the end is reached.
 * ↑/↓ move, Enter opens, as in WhatsApp Web.
 */
export const ConversationList = (props: ConversationListProps) => {
  const { rows, loaded, hasMore, activeIndex, onActiveIndex, onOpen, onLoadMore } = props;
  const { tm } = useConversationText();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => rows[index]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastShown >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, lastShown, rows.length, onLoadMore]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const index = Math.max(0, Math.min(rows.length - 1, activeIndex + (event.key === 'ArrowDown' ? 1 : -1)));
      onActiveIndex(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    } else if (event.key === 'Enter' && rows[activeIndex]) {
      event.preventDefault();
      onOpen(rows[activeIndex]!.id);
    }
  };

  if (!loaded) return <Loader />;
  if (rows.length === 0) return <Hint data-testid="list-empty">{tm('inboxPage.list.empty')}</Hint>;
  return (
    <Scroller
      ref={scroller}
      tabIndex={0}
      role="listbox"
      aria-label={tm('inboxPage.list.label')}
      aria-activedescendant={rows[activeIndex] ? `row-${rows[activeIndex]!.id}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="conversation-list"
    >
      <div style={{ blockSize: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          return (
            <div key={item.key} id={row ? `row-${row.id}` : undefined} style={{ position: 'absolute', insetInlineStart: 0, insetBlockStart: item.start, inlineSize: '100%' }}>
              {row ? (
                <ConversationRow
                  row={row}
                  now={props.now}
                  open={row.id === props.openId}
                  active={item.index === activeIndex}
                  selectable={props.selectable}
                  selected={props.selected.has(row.id)}
                  onOpen={() => {
                    onActiveIndex(item.index);
                    onOpen(row.id);
                  }}
                  onToggle={() => props.onToggle(row.id)}
                />
              ) : (
                <Hint>{tm('inboxPage.list.loadingMore')}</Hint>
              )}
            </div>
          );
        })}
      </div>
    </Scroller>
  );
};

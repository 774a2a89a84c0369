import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { InboxRow } from '../../conversations/read/inbox-list.js';
import { HOURS, rowTime, shortDuration } from './inbox-time.ts';
import { LabelChip } from './label-chip.tsx';
import { CustomerText } from './customer-text.tsx';
import { RowPreview } from './row-preview.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

export const ROW_HEIGHT = 78;

const Row = styled.div<{ $open: boolean; $active: boolean }>`
  display: flex;
  gap: 10px;
  align-items: center;
  box-sizing: border-box;
  block-size: ${ROW_HEIGHT}px;
  padding: 8px 12px;
  border-block-end: 1px solid ${themeColor('grey20')};
  cursor: pointer;
  background: ${({ $open, $active, theme }) => ($open ? theme.colors.grey20 : $active ? theme.colors.grey20 : theme.colors.white)};
  outline: ${({ $active, theme }) => ($active ? `2px solid ${theme.colors.primary60}` : 'none')};
  outline-offset: -2px;
  &:hover {
    background: ${themeColor('grey20')};
  }
`;

const Avatar = styled.span`
  flex: none;
  inline-size: 40px;
  block-size: 40px;
  border-radius: 50%;
  display: grid;
  place-items: center;
  font-weight: 700;
  color: ${themeColor('white')};
  background: ${themeColor('grey60')};
`;

const Body = styled.div`
  flex: 1;
  min-inline-size: 0;
  display: flex;
  flex-direction: column;
  gap: 2px;
`;

const Line = styled.div`
  display: flex;
  align-items: center;
  gap: 6px;
  min-inline-size: 0;
`;

/** One line of text that never wraps: cut at the end with an ellipsis, never mid-word onto a second line. */
const Clip = styled.span<{ $strong?: boolean; $muted?: boolean }>`
  flex: 1;
  min-inline-size: 0;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
  font-weight: ${({ $strong }) => ($strong ? 700 : 400)};
  color: ${({ $muted, theme }) => ($muted ? theme.colors.grey60 : theme.colors.grey100)};
  font-size: ${({ $muted }) => ($muted ? '13px' : '14px')};
`;

const Side = styled.span<{ $accent?: boolean }>`
  flex: none;
  font-size: 12px;
  white-space: nowrap;
  color: ${({ $accent, theme }) => ($accent ? theme.colors.success : theme.colors.grey60)};
  font-weight: ${({ $accent }) => ($accent ? 700 : 400)};
`;

const Unread = styled.span`
  flex: none;
  min-inline-size: 20px;
  padding: 0 6px;
  border-radius: 10px;
  text-align: center;
  font-size: 12px;
  font-weight: 700;
  line-height: 20px;
  color: ${themeColor('white')};
  background: ${themeColor('success')};
`;

const Meta = styled.span<{ $tone?: 'warning' | 'error' }>`
  font-size: 11px;
  white-space: nowrap;
  color: ${({ $tone, theme }) => ($tone === 'error' ? theme.colors.error : $tone === 'warning' ? theme.colors.warning : theme.colors.grey60)};
`;

const Pick = styled.input`
  flex: none;
  margin: 0;
`;

const initials = (name: string | null): string =>
  (name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join('') || '#';

interface ConversationRowProps {
  row: InboxRow;
  now: number;
  open: boolean;
  active: boolean;
  selectable: boolean;
  selected: boolean;
  onOpen: () => void;
  onToggle: () => void;
}

/**
 * A conversation in the list: who (name, else the number, left to right), the last message and
 * when, the unread count in bold, who has it, the 24-hour window and how long the customer has
 * been waiting for an answer, and its labels.
 */
export const ConversationRow = ({ row, now, open, active, selectable, selected, onOpen, onToggle }: ConversationRowProps) => {
  const { tm, language } = useConversationText();
  const unread = row.unreadCount > 0;
  const closesIn = row.windowClosesAt ? Date.parse(row.windowClosesAt) - now : null;
  return (
    <Row
      $open={open}
      $active={active}
      onClick={onOpen}
      role="option"
      aria-selected={open}
      data-testid="conversation-row"
      data-conversation-id={row.id}
      data-unread={row.unreadCount}
    >
      {selectable ? (
        <Pick
          type="checkbox"
          checked={selected}
          onClick={(event) => event.stopPropagation()}
          onChange={onToggle}
          aria-label={tm('inboxPage.bulk.select', { name: row.contact.name ?? row.contact.phone ?? '' })}
          data-testid="row-select"
        />
      ) : null}
      <Avatar aria-hidden>{row.contact.name ? <bdi>{initials(row.contact.name)}</bdi> : '#'}</Avatar>
      <Body>
        <Line>
          <Clip $strong={unread} data-testid="row-name">
            {row.contact.name ? <CustomerText text={row.contact.name} /> : <span dir="ltr">{row.contact.phone}</span>}
          </Clip>
          {row.lastMessageAt ? (
            <Side $accent={unread} title={new Date(row.lastMessageAt).toLocaleString(language)} data-testid="row-time">
              {rowTime(row.lastMessageAt, now, tm('inboxPage.row.yesterday'), language)}
            </Side>
          ) : null}
        </Line>
        <Line>
          <Clip $strong={unread} $muted={!unread} data-testid="row-preview">
            <RowPreview message={row.lastMessage} />
          </Clip>
          {unread ? (
            <Unread data-testid="row-unread" aria-label={tm('inboxPage.row.unread', { count: row.unreadCount })}>
              {row.unreadCount.toLocaleString(language)}
            </Unread>
          ) : null}
        </Line>
        <Line>
          <Clip $muted>
            <Meta data-testid="row-assignee">{row.assignee ? row.assignee.name : tm('inboxPage.row.unassigned')}</Meta>
            {row.status !== 'open' ? <Meta> · {tm(`conversationView.conversationStatus.${row.status}`)}</Meta> : null}
            {closesIn === null ? null : closesIn > 0 ? (
              <Meta $tone={closesIn < 2 * HOURS ? 'warning' : undefined} data-testid="row-window">
                {' · '}
                {tm('inboxPage.row.windowClosesIn', { duration: shortDuration(closesIn, language) })}
              </Meta>
            ) : (
              <Meta data-testid="row-window"> · {tm('inboxPage.row.windowClosed')}</Meta>
            )}
            {row.waitingSince ? (
              <Meta $tone={now - Date.parse(row.waitingSince) > HOURS ? 'error' : 'warning'} data-testid="row-waiting">
                {' · '}
                {tm('inboxPage.row.waiting', { duration: shortDuration(now - Date.parse(row.waitingSince), language) })}
              </Meta>
            ) : null}
          </Clip>
          {row.labels.slice(0, 2).map((label) => (
            <LabelChip key={label.id} label={label} />
          ))}
          {row.labels.length > 2 ? <Meta title={row.labels.slice(2).map((label) => label.name).join(', ')}>+{row.labels.length - 2}</Meta> : null}
        </Line>
      </Body>
    </Row>
  );
};

import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Loader } from '@adminjs/design-system';
import type { HighlightPart } from '../../domain/search-text.ts';
import type { InboxSearchAnswer } from '../resources/inbox-page-actions.js';
import { ConversationRow } from './conversation-row.tsx';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime } from './message-format.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Results = styled.div`
  flex: 1;
  min-block-size: 0;
  overflow-y: auto;
`;

const Heading = styled.h3`
  margin: 0;
  padding: 10px 12px 4px;
  font-size: 12px;
  font-weight: 700;
  text-transform: uppercase;
  color: ${themeColor('success')};
`;

const Hit = styled.button<{ $active: boolean }>`
  display: block;
  inline-size: 100%;
  text-align: start;
  border: 0;
  border-block-end: 1px solid ${themeColor('grey20')};
  background: ${({ $active, theme }) => ($active ? theme.colors.grey20 : theme.colors.white)};
  padding: 8px 12px;
  font: inherit;
  cursor: pointer;
  &:hover {
    background: ${themeColor('grey20')};
  }
`;

const Who = styled.div`
  display: flex;
  justify-content: space-between;
  gap: 8px;
  font-size: 13px;
  font-weight: 600;
  & > time {
    font-weight: 400;
    font-size: 12px;
    color: ${themeColor('grey60')};
    white-space: nowrap;
  }
`;

const Snippet = styled.div`
  font-size: 13px;
  color: ${themeColor('grey80')};
  overflow: hidden;
  display: -webkit-box;
  -webkit-line-clamp: 2;
  -webkit-box-orient: vertical;
  & mark {
    background: ${themeColor('warningLight')};
    color: inherit;
    font-weight: 700;
  }
`;

const Hint = styled.div`
  padding: 16px 12px;
  color: ${themeColor('grey60')};
  font-size: 13px;
  text-align: center;
`;

const More = styled.button`
  display: block;
  margin: 8px auto 16px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 14px;
  background: ${themeColor('white')};
  padding: 3px 14px;
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;

/** The matched text, its matches marked; customer text stays text (React escapes it), isolated in its own direction. */
export const MarkedText = ({ parts }: { parts: HighlightPart[] }) => (
  <bdi dir="auto">{parts.map((part, index) => (part.hit ? <mark key={index}>{part.text}</mark> : <React.Fragment key={index}>{part.text}</React.Fragment>))}</bdi>
);

interface SearchResultsProps {
  answer: InboxSearchAnswer | null;
  busy: boolean;
  now: number;
  activeIndex: number;
  onOpen: (conversationId: string, messageId?: string) => void;
  onMore: () => void;
}

/** Contacts that matched, then messages, newest first: a message opens its conversation at it. */
export const SearchResults = ({ answer, busy, now, activeIndex, onOpen, onMore }: SearchResultsProps) => {
  const { tm, language } = useConversationText();
  if (!answer) return busy ? <Loader /> : null;
  if (answer.tooShort) return <Hint data-testid="search-too-short">{tm('inboxPage.search.tooShort')}</Hint>;
  const nothing = answer.conversations.length === 0 && answer.messages.length === 0;
  return (
    <Results data-testid="search-results" aria-busy={busy}>
      {nothing ? <Hint data-testid="search-nothing">{tm('inboxPage.search.nothing')}</Hint> : null}
      {answer.conversations.length ? <Heading>{tm('inboxPage.search.contacts')}</Heading> : null}
      {answer.conversations.map((row, index) => (
        <ConversationRow key={row.id} row={row} now={now} open={false} active={index === activeIndex} selectable={false} selected={false} onOpen={() => onOpen(row.id)} onToggle={() => undefined} />
      ))}
      {answer.messages.length ? <Heading>{tm('inboxPage.search.messages')}</Heading> : null}
      {answer.messages.map((hit, index) => (
        <Hit
          key={hit.messageId}
          type="button"
          $active={answer.conversations.length + index === activeIndex}
          onClick={() => onOpen(hit.conversationId, hit.messageId)}
          data-testid="search-hit"
          data-message-id={hit.messageId}
        >
          <Who>
            <span>{hit.contactName ? <CustomerText text={hit.contactName} /> : <span dir="ltr">{hit.contactPhone}</span>}</span>
            <time dateTime={hit.at}>{formatDateTime(hit.at, language)}</time>
          </Who>
          <Snippet>
            {hit.direction === 'outbound' ? `${tm('inboxPage.search.you')} ` : null}
            <MarkedText parts={hit.snippet} />
          </Snippet>
        </Hit>
      ))}
      {answer.nextMessages ? (
        <More type="button" onClick={onMore} data-testid="search-more">
          {tm('inboxPage.search.more')}
        </More>
      ) : null}
    </Results>
  );
};

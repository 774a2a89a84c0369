import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { INBOX_STATUS_FILTERS, narrowingCount, type InboxFilters, type InboxStatusFilter } from '../../domain/inbox-filters.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { intentLabel } from './intent-label.ts';
import { themeColor } from './theme-tokens.ts';
import { useInboxText } from './use-inbox-text.ts';

const Bar = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  padding: 8px 12px;
  border-block-end: 1px solid ${themeColor('grey20')};
  font-size: 12px;
`;

const Choice = styled.select`
  max-inline-size: 140px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 14px;
  background: ${themeColor('white')};
  padding: 2px 8px;
  font: inherit;
  font-size: 12px;
`;

const Toggle = styled.button<{ $on: boolean }>`
  border: 1px solid ${({ $on, theme }) => ($on ? theme.colors.primary100 : theme.colors.grey40)};
  border-radius: 14px;
  background: ${({ $on, theme }) => ($on ? theme.colors.primary20 : theme.colors.white)};
  color: ${({ $on, theme }) => ($on ? theme.colors.primary100 : theme.colors.grey80)};
  padding: 2px 10px;
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;

const Clear = styled.button`
  border: 0;
  background: none;
  color: ${themeColor('primary100')};
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;

interface InboxFilterBarProps {
  setup: InboxSetup;
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  onClear: () => void;
}

/** Status, number, label and intent as choices; unread, waiting for a reply and window closing as toggles. */
export const InboxFilterBar = ({ setup, filters, onChange, onClear }: InboxFilterBarProps) => {
  const { tm } = useInboxText();
  const toggle = (name: 'unread' | 'waiting' | 'windowClosing') => (
    <Toggle type="button" $on={!!filters[name]} aria-pressed={!!filters[name]} onClick={() => onChange({ [name]: filters[name] ? undefined : true })} data-testid={`filter-${name}`}>
      {tm(`inboxPage.filters.${name}`)}
    </Toggle>
  );
  return (
    <Bar data-testid="inbox-filters">
      <Choice value={filters.status} onChange={(event) => onChange({ status: event.target.value as InboxStatusFilter })} aria-label={tm('inboxPage.filters.status')} data-testid="filter-status">
        {INBOX_STATUS_FILTERS.map((status) => (
          <option key={status} value={status}>
            {tm(`inboxPage.filters.statuses.${status}`)}
          </option>
        ))}
      </Choice>
      {setup.numbers.length > 1 ? (
        <Choice value={filters.accountId ?? ''} onChange={(event) => onChange({ accountId: event.target.value || undefined })} aria-label={tm('inboxPage.filters.number')} data-testid="filter-number">
          <option value="">{tm('inboxPage.filters.allNumbers')}</option>
          {setup.numbers.map((number) => (
            <option key={number.id} value={number.id}>
              {number.name}
            </option>
          ))}
        </Choice>
      ) : null}
      {setup.labels.length ? (
        <Choice value={filters.labelId ?? ''} onChange={(event) => onChange({ labelId: event.target.value || undefined })} aria-label={tm('inboxPage.filters.label')} data-testid="filter-label">
          <option value="">{tm('inboxPage.filters.anyLabel')}</option>
          {setup.labels.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </Choice>
      ) : null}
      <Choice value={filters.intent ?? ''} onChange={(event) => onChange({ intent: event.target.value || undefined })} aria-label={tm('inboxPage.filters.intent')} data-testid="filter-intent">
        <option value="">{tm('inboxPage.filters.anyIntent')}</option>
        {setup.intents.map((intent) => (
          <option key={intent} value={intent}>
            {intentLabel(intent, tm)}
          </option>
        ))}
      </Choice>
      {toggle('unread')}
      {toggle('waiting')}
      {toggle('windowClosing')}
      {narrowingCount(filters) ? (
        <Clear type="button" onClick={onClear} data-testid="filters-clear">
          {tm('inboxPage.filters.clear')}
        </Clear>
      ) : null}
    </Bar>
  );
};

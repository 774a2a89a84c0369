import React from 'react';
import { INBOX_STATUS_FILTERS, narrowingCount, type InboxFilters, type InboxStatusFilter } from '../../domain/inbox-filters.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { intentLabel } from './intent-label.ts';
import { ControlBar, LinkButton, PillButton, PillSelect } from './inbox-controls.ts';
import { useConversationText } from './use-conversation-text.ts';

interface InboxFilterBarProps {
  setup: InboxSetup;
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  onClear: () => void;
}

/** Status, number, label, intent and the ad that brought the customer as choices; unread, waiting for a reply and window closing as toggles. */
export const InboxFilterBar = ({ setup, filters, onChange, onClear }: InboxFilterBarProps) => {
  const { tm } = useConversationText();
  const toggle = (name: 'unread' | 'waiting' | 'windowClosing') => (
    <PillButton type="button" $on={!!filters[name]} aria-pressed={!!filters[name]} onClick={() => onChange({ [name]: filters[name] ? undefined : true })} data-testid={`filter-${name}`}>
      {tm(`inboxPage.filters.${name}`)}
    </PillButton>
  );
  return (
    <ControlBar data-testid="inbox-filters">
      <PillSelect value={filters.status} onChange={(event) => onChange({ status: event.target.value as InboxStatusFilter })} aria-label={tm('inboxPage.filters.status')} data-testid="filter-status">
        {INBOX_STATUS_FILTERS.map((status) => (
          <option key={status} value={status}>
            {tm(`inboxPage.filters.statuses.${status}`)}
          </option>
        ))}
      </PillSelect>
      {setup.numbers.length > 1 ? (
        <PillSelect value={filters.accountId ?? ''} onChange={(event) => onChange({ accountId: event.target.value || undefined })} aria-label={tm('inboxPage.filters.number')} data-testid="filter-number">
          <option value="">{tm('inboxPage.filters.allNumbers')}</option>
          {setup.numbers.map((number) => (
            <option key={number.id} value={number.id}>
              {number.name}
            </option>
          ))}
        </PillSelect>
      ) : null}
      {setup.labels.length ? (
        <PillSelect value={filters.labelId ?? ''} onChange={(event) => onChange({ labelId: event.target.value || undefined })} aria-label={tm('inboxPage.filters.label')} data-testid="filter-label">
          <option value="">{tm('inboxPage.filters.anyLabel')}</option>
          {setup.labels.map((label) => (
            <option key={label.id} value={label.id}>
              {label.name}
            </option>
          ))}
        </PillSelect>
      ) : null}
      <PillSelect value={filters.intent ?? ''} onChange={(event) => onChange({ intent: event.target.value || undefined })} aria-label={tm('inboxPage.filters.intent')} data-testid="filter-intent">
        <option value="">{tm('inboxPage.filters.anyIntent')}</option>
        {setup.intents.map((intent) => (
          <option key={intent} value={intent}>
            {intentLabel(intent, tm)}
          </option>
        ))}
      </PillSelect>
      {setup.ads.length ? (
        <PillSelect value={filters.adId ?? ''} onChange={(event) => onChange({ adId: event.target.value || undefined })} aria-label={tm('inboxPage.filters.ad')} data-testid="filter-ad">
          <option value="">{tm('inboxPage.filters.anyAd')}</option>
          {setup.ads.map((ad) => (
            <option key={ad.id} value={ad.id}>
              {tm('inboxPage.filters.adChoice', { name: ad.headline ?? tm('inboxPage.filters.adWithoutHeadline', { id: ad.id }), count: ad.conversations })}
            </option>
          ))}
        </PillSelect>
      ) : null}
      {toggle('unread')}
      {toggle('waiting')}
      {toggle('windowClosing')}
      {narrowingCount(filters) ? (
        <LinkButton type="button" onClick={onClear} data-testid="filters-clear">
          {tm('inboxPage.filters.clear')}
        </LinkButton>
      ) : null}
    </ControlBar>
  );
};

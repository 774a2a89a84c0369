import React, { useState, type FormEvent } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { InboxFilters } from '../../domain/inbox-filters.ts';
import type { SavedView } from '../resources/inbox-page-actions.js';
import { ControlBar, LinkButton } from './inbox-controls.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';
import { useSavedViews } from './use-saved-views.ts';

const View = styled.span<{ $current: boolean }>`
  display: inline-flex;
  align-items: center;
  border-radius: 14px;
  border: 1px solid ${({ $current, theme }) => ($current ? theme.colors.primary100 : theme.colors.grey40)};
  background: ${({ $current, theme }) => ($current ? theme.colors.primary20 : theme.colors.white)};
  & > button {
    border: 0;
    background: none;
    font: inherit;
    font-size: 12px;
    padding: 2px 8px;
    cursor: pointer;
    color: ${themeColor('grey80')};
  }
`;

const Name = styled.input`
  inline-size: 140px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 4px;
  padding: 2px 6px;
  font: inherit;
  font-size: 12px;
`;

const same = (a: InboxFilters, b: InboxFilters) => JSON.stringify(a) === JSON.stringify(b);

interface SavedViewsBarProps {
  views: SavedView[];
  filters: InboxFilters;
  onApply: (filters: InboxFilters) => void;
  onViews: (views: SavedView[]) => void;
}

/** The agent's own saved views: one click applies one; the current tab and filters can be saved under a name. */
export const SavedViewsBar = ({ views, filters, onApply, onViews }: SavedViewsBarProps) => {
  const { tm } = useConversationText();
  const { save, remove } = useSavedViews(onViews);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(name, filters)) {
      setNaming(false);
      setName('');
    }
  };
  return (
    <ControlBar data-testid="saved-views" aria-label={tm('savedViews.title')}>
      {views.map((view) => (
        <View key={view.id} $current={same(view.filters, filters)} data-testid="saved-view">
          <button type="button" onClick={() => onApply(view.filters)}>
            <bdi>{view.name}</bdi>
          </button>
          <button type="button" onClick={() => void remove(view.id)} aria-label={tm('savedViews.delete', { name: view.name })} title={tm('savedViews.delete', { name: view.name })}>
            ×
          </button>
        </View>
      ))}
      {naming ? (
        <form onSubmit={(event) => void submit(event)}>
          <Name autoFocus value={name} maxLength={60} onChange={(event) => setName(event.target.value)} placeholder={tm('savedViews.namePlaceholder')} aria-label={tm('savedViews.namePlaceholder')} data-testid="saved-view-name" />{' '}
          <LinkButton type="submit">{tm('savedViews.save')}</LinkButton> <LinkButton type="button" onClick={() => setNaming(false)}>{tm('savedViews.cancel')}</LinkButton>
        </form>
      ) : (
        <LinkButton type="button" onClick={() => setNaming(true)} data-testid="saved-view-new">
          {tm('savedViews.saveCurrent')}
        </LinkButton>
      )}
    </ControlBar>
  );
};

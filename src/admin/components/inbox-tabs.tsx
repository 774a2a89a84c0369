import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { InboxTab } from '../../domain/inbox-filters.ts';
import type { InboxCounts } from '../resources/inbox-page-actions.js';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Tabs = styled.div`
  display: flex;
  border-block-end: 1px solid ${themeColor('border')};
`;

const Tab = styled.button<{ $current: boolean }>`
  flex: 1;
  border: 0;
  border-block-end: 3px solid ${({ $current, theme }) => ($current ? theme.colors.primary100 : 'transparent')};
  background: none;
  padding: 8px 4px 6px;
  font: inherit;
  font-size: 13px;
  font-weight: ${({ $current }) => ($current ? 700 : 400)};
  color: ${({ $current, theme }) => ($current ? theme.colors.primary100 : theme.colors.grey80)};
  cursor: pointer;
`;

const Count = styled.span`
  margin-inline-start: 4px;
  padding: 0 6px;
  border-radius: 8px;
  font-size: 11px;
  background: ${themeColor('grey20')};
`;

/** Mine / Unassigned / All, each with how many conversations it holds under the current filters. */
export const InboxTabs = ({ tabs, current, counts, onChange }: { tabs: InboxTab[]; current: InboxTab; counts: InboxCounts | null; onChange: (tab: InboxTab) => void }) => {
  const { tm, language } = useConversationText();
  return (
    <Tabs role="tablist" aria-label={tm('inboxPage.tabs.label')}>
      {tabs.map((tab) => (
        <Tab key={tab} type="button" role="tab" aria-selected={tab === current} $current={tab === current} onClick={() => onChange(tab)} data-testid={`tab-${tab}`}>
          {tm(`inboxPage.tabs.${tab}`)}
          {counts ? <Count data-testid={`tab-count-${tab}`}>{counts[tab].toLocaleString(language)}</Count> : null}
        </Tab>
      ))}
    </Tabs>
  );
};

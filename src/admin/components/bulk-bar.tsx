import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { useNotice, type NoticeMessage, type RecordJSON } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { bulkAction, formData } from './action-client.ts';
import { themeColor } from './theme-tokens.ts';
import { useInboxText } from './use-inbox-text.ts';

const Bar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
  padding: 6px 12px;
  font-size: 12px;
  background: ${themeColor('primary20')};
  border-block-end: 1px solid ${themeColor('border')};
`;

const Act = styled.button`
  border: 1px solid ${themeColor('primary100')};
  border-radius: 14px;
  background: ${themeColor('white')};
  color: ${themeColor('primary100')};
  padding: 2px 10px;
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;

const Menu = styled.select`
  max-inline-size: 150px;
  border: 1px solid ${themeColor('primary100')};
  border-radius: 14px;
  background: ${themeColor('white')};
  font: inherit;
  font-size: 12px;
  padding: 2px 6px;
`;

interface BulkBarProps {
  setup: InboxSetup;
  selected: string[];
  onDone: () => void;
}

/** What can be done to the selected conversations at once: take them, resolve them, label them. Each is checked on its own. */
export const BulkBar = ({ setup, selected, onDone }: BulkBarProps) => {
  const { tm, language } = useInboxText();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);
  const run = async (actionName: string, data: Record<string, string>) => {
    setBusy(true);
    try {
      const answer = await bulkAction<{ records: RecordJSON[]; notice?: NoticeMessage }>({
        resourceId: RESOURCE_IDS.conversations,
        actionName,
        recordIds: selected,
        method: 'post',
        data: formData(data),
      });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: RESOURCE_IDS.conversations });
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Bar data-testid="bulk-bar">
      <span>{tm('inboxPage.bulk.selected', { count: selected.length, formattedCount: selected.length.toLocaleString(language) })}</span>
      {setup.can.assign ? (
        <Act type="button" disabled={busy} onClick={() => void run('bulkAssign', { assigneeId: 'me' })} data-testid="bulk-take">
          {tm('inboxPage.bulk.take')}
        </Act>
      ) : null}
      {setup.can.resolve ? (
        <Act type="button" disabled={busy} onClick={() => void run('bulkResolve', {})} data-testid="bulk-resolve">
          {tm('inboxPage.bulk.resolve')}
        </Act>
      ) : null}
      {setup.can.label && setup.labels.length ? (
        <>
          <Menu value="" disabled={busy} onChange={(event) => event.target.value && void run('bulkLabel', { add: event.target.value })} aria-label={tm('inboxPage.bulk.addLabel')} data-testid="bulk-add-label">
            <option value="">{tm('inboxPage.bulk.addLabel')}</option>
            {setup.labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </Menu>
          <Menu value="" disabled={busy} onChange={(event) => event.target.value && void run('bulkLabel', { remove: event.target.value })} aria-label={tm('inboxPage.bulk.removeLabel')} data-testid="bulk-remove-label">
            <option value="">{tm('inboxPage.bulk.removeLabel')}</option>
            {setup.labels.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </Menu>
        </>
      ) : null}
      <Act type="button" onClick={onDone} data-testid="bulk-clear">
        {tm('inboxPage.bulk.clear')}
      </Act>
    </Bar>
  );
};

import React, { useEffect, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Loader } from '@adminjs/design-system';
import type { RecordJSON } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { recordAction } from './action-client.ts';
import ConversationView from './conversation-view.tsx';
import { CustomerText } from './customer-text.tsx';
import { PillButton } from './inbox-controls.ts';
import { ThreadLabels } from './thread-labels.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Pane = styled.section`
  display: flex;
  flex-direction: column;
  min-inline-size: 0;
  min-block-size: 0;
  block-size: 100%;
`;

const Header = styled.header`
  display: flex;
  align-items: center;
  gap: 12px;
  padding: 8px 14px;
  min-block-size: 52px;
  box-sizing: border-box;
  border-block-end: 1px solid ${themeColor('border')};
  background: ${themeColor('grey20')};
`;

const Who = styled.div`
  min-inline-size: 0;
  flex: 1;
  display: flex;
  flex-direction: column;
  & > strong {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  & > span {
    font-size: 12px;
    color: ${themeColor('grey60')};
  }
`;

const Body = styled.div`
  flex: 1;
  min-block-size: 0;
`;

const Empty = styled.div`
  display: grid;
  place-items: center;
  block-size: 100%;
  color: ${themeColor('grey60')};
  text-align: center;
  padding: 24px;
`;

interface InboxThreadProps {
  conversationId: string | null;
  focusMessageId: string | null;
  setup: InboxSetup;
  panel: boolean;
  onPanel: (shown: boolean) => void;
  /** Changes when the list saw this conversation's labels change: the header reads them again. */
  version: string;
}

/**
 * The middle and right panes: the conversation opened from the list or a search — its header
 * (who, the number left to right, its labels, the side panel's toggle) and today's conversation
 * view, timeline, reply box and side panel included, filling the pane.
 */
export const InboxThread = ({ conversationId, focusMessageId, setup, panel, onPanel, version }: InboxThreadProps) => {
  const { tm } = useConversationText();
  const [record, setRecord] = useState<RecordJSON | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setRecord(null);
    setFailed(false);
    if (!conversationId) return undefined;
    let current = true;
    // AdminJS's show action: the record with the actions this agent may run on it; opening marks it read.
    recordAction({ resourceId: RESOURCE_IDS.conversations, recordId: conversationId, actionName: 'show' })
      .then((answer) => {
        if (!current) return;
        if (answer.record && answer.notice?.type !== 'error') setRecord(answer.record);
        else setFailed(true);
      })
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [conversationId]);

  if (!conversationId) return <Empty data-testid="thread-empty">{tm('inboxPage.thread.none')}</Empty>;
  if (failed) return <Empty role="alert">{tm('inboxPage.thread.failed')}</Empty>;
  if (!record || record.id !== conversationId) return <Loader />;
  const name = record.params.contactName as string | null | undefined;
  const phone = record.params.contactPhone as string | null | undefined;
  return (
    <Pane data-testid="inbox-thread" data-conversation-id={conversationId}>
      <Header>
        <Who>
          <strong data-testid="thread-name">{name ? <CustomerText text={name} /> : <span dir="ltr">{phone}</span>}</strong>
          {name && phone ? <span dir="ltr">{phone}</span> : null}
        </Who>
        {/* Labels go with replying: the same permission on the conversation's number. */}
        <ThreadLabels conversationId={conversationId} version={version} all={setup.labels} canLabel={record.recordActions.some((action) => action.name === 'reply')} />
        <PillButton type="button" $on={panel} aria-pressed={panel} onClick={() => onPanel(!panel)} data-testid="panel-toggle">
          {tm('inboxPage.thread.details')}
        </PillButton>
      </Header>
      <Body>
        <ConversationView key={conversationId} record={record} embedded={{ panel }} focusMessageId={focusMessageId} />
      </Body>
    </Pane>
  );
};

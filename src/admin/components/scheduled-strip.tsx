import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Icon } from '@adminjs/design-system';
import type { ScheduledMessageView } from '../../conversations/read/conversation-notes.js';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime } from './message-format.ts';
import { LinkButton } from './link-button.ts';
import { useConversationText } from './use-conversation-text.ts';

const List = styled.ul`
  margin: 0;
  padding: 0;
  list-style: none;
  display: flex;
  flex-direction: column;
  gap: 4px;
`;

const Item = styled.li<{ $failed: boolean }>`
  display: flex;
  align-items: center;
  gap: 8px;
  font-size: 13px;
  padding: 4px 8px;
  border-radius: 6px;
  background: ${({ $failed, theme }) => ($failed ? theme.colors.errorLight : theme.colors.white)};
  border: 1px solid ${({ $failed, theme }) => ($failed ? theme.colors.error : theme.colors.grey40)};
`;

const What = styled.span`
  flex: 1;
  min-inline-size: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`;

/** Messages waiting to go (cancel them), and those that could not go, with why (dismiss them). */
export const ScheduledStrip = ({ scheduled, onCancel }: { scheduled: ScheduledMessageView[]; onCancel: (id: string) => void }) => {
  const { tm, language } = useConversationText();
  if (!scheduled.length) return null;
  return (
    <List aria-label={tm('composer.schedule.listLabel')} data-testid="scheduled-messages">
      {scheduled.map((item) => {
        const failed = item.status === 'failed';
        return (
          <Item key={item.id} $failed={failed} data-testid="scheduled-message" data-status={item.status}>
            <Icon icon={failed ? 'AlertTriangle' : 'Clock'} size={14} />
            <span dir="auto">
              {failed
                ? tm('composer.schedule.failed', { reason: item.failureKey ? tm(item.failureKey, { defaultValue: '' }) : '' })
                : tm('composer.schedule.at', { time: formatDateTime(item.sendAt, language) })}
            </span>
            <What dir="auto">
              <CustomerText text={item.text} />
            </What>
            <LinkButton type="button" onClick={() => onCancel(item.id)} data-testid="scheduled-cancel">
              {tm(failed ? 'composer.schedule.dismiss' : 'composer.schedule.cancel')}
            </LinkButton>
          </Item>
        );
      })}
    </List>
  );
};

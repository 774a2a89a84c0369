import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { formatDateTime } from './message-format.ts';
import { useConversationText } from './use-conversation-text.ts';

const Timer = styled.div<{ $open: boolean }>`
  font-size: 13px;
  font-weight: 600;
  color: ${({ $open, theme }) => ($open ? theme.colors.success : theme.colors.errorDark)};
`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The 24-hour window counting down: free text may be sent until it closes, only templates after. */
export const WindowTimer = ({ window, now }: { window: ConversationPanel['window']; now: number }) => {
  const { tm, language } = useConversationText();
  const closesAt = window.closesAt ? Date.parse(window.closesAt) : null;
  const remaining = closesAt === null ? 0 : closesAt - now;
  const open = remaining > 0;
  const totalSeconds = Math.max(0, Math.floor(remaining / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const left =
    hours > 0
      ? tm('conversationView.window.hoursMinutes', { hours, minutes: pad(minutes) })
      : tm('conversationView.window.minutesSeconds', { minutes, seconds: pad(totalSeconds % 60) });
  let text: string;
  if (!window.closesAt) text = tm('conversationView.window.neverOpened');
  else if (open) text = tm('conversationView.window.openFor', { time: left });
  else text = tm('conversationView.window.closedSince', { time: formatDateTime(window.closesAt, language) });
  return (
    <Timer $open={open} data-testid="window-timer" data-open={String(open)} role="timer">
      {text}
    </Timer>
  );
};

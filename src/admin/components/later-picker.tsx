import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import { formatDateTime } from './message-format.ts';
import { themeColor } from './theme-tokens.ts';
import { localInputValue, TIME_CHOICES, timeOf } from './time-choices.ts';
import { useConversationText } from './use-conversation-text.ts';

const Panel = styled.div`
  position: absolute;
  inset-block-end: calc(100% + 6px);
  inset-inline-end: 0;
  z-index: 20;
  inline-size: 280px;
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding: 8px;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  box-shadow: ${({ theme }) => theme.shadows.card};
  text-align: start;
`;

const Title = styled.div`
  font-size: 12px;
  font-weight: 600;
  color: ${themeColor('grey60')};
`;

const Choice = styled.button`
  display: flex;
  justify-content: space-between;
  gap: 8px;
  border: 0;
  background: none;
  padding: 5px 4px;
  font: inherit;
  font-size: 13px;
  text-align: start;
  cursor: pointer;
  border-radius: 4px;
  &:hover {
    background: ${themeColor('grey20')};
  }
  small {
    color: ${themeColor('grey60')};
  }
`;

const Custom = styled.div`
  display: flex;
  gap: 6px;
  input {
    flex: 1;
    font: inherit;
    font-size: 13px;
  }
`;

const Warning = styled.div`
  font-size: 12px;
  color: ${themeColor('warning')};
`;

interface LaterPickerProps {
  title: string;
  /** `snooze` or `schedule`: the test ids of its choices. */
  name: string;
  onPick: (at: Date | null) => void;
  /** A first choice without a time (snooze: until the customer writes). */
  untilReply?: string;
  /** Warns about times after it (the 24-hour window closes then). */
  warnAfter?: { at: string; text: string } | null;
}

/** When, later: an hour, three hours, tomorrow morning, next Monday, or a day and time of one's own. */
export const LaterPicker = ({ title, name, onPick, untilReply, warnAfter }: LaterPickerProps) => {
  const { tm, language } = useConversationText();
  const now = new Date();
  const [custom, setCustom] = useState(localInputValue(new Date(now.getTime() + 3_600_000)));
  const customAt = new Date(custom);
  const valid = !Number.isNaN(customAt.getTime()) && customAt.getTime() > Date.now();
  return (
    <Panel role="dialog" aria-label={title} data-testid={`${name}-picker`}>
      <Title>{title}</Title>
      {untilReply ? (
        <Choice type="button" onClick={() => onPick(null)} data-testid={`${name}-until-reply`}>
          {untilReply}
        </Choice>
      ) : null}
      {TIME_CHOICES.map((choice) => (
        <Choice key={choice} type="button" onClick={() => onPick(timeOf(choice, now))} data-testid={`${name}-${choice}`}>
          {tm(`composer.later.${choice}`)} <small dir="auto">{formatDateTime(timeOf(choice, now).toISOString(), language)}</small>
        </Choice>
      ))}
      <Custom>
        <input type="datetime-local" value={custom} min={localInputValue(now)} onChange={(event) => setCustom(event.target.value)} aria-label={tm('composer.later.custom')} data-testid={`${name}-at`} />
        <Button type="button" size="sm" disabled={!valid} onClick={() => onPick(customAt)} data-testid={`${name}-custom`}>
          {tm('composer.later.choose')}
        </Button>
      </Custom>
      {warnAfter && valid && customAt.getTime() > Date.parse(warnAfter.at) ? <Warning>{warnAfter.text}</Warning> : null}
    </Panel>
  );
};

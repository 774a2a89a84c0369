import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { dayLabel } from './message-format.ts';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const Separator = styled.div`
  display: flex;
  justify-content: center;
  margin-block: 10px;
  & > span {
    background: ${themeColor('white')};
    color: ${themeColor('grey80')};
    font-size: 12px;
    padding: 3px 12px;
    border-radius: 8px;
    box-shadow: 0 1px 0.5px ${whatsAppColors.bubbleShadow};
  }
`;

/** Where a new day starts in the timeline: today, yesterday, or the date. */
export const DaySeparator = ({ at }: { at: string }) => {
  const { tm, language } = useConversationText();
  return (
    <Separator data-testid="day-separator" role="separator">
      <span>{dayLabel(at, { today: tm('conversationView.today'), yesterday: tm('conversationView.yesterday') }, language)}</span>
    </Separator>
  );
};

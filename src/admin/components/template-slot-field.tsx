import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Input } from '@adminjs/design-system';
import type { TemplateParameterSlot } from '../../domain/template-parameters.js';
import { isMediaSlot } from './template-slot-value.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

const SlotLabel = styled.label`
  display: block;
  font-size: 12px;
  color: ${themeColor('grey60')};
  margin-block-end: 2px;
`;

/** One parameter of the template, asked for by its name (never as JSON), with the example it was created with. */
export const TemplateSlotField = ({ slot, value, onChange }: { slot: TemplateParameterSlot; value: string; onChange: (value: string) => void }) => {
  const { tm } = useConversationText();
  const hint = isMediaSlot(slot.kind) ? tm('conversationView.templates.mediaHint') : slot.kind === 'location' ? tm('conversationView.templates.locationHint') : '';
  return (
    <div>
      <SlotLabel htmlFor={`slot-${slot.key}`}>
        {tm('conversationView.templates.parameter', {
          component: tm(`conversationView.templates.component.${slot.component}`, { index: (slot.index ?? 0) + 1 }),
          name: slot.name,
        })}
        {slot.required ? ' *' : ''}
      </SlotLabel>
      <Input
        id={`slot-${slot.key}`}
        width={1}
        dir="auto"
        value={value}
        placeholder={slot.example ?? hint}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        data-testid={`template-param-${slot.key}`}
      />
    </div>
  );
};

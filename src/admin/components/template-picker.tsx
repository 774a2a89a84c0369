import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import type { SendableTemplate } from '../../conversations/read/sendable-templates.js';
import { Select } from './panel-section.ts';
import { TemplateSlotField } from './template-slot-field.tsx';
import { templatePreview } from './template-slot-value.ts';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';
import { useTemplatePicker } from './use-template-picker.ts';

const Picker = styled.div`
  display: flex;
  flex-direction: column;
  gap: 8px;
  text-align: start;
`;

const Preview = styled.div`
  white-space: pre-wrap;
  background: ${themeColor('bg')};
  border: 1px dashed ${themeColor('grey40')};
  border-radius: 6px;
  padding: 8px 10px;
  font-size: 13px;
`;

const Slots = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: 8px;
`;

const Hint = styled.div`
  font-size: 13px;
  color: ${themeColor('grey60')};
`;

const option = (template: SendableTemplate) => (
  <option key={template.id} value={template.id}>
    {template.name} ({template.language})
  </option>
);

interface TemplatePickerProps extends Partial<PendingCallbacks> {
  recordId: string;
  preferredLanguage?: string | null;
}

/** Send an approved template: pick one, fill each parameter by its name. In the conversation view, and as the sendTemplate action's page. */
export const TemplatePicker = ({ recordId, preferredLanguage, ...callbacks }: TemplatePickerProps) => {
  const { tm } = useConversationText();
  const picker = useTemplatePicker(recordId, preferredLanguage, callbacks);
  const { template, typed } = picker;
  if (picker.templates === null) return null;
  if (picker.templates.length === 0) return <Hint data-testid="template-picker">{tm('conversationView.templates.none')}</Hint>;
  return (
    <Picker data-testid="template-picker">
      <Select value={picker.templateId} onChange={(event) => picker.setTemplateId(event.target.value)} data-testid="template-select" aria-label={tm('conversationView.templates.choose')}>
        <option value="">{tm('conversationView.templates.choose')}</option>
        {picker.preferred.length ? (
          <>
            <optgroup label={tm('conversationView.templates.customerLanguage')}>{picker.preferred.map(option)}</optgroup>
            <optgroup label={tm('conversationView.templates.otherLanguages')}>{picker.others.map(option)}</optgroup>
          </>
        ) : (
          picker.others.map(option)
        )}
      </Select>
      {template ? (
        <>
          <Preview dir="auto" data-testid="template-preview">
            {templatePreview(template, typed)}
          </Preview>
          {template.slots.length ? (
            <Slots>
              {template.slots.map((slot) => (
                <TemplateSlotField key={slot.key} slot={slot} value={typed[slot.key] ?? ''} onChange={(value) => picker.setTyped({ ...typed, [slot.key]: value })} />
              ))}
            </Slots>
          ) : null}
        </>
      ) : null}
      <div>
        <Button variant="contained" type="button" onClick={() => void picker.send()} disabled={picker.busy || !template || picker.missing} data-testid="template-send">
          {tm('conversationView.templates.send')}
        </Button>
      </div>
    </Picker>
  );
};

import React from 'react';
import { Button, Text } from '@adminjs/design-system';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { ASSISTANT_MODES, type AssistantMode } from '../../domain/assistant-modes.ts';
import { ActionResult } from './action-result.tsx';
import { CustomerText } from './customer-text.tsx';
import { PanelField } from './panel-field.tsx';
import { Heading, Section } from './panel-section.ts';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { useConversationAssistant } from './use-conversation-assistant.ts';
import { useConversationText } from './use-conversation-text.ts';

const NUMBER_MODE = '';

/** The AI assistant in this conversation: its mode (the number's or its own), why it handed over, take-over and the summary. */
export const PanelAssistant = ({ conversationId, panel, onChanged }: { conversationId: string; panel: ConversationPanel; onChanged: () => Promise<void> }) => {
  const { tm } = useConversationText();
  // Read again whenever the panel is (a live change: the assistant may just have handed over).
  const assistant = useConversationAssistant(conversationId, panel, onChanged);
  const { view } = assistant;
  if (!view?.available) return null;
  const modeName = (mode: AssistantMode) => tm(`assistant.panel.mode.${mode}`);
  return (
    <Section data-testid="panel-assistant">
      <Heading>{tm('assistant.panel.title')}</Heading>
      <select
        aria-label={tm('assistant.panel.title')}
        data-testid="assistant-mode"
        value={view.conversationMode ?? NUMBER_MODE}
        disabled={!view.canChange || assistant.busy}
        onChange={(event) => void assistant.setMode(event.target.value === NUMBER_MODE ? null : (event.target.value as AssistantMode))}
      >
        <option value={NUMBER_MODE}>{tm('assistant.panel.numberMode', { mode: modeName(view.numberMode) })}</option>
        {ASSISTANT_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {modeName(mode)}
          </option>
        ))}
      </select>
      {view.handedOverAt && view.handoverReason ? (
        <Text mt="default" data-testid="assistant-handed-over">
          {tm('assistant.panel.handedOver', { reason: tm(`assistant.reason.${view.handoverReason}`) })}
        </Text>
      ) : null}
      <ActionResult notice={assistant.notice} resourceId={RESOURCE_IDS.conversations} />
      {view.canChange && view.mode !== 'off' ? (
        <Button size="sm" variant="outlined" mt="default" mr="default" disabled={assistant.busy} onClick={() => void assistant.takeOver()} data-testid="assistant-take-over">
          {tm('assistant.panel.takeOver')}
        </Button>
      ) : null}
      {view.mode !== 'off' ? (
        <Button size="sm" variant="text" mt="default" disabled={assistant.busy} onClick={() => void assistant.summarise()} data-testid="assistant-summarise">
          {tm('assistant.panel.summarise')}
        </Button>
      ) : null}
      {assistant.summary ? (
        <PanelField label={tm('assistant.panel.summary')} testId="assistant-summary">
          <CustomerText text={assistant.summary} />
        </PanelField>
      ) : null}
    </Section>
  );
};

import React from 'react';
import { Button, Text } from '@adminjs/design-system';
import type { Suggestion } from '../../assistant/suggest-reply.ts';
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

/** The AI assistant in this conversation: its mode (the number's or its own), why it handed over, a suggested reply put into the composer with its passages, take-over and the summary. */
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
        <Button size="sm" variant="contained" mt="default" mr="default" disabled={assistant.busy} onClick={() => void assistant.suggest()} data-testid="assistant-suggest">
          {assistant.busy ? tm('assistant.composer.suggesting') : tm('assistant.composer.suggest')}
        </Button>
      ) : null}
      {assistant.suggestion ? <SuggestionPassages suggestion={assistant.suggestion} /> : null}
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

/** What a suggestion was drawn from (its draft is in the composer), or why there is none. */
const SuggestionPassages = ({ suggestion }: { suggestion: Suggestion }) => {
  const { tm } = useConversationText();
  if (!suggestion.draft) {
    return <Text mt="default" data-testid="assistant-no-suggestion">{tm('assistant.composer.noSuggestion', { reason: tm(`assistant.reason.${suggestion.reason ?? 'no_passage'}`) })}</Text>;
  }
  return (
    <PanelField label={tm('assistant.composer.passages')} testId="assistant-passages">
      <ol>
        {suggestion.passages.map((passage) => (
          <li key={passage.number} data-testid="assistant-passage">
            <CustomerText text={passage.content} />
          </li>
        ))}
      </ol>
    </PanelField>
  );
};

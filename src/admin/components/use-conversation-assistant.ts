import { useCallback, useEffect, useState } from 'react';
import type { NoticeMessage } from 'adminjs';
import type { ConversationAssistantView } from '../../assistant/conversation-assistant-view.ts';
import type { Suggestion } from '../../assistant/suggest-reply.ts';
import type { AssistantMode } from '../../domain/assistant-modes.ts';
import { assistantCall } from './assistant-api.ts';
import { COMPOSER_DRAFT_EVENT, type ComposerDraftRequest } from './composer-draft-event.ts';

/** The assistant in one conversation, for the side panel: its mode, take-over, the summary, and suggestions put into the composer. */
export function useConversationAssistant(conversationId: string, reloadWith: unknown, onChanged: () => Promise<void>) {
  const [view, setView] = useState<ConversationAssistantView | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const answer = await assistantCall<ConversationAssistantView>(`/conversations/${conversationId}`);
    setView(answer.ok ? answer.value : null);
  }, [conversationId]);
  useEffect(() => {
    setSummary(null);
    setSuggestion(null);
  }, [conversationId]);
  useEffect(() => void refresh(), [refresh, reloadWith]);

  const act = async (path: string, json?: unknown, then?: (value: Record<string, unknown>) => void) => {
    setBusy(true);
    setNotice(null);
    try {
      const answer = await assistantCall<Record<string, unknown>>(`/conversations/${conversationId}${path}`, { method: 'POST', json });
      if (!answer.ok) return setNotice(answer.notice);
      then?.(answer.value);
      await refresh();
      await onChanged();
    } finally {
      setBusy(false);
    }
  };

  return {
    view,
    summary,
    notice,
    busy,
    setMode: (mode: AssistantMode | null) => act('/mode', { mode }),
    takeOver: () => act('/take-over'),
    summarise: () => act('/summary', undefined, (value) => setSummary(String(value.summary ?? ''))),
    suggestion,
    /** Suggest mode: the draft goes into the conversation's composer (nothing is sent), its passages stay shown here. */
    suggest: () =>
      act('/suggestion', undefined, (value) => {
        const answer = value as unknown as Suggestion;
        setSuggestion(answer);
        if (!answer.draft) return;
        const detail: ComposerDraftRequest = { conversationId, text: answer.draft, mode: 'reply' };
        window.dispatchEvent(new CustomEvent(COMPOSER_DRAFT_EVENT, { cancelable: true, detail }));
      }),
  };
}

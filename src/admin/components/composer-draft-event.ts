import { useEffect } from 'react';

/**
 * How something outside the composer puts a draft into it — an assistant's suggestion, a host's
 * own button: a window event, so a component of another bundle (the host's, AdminJS's) needs
 * nothing of ours to send it.
 *
 *   window.dispatchEvent(new CustomEvent('adminjs-whatsapp:compose', { cancelable: true,
 *     detail: { conversationId, text, mode: 'reply' } }));
 *
 * The open composer of that conversation takes it (its text replaced, the draft saved as if
 * typed, the box focused; nothing is sent) and cancels the event, so `dispatchEvent` answers
 * false when it was taken and true when no such composer is open.
 */
export const COMPOSER_DRAFT_EVENT = 'adminjs-whatsapp:compose';

export interface ComposerDraftRequest {
  conversationId: string;
  text: string;
  /** `note` puts it in the private note tab; the tab in use otherwise. */
  mode?: 'reply' | 'note';
}

const asRequest = (detail: unknown): ComposerDraftRequest | null => {
  if (!detail || typeof detail !== 'object') return null;
  const { conversationId, text, mode } = detail as Record<string, unknown>;
  if (typeof conversationId !== 'string' || typeof text !== 'string') return null;
  return { conversationId, text, mode: mode === 'note' || mode === 'reply' ? mode : undefined };
};

/** Hands the composer of `conversationId` the drafts put into it from outside. */
export const useComposerDraftEvents = (conversationId: string, onDraft: (request: ComposerDraftRequest) => void) => {
  useEffect(() => {
    const listener = (event: Event) => {
      const request = asRequest((event as CustomEvent<unknown>).detail);
      if (!request || request.conversationId !== conversationId) return;
      event.preventDefault();
      onDraft(request);
    };
    window.addEventListener(COMPOSER_DRAFT_EVENT, listener);
    return () => window.removeEventListener(COMPOSER_DRAFT_EVENT, listener);
  }, [conversationId, onDraft]);
};

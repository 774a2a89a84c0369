import { useCallback, useMemo } from 'react';
import { useNotice, type RecordJSON } from 'adminjs';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { ComposerPostAnswer } from '../resources/composer-actions.js';
import { formData, recordAction } from './action-client.ts';
import { useComposerDraftEvents, type ComposerDraftRequest } from './composer-draft-event.ts';
import type { MessageMenuHandlers } from './message-menu.tsx';
import type { ShownMessage } from './timeline-merge.ts';
import { useComposer } from './use-composer.ts';
import { useComposerData } from './use-composer-data.ts';
import { useConversationText } from './use-conversation-text.ts';
import { useDraft } from './use-draft.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';

/** What a message is, in a line: its text, its file's name, or its kind. */
const previewOf = (message: ShownMessage, kindLabel: (type: string) => string): string =>
  message.body ?? message.media?.fileName ?? kindLabel(message.type);

/**
 * The composer and what it adds to the thread: the notes shown among the messages, and each
 * message's menu (reply to it, react to it), which talks to the composer's draft.
 */
export const useThreadComposer = (record: RecordJSON, panel: ConversationPanel | null, callbacks: PendingCallbacks) => {
  const { tm, language } = useConversationText();
  const addNotice = useNotice();
  const conversationId = String(record.id);
  const data = useComposerData(conversationId);
  const drafts = useDraft(conversationId);
  const composer = useComposer({ record, panel, data, drafts, language, ...callbacks });
  const { update } = drafts;
  const { input: focus, setCaret } = composer;

  const onReplyTo = useCallback(
    (message: ShownMessage) => {
      update({ mode: 'reply', replyTo: { id: message.id, preview: previewOf(message, (type) => tm(`conversationView.kind.${type}`, { defaultValue: type })).slice(0, 200) } });
      focus.current?.focus();
    },
    [update, tm, focus],
  );
  const onReact = useCallback(
    async (message: ShownMessage, emoji: string) => {
      const answer = await recordAction<ComposerPostAnswer>({
        resourceId: RESOURCE_IDS.conversations,
        recordId: conversationId,
        actionName: 'react',
        method: 'post',
        data: formData({ messageId: message.id, emoji }),
      });
      if (answer.notice?.type === 'error') addNotice({ ...answer.notice, resourceId: RESOURCE_IDS.conversations });
    },
    [conversationId, addNotice],
  );
  const onOutsideDraft = useCallback(
    ({ text, mode }: ComposerDraftRequest) => {
      update(mode ? { text, mode } : { text });
      setCaret(text.length);
      focus.current?.focus();
    },
    [update, setCaret, focus],
  );
  useComposerDraftEvents(conversationId, onOutsideDraft);
  // Stable for the memoised messages: the view re-renders every second for the window's countdown.
  const canReply = record.recordActions.some((action) => action.name === 'reply');
  const menu: MessageMenuHandlers | undefined = useMemo(() => (canReply ? { onReplyTo, onReact } : undefined), [canReply, onReplyTo, onReact]);
  return { composer, data, menu };
};

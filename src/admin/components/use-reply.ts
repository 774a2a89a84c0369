import { useRef, useState } from 'react';
import { useNotice } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { ConversationSendAnswer } from '../resources/conversation-actions.js';
import { formData, recordAction } from './action-client.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';

/** The reply being typed and its send; a refused send keeps what was typed. */
export const useReply = (recordId: string, callbacks: PendingCallbacks) => {
  const addNotice = useNotice();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  const send = async () => {
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    const pendingId = callbacks.onSending({ type: 'text', body, content: { kind: 'text' } });
    try {
      const resourceId = RESOURCE_IDS.conversations;
      const answer = await recordAction<ConversationSendAnswer>({ resourceId, recordId, actionName: 'reply', method: 'post', data: formData({ text: body }) });
      if (answer.notice?.type === 'error') {
        addNotice({ ...answer.notice, resourceId });
        callbacks.onRefused(pendingId);
      } else {
        setText('');
        callbacks.onQueued(pendingId);
      }
    } catch (error) {
      callbacks.onRefused(pendingId);
      throw error;
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  return { text, setText, busy, send, input };
};

import { useCallback, useEffect, useState } from 'react';
import { useNotice } from 'adminjs';
import type { LabelView } from '../../conversations/read/conversation-labels.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { SetLabelsAnswer } from '../resources/conversation-label-actions.js';
import { formData, recordAction } from './action-client.ts';

const call = (conversationId: string, change?: { add?: string; remove?: string }) =>
  recordAction<SetLabelsAnswer>({
    resourceId: RESOURCE_IDS.conversations,
    recordId: conversationId,
    actionName: 'setLabels',
    ...(change ? { method: 'post', data: formData({ add: change.add ?? '', remove: change.remove ?? '' }) } : {}),
  });

/**
 * A conversation's labels, read when it opens (and again when `version` changes: a live update)
 * and put on or taken off through the `setLabels` action (audited, seen live by the others).
 */
export const useConversationLabels = (conversationId: string, version: unknown) => {
  const addNotice = useNotice();
  const [labels, setLabels] = useState<LabelView[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let current = true;
    call(conversationId)
      .then((answer) => current && setLabels(answer.labels))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [conversationId, version]);
  const change = useCallback(
    async (change: { add?: string; remove?: string }) => {
      setBusy(true);
      try {
        const answer = await call(conversationId, change);
        setLabels(answer.labels);
        if (answer.notice?.type === 'error') addNotice({ ...answer.notice, resourceId: RESOURCE_IDS.conversations });
      } finally {
        setBusy(false);
      }
    },
    [conversationId],
  );
  return { labels, busy, add: (labelId: string) => change({ add: labelId }), remove: (labelId: string) => change({ remove: labelId }) };
};

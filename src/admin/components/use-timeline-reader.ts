import { useCallback, useRef } from 'react';
import { useNotice } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { TimelineAnswer } from '../resources/conversation-view-actions.js';
import { recordAction } from './action-client.ts';

/** `before` pages back, `after` reads what is newer, `ids` re-reads visible messages (comma-separated). */
export type TimelineParams = { before?: string; after?: string; ids?: string };

/** Reads the `timeline` action; a refusal becomes a notice and no answer. */
export const useTimelineReader = (conversationId: string, onAnswer: (answer: TimelineAnswer) => void) => {
  const addNotice = useNotice();
  const handler = useRef(onAnswer);
  handler.current = onAnswer;
  return useCallback(
    async (params: TimelineParams = {}): Promise<TimelineAnswer | null> => {
      const resourceId = RESOURCE_IDS.conversations;
      const answer = await recordAction<TimelineAnswer>({ resourceId, recordId: conversationId, actionName: 'timeline', params });
      if (answer.notice?.type === 'error') {
        addNotice({ ...answer.notice, resourceId });
        return null;
      }
      handler.current(answer);
      return answer;
    },
    [conversationId],
  );
};

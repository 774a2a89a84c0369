import { useCallback, useEffect, useRef, useState } from 'react';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { ComposerAnswer } from '../resources/composer-actions.js';
import { recordAction } from './action-client.ts';
import { subscribe } from './live-connection.ts';

export type ComposerData = Omit<ComposerAnswer, 'record'>;

const EMPTY: ComposerData = { cannedReplies: [], mentionables: [], notes: [], scheduled: [] };

/**
 * What the composer needs beside the timeline (canned replies, who a note can mention, the notes,
 * the scheduled messages), read through the `composer` action and again when the live stream says
 * a note was added or the conversation changed (a scheduled message went, was canceled…).
 */
export const useComposerData = (conversationId: string) => {
  const [data, setData] = useState<ComposerData>(EMPTY);
  const latest = useRef(0);
  const load = useCallback(async () => {
    // Reads cross (a live event and a send's own re-read): only the latest one asked is shown.
    const asked = ++latest.current;
    const answer = await recordAction<ComposerAnswer>({ resourceId: RESOURCE_IDS.conversations, recordId: conversationId, actionName: 'composer' });
    if (asked === latest.current && answer.notes) {
      setData({ cannedReplies: answer.cannedReplies, mentionables: answer.mentionables, notes: answer.notes, scheduled: answer.scheduled });
    }
  }, [conversationId]);
  useEffect(() => {
    setData(EMPTY);
    void load();
    // The view already names this conversation in the stream's address: listening is enough.
    return subscribe({
      inbox: (event) => {
        if (event.conversationId === conversationId && (event.kind === 'note.created' || event.kind === 'conversation.updated')) void load();
      },
      resync: () => void load(),
    });
  }, [conversationId, load]);
  return { ...data, reload: load };
};

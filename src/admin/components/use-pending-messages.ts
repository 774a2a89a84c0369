import { useCallback, useEffect, useState } from 'react';
import type { ShownMessage } from './timeline-merge.ts';

/** What the reply box or the template picker is sending, shown before the server has it. */
export type PendingDraft = Pick<ShownMessage, 'type' | 'body' | 'content'>;

/** How a sending form tells the timeline: shown at once (answers the pending id), then queued or refused. */
export interface PendingCallbacks {
  onSending: (draft: PendingDraft) => string;
  onQueued: (pendingId: string) => void;
  onRefused: (pendingId: string) => void;
}

let pendingSeq = 0;

/** Messages shown at once as queued while their send is on its way; the server's row replaces each on the next read. */
export const usePendingMessages = (conversationId: string, now: number) => {
  const [pending, setPending] = useState<ShownMessage[]>([]);
  useEffect(() => setPending([]), [conversationId]);

  const add = ({ type, body, content }: PendingDraft): string => {
    pendingSeq += 1;
    const id = `pending-${pendingSeq}`;
    const at = new Date(now).toISOString();
    const message: ShownMessage = {
      id, pending: true, wamid: null, direction: 'outbound', type, body, content, status: 'queued', createdAt: at, at,
      sentAt: null, deliveredAt: null, readAt: null, failedAt: null, nextAttemptAt: null,
      error: null, sentBy: null, automation: null, media: null, reactions: [], replyToWamid: null, quoted: null,
      origin: null, editedAt: null, editHistory: [], deletedAt: null, referredProduct: null,
    };
    setPending((current) => [...current, message]);
    return id;
  };
  const drop = useCallback((id: string) => setPending((current) => current.filter((message) => message.id !== id)), []);
  return { pending, add, drop };
};

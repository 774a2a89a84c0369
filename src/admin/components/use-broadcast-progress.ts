import { useEffect, useState } from 'react';
import { useNotice } from 'adminjs';
import type { BroadcastProgress } from '../../campaigns/read/broadcast-progress.js';
import type { BroadcastProgressAnswer } from '../resources/broadcasts.resource.js';
import { formData, recordAction } from './action-client.ts';

const REFRESH_MS = 2_000;

/** A broadcast's progress, read again every 2 seconds while it may still change, and its pause / resume / cancel. */
export const useBroadcastProgress = (resourceId: string, recordId: string) => {
  const [progress, setProgress] = useState<BroadcastProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();

  const refresh = async () => {
    const answer = await recordAction<BroadcastProgressAnswer>({ resourceId, recordId, actionName: 'progress' });
    if (answer.progress) setProgress(answer.progress);
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [resourceId, recordId]);

  const control = async (actionName: 'pause' | 'resume' | 'cancel') => {
    setBusy(true);
    try {
      const answer = await recordAction({ resourceId, recordId, actionName, data: formData({}) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId });
      await refresh();
    } finally {
      setBusy(false);
    }
  };

  return { progress, busy, control };
};

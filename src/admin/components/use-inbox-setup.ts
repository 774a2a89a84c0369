import { useCallback, useEffect, useState } from 'react';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { InboxSetup } from '../resources/inbox-page-actions.js';
import { resourceAction } from './action-client.ts';

/** The Inbox page's setup (who is signed in, tabs, numbers, labels, saved views); `reload` after a change to them. */
export const useInboxSetup = () => {
  const [setup, setSetup] = useState<InboxSetup | null>(null);
  const [failed, setFailed] = useState(false);
  const reload = useCallback(async () => {
    try {
      setSetup(await resourceAction<InboxSetup>({ resourceId: RESOURCE_IDS.conversations, actionName: 'inboxSetup' }));
    } catch {
      setFailed(true);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { setup, failed, reload, setSetup };
};

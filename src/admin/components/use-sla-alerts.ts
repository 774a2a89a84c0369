import { useEffect } from 'react';
import { useNotice } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { liveStreamAvailable, subscribe } from './live-connection.ts';

/**
 * Shows the live SLA alerts as AdminJS notices: the server sends them only to the conversation's
 * assignee and to whoever oversees its number, when a target is about to pass or has passed.
 */
export const useSlaAlerts = (enabled: boolean): void => {
  const addNotice = useNotice();
  useEffect(() => {
    if (!enabled || !liveStreamAvailable()) return undefined;
    return subscribe({
      inbox: (event) => {
        if (event.kind !== 'sla.warning' && event.kind !== 'sla.breached') return;
        addNotice({
          message: event.kind === 'sla.breached' ? 'automation.sla.alert.breached' : 'automation.sla.alert.warning',
          type: event.kind === 'sla.breached' ? 'error' : 'info',
          resourceId: RESOURCE_IDS.conversations,
        });
      },
    });
  }, [enabled]);
};

import { useCallback } from 'react';
import { useNotice } from 'adminjs';
import type { InboxFilters } from '../../domain/inbox-filters.ts';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { SavedView, SavedViewsAnswer } from '../resources/inbox-page-actions.js';
import { formData, resourceAction } from './action-client.ts';

/** Saving and deleting the agent's views; `onViews` receives the list as it now is. */
export const useSavedViews = (onViews: (views: SavedView[]) => void) => {
  const addNotice = useNotice();
  const post = useCallback(
    async (actionName: 'saveView' | 'deleteView', data: Record<string, string>) => {
      const answer = await resourceAction<SavedViewsAnswer>({ resourceId: RESOURCE_IDS.conversations, actionName, method: 'post', data: formData(data) });
      onViews(answer.savedViews);
      if (answer.notice) addNotice({ ...answer.notice, resourceId: RESOURCE_IDS.conversations });
      return answer.notice?.type !== 'error';
    },
    [onViews],
  );
  return {
    save: (name: string, filters: InboxFilters) => post('saveView', { name, filters: JSON.stringify(filters) }),
    remove: (viewId: string) => post('deleteView', { viewId }),
  };
};

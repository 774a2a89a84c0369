import { useState } from 'react';
import { useNotice, type RecordJSON } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { ConversationActionAnswer } from '../resources/conversation-workflow-actions.js';
import { formData, recordAction } from './action-client.ts';

/** The workflow actions the panel offers, each with its button's test id. */
export const PANEL_ACTIONS = {
  assign: 'action-assign',
  unassign: 'action-unassign',
  resolve: 'action-resolve',
  reopen: 'action-reopen',
  linkLead: 'action-link-lead',
  unlinkLead: 'action-unlink-lead',
  createLead: 'action-create-lead',
} as const;
export type PanelAction = keyof typeof PANEL_ACTIONS;

/** The actions that open a form in the panel; the others run at once. */
export type PanelForm = Extract<PanelAction, 'assign' | 'linkLead' | 'createLead'>;
const FORMS: readonly PanelAction[] = ['assign', 'linkLead', 'createLead'] satisfies PanelForm[];
const opensForm = (name: PanelAction): name is PanelForm => FORMS.includes(name);

const resourceId = RESOURCE_IDS.conversations;

/**
 * The side panel's workflow buttons: shown only when the server lists the action for this
 * record; a form's data is the action's GET, what it does is its POST, which answers a notice.
 */
export const useConversationActions = (record: RecordJSON, onChanged: () => Promise<void>) => {
  const addNotice = useNotice();
  const [open, setOpen] = useState<PanelForm | null>(null);
  const [busy, setBusy] = useState(false);
  const available = new Set(record.recordActions.map((action) => action.name));
  const shown = (Object.keys(PANEL_ACTIONS) as PanelAction[]).filter((name) => available.has(name));

  const load = async <Page>(actionName: PanelForm, params?: Record<string, string>) => {
    const answer = await recordAction<ConversationActionAnswer<Page>>({ resourceId, recordId: record.id, actionName, params });
    if (answer.notice?.type === 'error') addNotice({ ...answer.notice, resourceId });
    return answer;
  };

  const post = async (actionName: PanelAction, values: Record<string, string | null> = {}) => {
    setBusy(true);
    try {
      const answer = await recordAction<ConversationActionAnswer>({ resourceId, recordId: record.id, actionName, method: 'post', data: formData(values) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId });
      if (answer.notice?.type !== 'error') setOpen(null);
      await onChanged();
    } finally {
      setBusy(false);
    }
  };

  const press = (name: PanelAction) => {
    if (opensForm(name)) setOpen(open === name ? null : name);
    else void post(name);
  };

  return { shown, open, busy, load, post, press };
};

export type ConversationActionsApi = ReturnType<typeof useConversationActions>;

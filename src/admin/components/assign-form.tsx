import React, { useEffect, useState } from 'react';
import { Button } from '@adminjs/design-system';
import type { Assignee } from '../../conversations/eligible-assignees.js';
import type { AssignPage } from '../resources/conversation-workflow-actions.js';
import { FieldLabel, PanelForm } from './panel-form.ts';
import { Select } from './panel-section.ts';
import type { ConversationActionsApi } from './use-conversation-actions.ts';
import { useConversationText } from './use-conversation-text.ts';

/** Take the conversation, or give it to someone who may answer on its number. */
export const AssignForm = ({ actions, currentId }: { actions: ConversationActionsApi; currentId: string | null }) => {
  const { tm } = useConversationText();
  const [assignees, setAssignees] = useState<Assignee[]>([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    void actions.load<AssignPage>('assign').then((answer) => setAssignees(answer.assignees ?? []));
  }, []);
  return (
    <PanelForm data-testid="assign-form">
      <Button size="sm" variant="contained" type="button" disabled={actions.busy} onClick={() => void actions.post('assign', { assigneeId: 'me' })} data-testid="assign-me">
        {tm('conversationView.actions.assignToMe')}
      </Button>
      <FieldLabel htmlFor="conversation-assignee">{tm('conversationView.actions.assignTo')}</FieldLabel>
      <Select id="conversation-assignee" value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="assignee-select">
        <option value="">—</option>
        {assignees.map((assignee) => (
          <option key={assignee.id} value={assignee.id} disabled={assignee.id === currentId}>
            {assignee.name} ({assignee.email})
          </option>
        ))}
      </Select>
      <Button size="sm" type="button" disabled={actions.busy || !chosen} onClick={() => void actions.post('assign', { assigneeId: chosen })} data-testid="assign-confirm">
        {tm('conversationView.actions.confirm')}
      </Button>
    </PanelForm>
  );
};

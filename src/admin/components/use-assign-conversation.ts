import { useEffect, useState } from 'react';
import { useNotice, type ActionProps, type NoticeMessage } from 'adminjs';
import type { Assignee } from '../../conversations/eligible-assignees.js';
import type { AssignPage, BulkConversationAnswer, ConversationActionAnswer } from '../resources/conversation-workflow-actions.js';
import { bulkAction, recordAction } from './action-client.ts';

/**
 * The assign page's data and its POST, for one conversation (record action) or the ones selected
 * in the list (bulk). `assignees` is undefined while loading, and null when the action offers no
 * choice of agent (bulk resolve only asks for confirmation).
 */
export const useAssignConversation = ({ record: initial, records, resource, action }: ActionProps) => {
  const bulk = !initial;
  const [record, setRecord] = useState(initial);
  const recordIds = (records ?? []).map((r) => r.id);
  const [assignees, setAssignees] = useState<Assignee[] | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NoticeMessage | null>(null);
  const addNotice = useNotice();

  const call = (data?: Record<string, string | null>) => {
    const post = data ? { data, method: 'post' as const } : {};
    return bulk
      ? bulkAction<BulkConversationAnswer<AssignPage>>({ resourceId: resource.id, recordIds, actionName: action.name, ...post })
      : recordAction<ConversationActionAnswer<AssignPage>>({ resourceId: resource.id, recordId: initial.id, actionName: action.name, ...post });
  };

  useEffect(() => {
    if (bulk && recordIds.length === 0) return;
    void call().then((answer) => setAssignees(answer.assignees ?? (bulk ? null : [])));
  }, [resource.id, action.name, bulk ? recordIds.join(',') : initial.id]);

  /** Assign to `chosen` ('me' for oneself); without a choice of agent, confirm. */
  const run = async (chosen: string | null) => {
    setBusy(true);
    try {
      const answer = await call(assignees ? { assigneeId: chosen } : { confirmed: 'yes' });
      if (answer.notice) addNotice(answer.notice);
      setResult(answer.notice ?? null);
      if ('record' in answer && answer.record?.params) setRecord(answer.record);
    } finally {
      setBusy(false);
    }
  };

  return { bulk, record, count: recordIds.length, assignees, busy, result, run };
};

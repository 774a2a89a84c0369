import { useEffect, useState, type FormEvent } from 'react';
import { useNotice, type ActionProps } from 'adminjs';
import type { LeadPrefill } from '../../conversations/create-lead-from-conversation.js';
import type { ConversationActionAnswer, CreateLeadPage } from '../resources/conversation-workflow-actions.js';
import { recordAction } from './action-client.ts';

/** The lead as typed: the server's prefill without the intent, which is only a hint. */
export type LeadFields = Partial<Record<keyof Omit<LeadPrefill, 'intent'>, string>>;

/** The new-lead page's prefill and its POST; the conversation as the server answers it afterwards. */
export const useCreateLead = ({ record: initial, resource, action }: ActionProps) => {
  const [record, setRecord] = useState(initial!);
  const [fields, setFields] = useState<LeadFields | null>(null);
  const [intent, setIntent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const request = { resourceId: resource.id, recordId: record.id, actionName: action.name };

  useEffect(() => {
    void recordAction<ConversationActionAnswer<CreateLeadPage>>(request).then((answer) => {
      const { intent: detected, ...prefill } = answer.prefill ?? { intent: null };
      setIntent(detected ?? null);
      setFields(prefill);
    });
  }, [resource.id, initial?.id, action.name]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const answer = await recordAction<ConversationActionAnswer>({ ...request, data: fields, method: 'post' });
      if (answer.notice) addNotice(answer.notice);
      if (answer.record?.params) setRecord(answer.record);
    } finally {
      setBusy(false);
    }
  };

  return { record, fields, setFields, intent, busy, submit };
};

import { useEffect, useMemo, useState } from 'react';
import { useNotice } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { SendableTemplate } from '../../conversations/read/sendable-templates.js';
import type { ConversationSendAnswer, SendTemplatePage } from '../resources/conversation-actions.js';
import { formData, recordAction } from './action-client.ts';
import { baseLanguage, slotValues, templatePreview } from './template-slot-value.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';

const resourceId = RESOURCE_IDS.conversations;

/** The number's approved templates (the customer's language first), the one chosen, its parameters as typed, and its send. */
export const useTemplatePicker = (recordId: string, preferredLanguage: string | null | undefined, callbacks: Partial<PendingCallbacks>) => {
  const addNotice = useNotice();
  const [templates, setTemplates] = useState<SendableTemplate[] | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void recordAction<ConversationSendAnswer<SendTemplatePage>>({ resourceId, recordId, actionName: 'sendTemplate' }).then((answer) => {
      if (answer.notice?.type === 'error') addNotice({ ...answer.notice, resourceId });
      setTemplates(answer.templates ?? []);
    });
  }, [recordId]);

  const { preferred, others } = useMemo(() => {
    const wanted = baseLanguage(preferredLanguage);
    const list = templates ?? [];
    const inLanguage = wanted ? list.filter((t) => baseLanguage(t.language) === wanted) : [];
    return { preferred: inLanguage, others: list.filter((t) => !inLanguage.includes(t)) };
  }, [templates, preferredLanguage]);

  const template = (templates ?? []).find((t) => t.id === templateId);
  const missing = template ? template.slots.some((slot) => slot.required && !(typed[slot.key] ?? '').trim()) : true;

  const send = async () => {
    if (!template || busy) return;
    setBusy(true);
    const pendingId = callbacks.onSending?.({ type: 'template', body: templatePreview(template, typed), content: { kind: 'template', name: template.name, language: template.language } });
    try {
      const data = formData({ templateId: template.id, values: JSON.stringify(slotValues(template, typed)) });
      const answer = await recordAction<ConversationSendAnswer>({ resourceId, recordId, actionName: 'sendTemplate', method: 'post', data });
      if (answer.notice) addNotice({ ...answer.notice, resourceId });
      if (answer.notice?.type === 'error') {
        if (pendingId) callbacks.onRefused?.(pendingId);
      } else {
        setTyped({});
        if (pendingId) callbacks.onQueued?.(pendingId);
      }
    } catch (error) {
      if (pendingId) callbacks.onRefused?.(pendingId);
      throw error;
    } finally {
      setBusy(false);
    }
  };

  return { templates, preferred, others, template, templateId, setTemplateId, typed, setTyped, busy, missing, send };
};

import { useCallback, useEffect, useState } from 'react';
import type { NoticeMessage } from 'adminjs';
import type { RecordWhatsAppAnswer } from '../record-feature.js';
import { formData, recordAction } from './action-client.ts';

/** The record's WhatsApp panel: loads it, reloads it with another click-to-chat prefill, and sends. */
export function useRecordWhatsApp(resourceId: string, recordId: string) {
  const [whatsapp, setWhatsApp] = useState<RecordWhatsAppAnswer['whatsapp']>(null);
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [prefill, setPrefill] = useState('');

  const load = useCallback(async () => {
    const answer = await recordAction<RecordWhatsAppAnswer>({ resourceId, recordId, actionName: 'whatsapp', params: prefill ? { prefill } : {} } as never);
    setWhatsApp(answer.whatsapp ?? null);
    setLoaded(true);
  }, [resourceId, recordId, prefill]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = async (fields: Record<string, string>) => {
    setBusy(true);
    try {
      const answer = await recordAction<RecordWhatsAppAnswer>({ resourceId, recordId, actionName: 'whatsapp', data: formData(fields) });
      setNotice(answer.notice ?? null);
      if (answer.whatsapp !== undefined) setWhatsApp(answer.whatsapp);
      return answer.notice?.type !== 'error';
    } finally {
      setBusy(false);
    }
  };

  return { whatsapp, loaded, notice, busy, send, prefill, setPrefill };
}

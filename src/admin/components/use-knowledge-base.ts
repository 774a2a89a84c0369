import { useCallback, useEffect, useState } from 'react';
import type { NoticeMessage } from 'adminjs';
import type { KnowledgeBaseProgress } from '../../assistant/knowledge/knowledge-base-progress.ts';
import type { TestedQuestion } from '../../assistant/test-question.ts';
import type { UploadedKnowledge } from '../../assistant/knowledge/upload-knowledge-file.ts';
import { assistantCall } from './assistant-api.ts';

const POLL_MS = 1000;

/** A knowledge base's page: its progress (polled while a re-index waits or runs), uploads, re-index and the test box. */
export function useKnowledgeBase(id: string) {
  const [progress, setProgress] = useState<KnowledgeBaseProgress | null>(null);
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const [tested, setTested] = useState<TestedQuestion | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const answer = await assistantCall<KnowledgeBaseProgress>(`/knowledge/${id}/progress`);
    if (answer.ok) setProgress(answer.value);
    else setNotice(answer.notice);
  }, [id]);

  useEffect(() => void refresh(), [refresh]);
  const running = progress?.status === 'queued' || progress?.status === 'indexing';
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  return {
    progress,
    notice,
    tested,
    busy,
    upload: (files: File[]) =>
      act(async () => {
        for (const file of files) {
          const answer = await assistantCall<UploadedKnowledge>(`/knowledge/${id}/files`, { method: 'POST', body: file, fileName: file.name });
          setNotice(answer.ok ? { message: 'assistant.knowledge.uploaded', type: 'success', options: { fileName: file.name, entries: answer.value.entries } } : answer.notice);
        }
        await refresh();
      }),
    reindex: () =>
      act(async () => {
        const answer = await assistantCall<KnowledgeBaseProgress>(`/knowledge/${id}/reindex`, { method: 'POST' });
        if (answer.ok) setProgress(answer.value);
        else setNotice(answer.notice);
      }),
    test: (question: string, assistantId: string) =>
      act(async () => {
        const answer = await assistantCall<TestedQuestion>(`/knowledge/${id}/test`, { method: 'POST', json: { question, assistantId } });
        if (answer.ok) setTested(answer.value);
        else setNotice(answer.notice);
      }),
  };
}

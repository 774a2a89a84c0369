import type { NoticeMessage } from 'adminjs';
import { rootPath } from './admin-paths.ts';

/** The assistant's JSON routes (src/admin/assistant-routes.ts), under the back office's path. */
export const assistantUrl = (path: string): string => `${rootPath()}/whatsapp/assistant${path}`;

/** An answer, or the refusal the server gave (an i18n key and its values). */
export type AssistantAnswer<T> = { ok: true; value: T } | { ok: false; notice: NoticeMessage };

export async function assistantCall<T>(path: string, init: { method?: 'GET' | 'POST'; json?: unknown; body?: Blob; fileName?: string } = {}): Promise<AssistantAnswer<T>> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body) {
    headers['content-type'] = init.body.type || 'application/octet-stream';
    if (init.fileName) headers['x-file-name'] = encodeURIComponent(init.fileName);
    body = init.body;
  }
  const response = await fetch(assistantUrl(path), { method: init.method ?? 'GET', headers, body, credentials: 'same-origin' });
  const answer = (await response.json().catch(() => ({}))) as { notice?: NoticeMessage };
  if (response.ok) return { ok: true, value: answer as T };
  return { ok: false, notice: answer.notice ?? { message: 'assistant.refusal.failed', type: 'error' } };
}

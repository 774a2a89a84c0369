import { startFakeModel, type FakeModel } from '../../../src/sandbox/start-fake-model.js';
import { eventually } from '../../support/eventually.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';
import { Browser } from '../../support/test-back-office.js';

export const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/** The runnable back office with its worker and the sandbox's Graph API, the fake model, and a signed-in super-admin. */
export interface AssistantOffice {
  office: SandboxBackOffice;
  model: FakeModel;
  browser: Browser;
  accountId: string;
  stop(): Promise<void>;
  /** An AdminJS action posted as its forms post it; answers the JSON. */
  adminAction(resource: string, action: string, fields: Record<string, string>, recordId?: string): Promise<{ record?: { id: string; params: Record<string, unknown>; errors?: object }; notice?: { message: string; type: string } }>;
  /** The assistant's JSON routes. */
  assistantApi(path: string, init?: { method?: 'GET' | 'POST'; json?: unknown; body?: Buffer; fileName?: string; contentType?: string }): Promise<{ status: number; body: Record<string, unknown> }>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Waits until the knowledge base's re-index has run (progress back to idle). */
  indexed(knowledgeBaseId: string): Promise<void>;
}

export async function startAssistantOffice(): Promise<AssistantOffice> {
  const office = await startSandboxBackOffice();
  const model = await startFakeModel();
  await office.ensureFirstAdmin(ROOT);
  const browser = new Browser(office.baseUrl);
  await browser.login(ROOT.email, ROOT.password);
  const query = async <T>(sql: string, params: unknown[] = []) => (await office.dataSource.query(sql, params)) as T[];
  const [account] = await query<{ id: string }>(`SELECT id FROM whatsapp_accounts`);
  const assistantApi: AssistantOffice['assistantApi'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    let body: BodyInit | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) {
      headers['content-type'] = init.contentType ?? 'application/octet-stream';
      if (init.fileName) headers['x-file-name'] = encodeURIComponent(init.fileName);
      body = new Uint8Array(init.body);
    }
    const response = await browser.request(`/admin/whatsapp/assistant${path}`, { method: init.method ?? 'GET', headers, body });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  return {
    office,
    model,
    browser,
    accountId: account!.id,
    query,
    assistantApi,
    async adminAction(resource, action, fields, recordId) {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      const path = recordId ? `records/${recordId}/${action}` : `actions/${action}`;
      const response = await browser.request(`/admin/api/resources/${resource}/${path}`, { method: 'POST', body: form });
      return (await response.json()) as never;
    },
    async indexed(knowledgeBaseId) {
      await eventually(async () => {
        const { body } = await assistantApi(`/knowledge/${knowledgeBaseId}/progress`);
        return body.status === 'idle' && body.done === body.total ? true : undefined;
      }, 30_000);
    },
    async stop() {
      await model.close();
      await office.stop();
    },
  };
}

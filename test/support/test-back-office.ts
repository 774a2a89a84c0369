import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createBackOffice, type BackOffice, type BackOfficeSettings } from '../../example/create-back-office.js';
import { silentLogger } from '../../src/config/logger.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface RunningBackOffice extends BackOffice {
  db: TestDatabase;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real runnable back office on a fresh database, listening on an ephemeral port. */
export async function startTestBackOffice(settings: Partial<BackOfficeSettings> = {}): Promise<RunningBackOffice> {
  const db = await createTestDatabase();
  await db.dataSource.destroy();
  const backOffice = await createBackOffice({
    databaseUrl: db.url,
    encryptionKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('hex'),
    accounts: [],
    logger: silentLogger,
    ...settings,
  });
  const server: Server = await new Promise((resolve) => {
    const s = createServer(backOffice.listener).listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...backOffice,
    db,
    baseUrl,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await backOffice.close();
      await db.drop();
    },
  };
}

/** An admin form as AdminJS's components post it (multipart). */
export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** A tiny cookie-keeping HTTP client: what a browser does, minus the rendering. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    }
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', this.baseUrl);
    const response = await fetch(this.baseUrl + path, { ...init, body, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return response;
  }

  login(email: string, password: string): Promise<Response> {
    return this.request('/admin/login', { method: 'POST', form: { email, password } });
  }
}

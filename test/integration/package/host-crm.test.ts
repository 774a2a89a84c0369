import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { postDelivery } from '../../../src/sandbox/webhook-simulator.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
// What the host installs next to the tarball: the same versions this repository is tested with.
const HOST_PACKAGES = ['adminjs', '@adminjs/express', '@adminjs/typeorm', 'typeorm', 'express', 'express-session', 'express-formidable', 'pg', 'reflect-metadata', 'tslib'];
const APP_SECRET = 'host-crm-app-secret-0123456789';
const CUSTOMER_PHONE = '213661234567';

let packed: Promise<{ dir: string; tarball: string }> | undefined;

/** `npm pack` once for both hosts (prepack builds the package). */
function packOnce(): Promise<{ dir: string; tarball: string }> {
  packed ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'awp-pack-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { dir, tarball: path.join(dir, (JSON.parse(stdout) as { filename: string }[])[0]!.filename) };
  })();
  return packed;
}

after(async () => {
  if (packed) await rm((await packed).dir, { recursive: true, force: true });
});

/**
 * What a CRM developer does: `npm pack` this package, install the tarball into a CRM of their own
 * (own entity and migration, own users table and login, own AdminJS), mount it by the README's
 * snippet and use it over HTTP. Nothing here imports the plugin's sources into the host. Once on
 * Express 4 and once on Express 5.
 */
for (const expressVersion of ['4', '5']) describe(`the packed tarball, installed in a throwaway host CRM on Express ${expressVersion}`, function () {
  this.timeout(600_000);
  let workDir: string;
  let db: TestDatabase;
  let host: ChildProcess | undefined;
  let baseUrl: string;
  let cookie = '';

  before(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'awp-host-'));
    const { tarball } = await packOnce();
    const appDir = path.join(workDir, 'crm');
    await cp(path.join(ROOT, 'test/fixtures/host-crm'), appDir, { recursive: true });
    const versions = Object.fromEntries(
      await Promise.all(HOST_PACKAGES.map(async (name) => [name, JSON.parse(await readFile(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version])),
    );
    await writeFile(
      path.join(appDir, 'package.json'),
      JSON.stringify({
        name: 'throwaway-crm',
        private: true,
        type: 'module',
        dependencies: { ...versions, ...(expressVersion === '5' ? { express: '^5.1.0' } : {}), 'adminjs-whatsapp': `file:${tarball}` },
      }),
    );
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: appDir, maxBuffer: 64 * 1024 * 1024 });

    db = await createTestDatabase({ empty: true });
    await db.dataSource.destroy();
    host = spawn(process.execPath, ['app.mjs'], {
      cwd: appDir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SESSION_SECRET: randomBytes(32).toString('hex'),
        APP_SECRET,
        MEDIA_DIR: path.join(workDir, 'media'),
        NODE_ENV: 'development',
        ADMIN_JS_TMP_DIR: path.join(workDir, '.adminjs'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    host.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
    baseUrl = await new Promise<string>((resolve, reject) => {
      host!.once('exit', (code) => reject(new Error(`the host exited (${code}): ${stderr.join('')}`)));
      createInterface({ input: host!.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve((JSON.parse(line) as { url: string }).url);
      });
    });
  });

  after(async () => {
    if (host && host.exitCode === null) {
      host.kill('SIGTERM');
      await new Promise((resolve) => host!.once('exit', resolve));
    }
    await db?.drop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const request = async (pathname: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(baseUrl + pathname, { ...init, headers, redirect: 'manual' });
    const set = response.headers.getSetCookie().find((c) => c.startsWith('crm='));
    if (set) cookie = set.split(';')[0]!;
    return response;
  };
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const { DataSource } = await import('typeorm');
    const ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
    try {
      return (await ds.query(sql, params)) as T[];
    } finally {
      await ds.destroy();
    }
  };
  const eventually = async <T>(read: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('installs without a second copy of AdminJS, TypeORM, Express or pg', async () => {
    const express = JSON.parse(await readFile(path.join(workDir, 'crm/node_modules/express/package.json'), 'utf8')) as { version: string };
    expect(express.version.split('.')[0]).to.equal(expressVersion);
    const nested = await readdir(path.join(workDir, 'crm/node_modules/adminjs-whatsapp/node_modules')).catch(() => []);
    for (const name of ['adminjs', '@adminjs', 'typeorm', 'express', 'pg']) expect(nested, name).to.not.include(name);
    const shipped = await readdir(path.join(workDir, 'crm/node_modules/adminjs-whatsapp'));
    expect(shipped).to.include.members(['dist', 'locales', 'package.json']).and.not.include.members(['test', 'example', 'bench']);
  });

  it('turns a signed message from one of the host’s customers into a conversation matched to that record', async () => {
    const response = await postDelivery(buildDelivery('text', { from: CUSTOMER_PHONE, name: 'Samir', text: 'Bonjour, ma commande ?' }), {
      url: `${baseUrl}/webhooks/whatsapp`,
      appSecret: APP_SECRET,
    });
    expect(response.status).to.equal(200);
    const [contact] = await eventually(async () => {
      const rows = await query<{ crm_record_type: string; crm_record_label: string }>(
        `SELECT crm_record_type, crm_record_label FROM whatsapp_contacts WHERE wa_id = $1`,
        [CUSTOMER_PHONE],
      );
      return rows.length ? rows : undefined;
    }, 'the contact');
    expect(contact).to.deep.equal({ crm_record_type: 'customer', crm_record_label: 'Pharmacie du Port' });
  });

  it('keeps to its own tables and migrations: the host’s are the host’s, and there is no built-in login table', async () => {
    const tables = (await query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).map((r) => r.table_name);
    expect(tables.filter((name) => !name.startsWith('whatsapp_')).sort()).to.deep.equal(['crm_users', 'customers', 'migrations']);
    expect(tables).to.not.include('whatsapp_admin_users');
    const hostMigrations = await query<{ name: string }>(`SELECT name FROM migrations`);
    expect(hostMigrations.map((m) => m.name)).to.deep.equal(['CrmTables1700000000000']);
  });

  it('lets the host’s own user sign in with the host’s login and reply through the AdminJS API, up to read', async () => {
    const login = await request('/admin/login', {
      method: 'POST',
      body: new URLSearchParams({ email: 'boss@crm.example', password: 'boss password 123' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(login.status).to.equal(302);
    const [conversation] = await query<{ id: string }>(`SELECT id FROM whatsapp_conversations`);
    const replyUrl = `/admin/api/resources/whatsapp_conversations/records/${conversation!.id}/reply`;

    const forged = await request(replyUrl, { method: 'POST', body: form({ text: 'from elsewhere' }), headers: { origin: 'https://evil.example' } });
    expect(forged.status, 'a cross-origin change is refused').to.equal(403);

    const sent = await request(replyUrl, { method: 'POST', body: form({ text: 'Votre commande part demain.' }), headers: { origin: baseUrl } });
    expect(sent.status, await sent.clone().text()).to.equal(200);
    const [agent] = await query<{ id: string; name: string; role: string }>(`SELECT id, name, role FROM whatsapp_agents`);
    expect(agent, 'the host user became an agent, by the host’s id').to.deep.equal({ id: '1', name: 'Nadia Boss', role: 'super_admin' });
    const message = await eventually(async () => {
      const [row] = await query<{ status: string; sent_by_id: string }>(
        `SELECT status, sent_by_id FROM whatsapp_messages WHERE direction = 'outbound' AND body = 'Votre commande part demain.'`,
      );
      return row?.status === 'read' ? row : undefined;
    }, 'the reply to be read');
    expect(message).to.deep.equal({ status: 'read', sent_by_id: '1' });
    const forgedRows = await query(`SELECT 1 FROM whatsapp_messages WHERE body = 'from elsewhere'`);
    expect(forgedRows).to.deep.equal([]);
  });

  it('serves the REST API under the back office’s root, to bearer tokens only: the host’s session opens nothing there', async () => {
    const withSession = await request('/admin/api/whatsapp/v1/conversations');
    expect(withSession.status).to.equal(401);
    expect(((await withSession.json()) as { error: { code: string } }).error.code).to.equal('unauthorized');
    const document = await request('/admin/api/whatsapp/v1/openapi.json');
    expect(((await document.json()) as { openapi: string }).openapi).to.equal('3.1.0');
  });
});

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return body;
}

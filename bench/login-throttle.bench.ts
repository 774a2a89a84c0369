/**
 * `npm run bench:login`: bursts of simultaneous logins against the runnable back office on an
 * embedded PostgreSQL, and how many of them had their password checked. Prints figures; the
 * test `login-throttle` asserts the same limits.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBackOffice } from '../example/create-back-office.js';
import { startEmbeddedPostgres } from '../example/embedded-postgres.js';
import { hashPassword } from '../src/auth/password-hasher.js';
import { DEFAULT_THROTTLE } from '../src/auth/login-throttle.js';
import { silentLogger } from '../src/config/logger.js';

const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 50);
const PASSWORD = 'correct horse battery staple';

const tempDir = await mkdtemp(path.join(os.tmpdir(), 'awp-bench-login-'));
await chmod(tempDir, 0o755);
const embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), persistent: false });
try {
  const admin = new pg.Client({ connectionString: embedded.url });
  await admin.connect();
  await admin.query('CREATE DATABASE login_bench');
  await admin.end();
  const office = await createBackOffice({
    databaseUrl: embedded.urlFor('login_bench'),
    encryptionKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('hex'),
    accounts: [],
    logger: silentLogger,
  });
  const server = createServer(office.listener).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await office.dataSource.query(`INSERT INTO whatsapp_admin_users (email, name, role, password_hash) VALUES ('target@example.com', 'Target', 'agent', $1)`, [
    await hashPassword(PASSWORD),
  ]);

  const login = (email: string, password: string) =>
    fetch(`${base}/admin/login`, {
      method: 'POST',
      body: new URLSearchParams({ email, password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      redirect: 'manual',
    }).then((response) => response.status);
  const burst = async (name: string, limit: number, attempts: [string, string][]) => {
    await office.dataSource.query(`DELETE FROM whatsapp_login_attempts`);
    const started = performance.now();
    const statuses = await Promise.all(attempts.map(([email, password]) => login(email, password)));
    const ms = performance.now() - started;
    const evaluated = statuses.filter((status) => status === 303 || status === 401).length;
    const signedIn = statuses.filter((status) => status === 303).length;
    const throttled = statuses.filter((status) => status === 429).length;
    console.log(
      `  ${name.padEnd(58)} ${String(attempts.length).padStart(4)} sent  ${String(evaluated).padStart(3)} checked (limit ${limit})  ${String(signedIn).padStart(2)} signed in  ${String(throttled).padStart(3)} throttled  ${ms.toFixed(0)} ms`,
    );
  };

  console.log(`\nLogin throttle, ${PARALLEL} attempts sent at once (limits: ${DEFAULT_THROTTLE.perAccount} per account, ${DEFAULT_THROTTLE.perIp} per IP, ${DEFAULT_THROTTLE.windowSeconds / 60} min)\n`);
  const wrong = (i: number): [string, string] => ['target@example.com', `wrong guess ${i}`];
  await burst('one account, wrong passwords', DEFAULT_THROTTLE.perAccount, Array.from({ length: PARALLEL }, (_, i) => wrong(i)));
  await burst('one account, the right password last', DEFAULT_THROTTLE.perAccount, [
    ...Array.from({ length: PARALLEL - 1 }, (_, i) => wrong(i)),
    ['target@example.com', PASSWORD],
  ]);
  await burst('one account, the right password first', DEFAULT_THROTTLE.perAccount, [
    ['target@example.com', PASSWORD],
    ...Array.from({ length: PARALLEL - 1 }, (_, i) => wrong(i)),
  ]);
  await burst('one address, a different account each', DEFAULT_THROTTLE.perIp, Array.from({ length: PARALLEL }, (_, i) => [`spray-${i}@example.com`, 'guess']));
  console.log('');

  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await office.close();
} finally {
  await embedded.stop();
  await rm(tempDir, { recursive: true, force: true });
}

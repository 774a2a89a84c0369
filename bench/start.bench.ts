/**
 * `npm run bench:start`: how long a developer waits after a code change. Runs `npm start`'s
 * program (`tsx example/main.ts`) on one data directory: a first start (it creates the cluster
 * and the first admin), then BENCH_RESTARTS restarts, each stopped with Ctrl-C as a terminal sends
 * it, then one more after a component file changed. Prints, per restart, the time to "back office: …" in the log, to the login page's 200 and
 * to the components bundle of the first page (AdminJS builds it on that request in development),
 * and the medians. Target: a restart in at most 5 s.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { printFigures, type BenchFigure } from './support/bench-section.js';

const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 5);

interface Timings {
  readyMs: number;
  loginMs: number;
  /** Until the agent's first page has its components (AdminJS bundles them on the first request in development). */
  componentsMs: number;
}

let password = '';

async function startOnce(dataDir: string): Promise<Timings> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'example/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', SANDBOX_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /back office: http:\/\/localhost:(\d+)\/admin/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  const readyMs = performance.now() - started;
  const login = await fetch(`http://127.0.0.1:${port}/admin/login`);
  if (login.status !== 200) throw new Error(`login page answered ${login.status}`);
  const loginMs = performance.now() - started;
  password ||= /Password:\s+(\S+)/.exec(output)?.[1] ?? '';
  const base = `http://127.0.0.1:${port}`;
  const signedIn = await fetch(`${base}/admin/login`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'admin@example.com', password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    redirect: 'manual',
  });
  const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const bundle = await fetch(`${base}/admin/frontend/assets/components.bundle.js`, { headers: { cookie } });
  if (bundle.status !== 200) throw new Error(`the components bundle answered ${bundle.status}`);
  await bundle.arrayBuffer();
  const componentsMs = performance.now() - started;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    process.kill(-child.pid!, 'SIGINT');
  });
  return { readyMs, loginMs, componentsMs };
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'awp-bench-start-'));
await chmod(dataDir, 0o755);
try {
  const first = await startOnce(dataDir);
  console.log(`first start (creates the cluster and the first admin): ${(first.loginMs / 1000).toFixed(2)} s`);
  const restarts: Timings[] = [];
  for (let i = 0; i < RESTARTS; i++) restarts.push(await startOnce(dataDir));
  // A change to a component: AdminJS must build the bundle again for the first page.
  const now = new Date();
  await utimes('src/admin/components/reply-box.tsx', now, now);
  const afterComponentEdit = await startOnce(dataDir);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const figures: BenchFigure[] = [
    ...restarts.map((r, i) => ({ name: `restart ${i + 1}: login page served`, value: r.loginMs / 1000, unit: 's' })),
    { name: 'restart, median: "back office" logged', value: median(restarts.map((r) => r.readyMs)) / 1000, unit: 's' },
    { name: 'restart, median: login page served', value: median(restarts.map((r) => r.loginMs)) / 1000, unit: 's', target: '≤ 5' },
    { name: 'restart, median: first page with its components', value: median(restarts.map((r) => r.componentsMs)) / 1000, unit: 's' },
    { name: 'restart after a component edit: login page', value: afterComponentEdit.loginMs / 1000, unit: 's', target: '≤ 5' },
    { name: 'restart after a component edit: components rebuilt', value: afterComponentEdit.componentsMs / 1000, unit: 's' },
  ];
  printFigures(figures);
  console.log(`load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface Started {
  child: ChildProcess;
  output: () => string;
  port: number;
}

/** `npm start`'s program, as a new user runs it: embedded PostgreSQL, no configuration. */
async function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'example/main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', ADMIN_EMAIL: '', ADMIN_PASSWORD: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, as a terminal gives a command: Ctrl-C goes to the whole group.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /back office: http:\/\/localhost:(\d+)\/admin/.exec(output);
      if (match) finish(() => resolve(Number(match[1])));
    }, 100);
    const deadline = setTimeout(() => finish(() => reject(new Error(`not serving after 60 s:\n${output}`))), 60_000);
    const exited = (code: number | null) => finish(() => reject(new Error(`exited with ${code} before serving:\n${output}`)));
    const finish = (settle: () => void) => {
      clearInterval(timer);
      clearTimeout(deadline);
      child.off('exit', exited);
      settle();
    };
    child.once('exit', exited);
  });
  return { child, output: () => output, port };
}

/** SIGINT to the whole process group, as a terminal's Ctrl-C does; SIGTERM to the app alone, as a service manager does. */
function stop(started: Started, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.once('exit', (code) => resolve(code));
    if (signal === 'SIGINT') process.kill(-started.child.pid!, signal);
    else started.child.kill(signal);
  });
}

/** Running, that is: neither gone nor a zombie (an exited process its parent, here init, has not reaped yet). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = /^\d+ \(.*\) (\S)/.exec(stat)?.[1];
  return state !== 'Z' && state !== 'X';
}

describe('npm start on a fresh machine', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'awp-start-'));
    await chmod(dataDir, 0o755);
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('serves the login page, prints the first admin once, stops cleanly on Ctrl-C, and keeps the data for the next start', async () => {
    const first = await start(dataDir);
    const page = await fetch(`http://127.0.0.1:${first.port}/admin/login`);
    expect(page.status).to.equal(200);
    const password = /Password:\s+(\S+)/.exec(first.output())?.[1];
    expect(password, first.output()).to.be.a('string');
    const postmasterPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(processAlive(postmasterPid)).to.equal(true);

    expect(await stop(first)).to.equal(0);
    expect(first.output()).to.contain('stopped');
    // Ctrl-C reached PostgreSQL too only after the app had closed its connections: nothing failed.
    expect(first.output().split('\n').filter((line) => /error/i.test(line))).to.deep.equal([]);
    expect(processAlive(postmasterPid), 'the embedded PostgreSQL stops with the app').to.equal(false);

    const second = await start(dataDir);
    try {
      expect(second.output()).to.not.contain('First admin');
      const login = await fetch(`http://127.0.0.1:${second.port}/admin/login`, {
        method: 'POST',
        body: new URLSearchParams({ email: 'admin@example.com', password: password! }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${second.port}` },
        redirect: 'manual',
      });
      expect(login.status, 'the first start\'s admin still exists').to.equal(303);
    } finally {
      expect(await stop(second, 'SIGTERM')).to.equal(0);
    }
  });

  it('after a kill -9, starts again on the same data: the orphaned PostgreSQL is stopped and this start owns a new one', async () => {
    const killed = await start(dataDir);
    const orphanPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    await stop(killed, 'SIGKILL');
    expect(processAlive(orphanPid), 'kill -9 leaves the embedded PostgreSQL running').to.equal(true);

    const next = await start(dataDir);
    try {
      expect(next.output()).to.contain('left running');
      expect(processAlive(orphanPid), 'the orphan was stopped').to.equal(false);
      expect((await fetch(`http://127.0.0.1:${next.port}/admin/login`)).status).to.equal(200);
    } finally {
      expect(await stop(next)).to.equal(0);
    }
    const postmasterPid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '0')).split('\n')[0]);
    expect(postmasterPid === 0 || !processAlive(postmasterPid), 'the new server stops with the app').to.equal(true);
  });
});

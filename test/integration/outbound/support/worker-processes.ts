import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutboundHarness } from './outbound-harness.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'send-worker-process.ts');

/**
 * Starts a send worker process on the harness's database and sandbox; resolves once it
 * consumes the queue. It runs at a lower CPU priority than the test: on a small machine the
 * workers' load must not stall the sandbox, whose clock is what measures their send rate.
 */
export async function startSendWorkerProcess(h: OutboundHarness, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn('nice', ['-n', '10', process.execPath, '--import', 'tsx', SCRIPT], {
    env: { ...process.env, DATABASE_URL: h.db.url, GRAPH_URL: h.sandbox.url, ENCRYPTION_KEY: h.encryptionKey, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`send worker exited (${code}) before it was ready`)));
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

import { fork } from 'node:child_process';
import type { GeneratedTraffic, LoadGeneratorOptions, LoadGeneratorReport } from './load-generator.js';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** Requests per second across all connections; unset = as fast as the server answers. */
  overallRate?: number;
  /** Distinct signed deliveries of a mix, built by the load generator (instead of `body` repeated). */
  traffic?: GeneratedTraffic;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  notOk: number;
  errors: number;
  /** CPU the load generator itself used per answered request, in µs. */
  generatorCpuPerRequestUs: number;
}

/** Drives HTTP load with autocannon from a child process (see load-generator.ts). */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const child = fork(new URL('./load-generator.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const { result, cpuSeconds } = await new Promise<LoadGeneratorReport>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadGeneratorReport));
    child.once('exit', (code) => reject(new Error(`the load generator exited with code ${code}`)));
    child.send({
      url: options.url,
      method: options.method ?? 'GET',
      body: options.body,
      headers: options.headers,
      connections: options.connections,
      duration: options.durationSeconds,
      overallRate: options.overallRate,
      traffic: options.traffic,
    } satisfies LoadGeneratorOptions);
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    notOk: result.non2xx,
    errors: result.errors + result.timeouts,
    generatorCpuPerRequestUs: (cpuSeconds * 1e6) / (result['2xx'] + result.non2xx || 1),
  };
}

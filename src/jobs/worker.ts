import type { PluginContext } from '../plugin-context.js';

/** Registers one job handler with pg-boss and returns the queue it consumes. */
export type JobRegistration = (context: PluginContext) => Promise<string>;

export interface Worker {
  start(): Promise<void>;
  /** Stops taking new jobs; jobs in progress finish (pg-boss hands unfinished ones to another worker after expiry). */
  stop(): Promise<void>;
}

/** The background side of the plugin. Any number of processes may run it: pg-boss gives each job to one. */
export function createWorker(context: PluginContext, registrations: JobRegistration[]): Worker {
  let queues: string[] = [];
  return {
    async start() {
      if (queues.length) return;
      queues = await Promise.all(registrations.map((register) => register(context)));
      context.logger.info('worker started', { queues });
    },
    async stop() {
      const stopping = queues;
      queues = [];
      await Promise.all(stopping.map((queue) => context.jobs.offWork(queue)));
    },
  };
}

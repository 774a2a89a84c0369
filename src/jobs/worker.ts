import type PgBoss from 'pg-boss';
import type { PluginContext } from '../context/plugin-context.js';
import { startJobQueue } from '../db/start-job-queue.js';

/** Registers one job handler with pg-boss and returns the queue it consumes. */
export type JobRegistration = (context: PluginContext) => Promise<string>;

export interface Worker {
  /** Starts the job queue's worker side (maintenance, schedules, handlers) in this process. */
  start(): Promise<void>;
  /** Stops taking new jobs; jobs in progress finish (pg-boss hands unfinished ones to another worker after expiry). */
  stop(): Promise<void>;
}

/**
 * The background side of the plugin. Any number of processes may run it: pg-boss gives each job
 * to one. Nothing of it runs in a process that never calls `start()` (a web process only puts
 * jobs on the queues).
 */
export function createWorker(context: PluginContext, registrations: JobRegistration[]): Worker {
  let running: { boss: PgBoss; queues: string[] } | undefined;
  return {
    async start() {
      if (running) return;
      const boss = await startJobQueue(context.dataSource, {
        onError: (error) => context.logger.error('job queue error', { error: String(error) }),
      });
      const workerContext: PluginContext = { ...context, jobs: boss };
      running = { boss, queues: await Promise.all(registrations.map((register) => register(workerContext))) };
      context.logger.info('worker started', { queues: running.queues });
    },
    async stop() {
      const stopping = running;
      running = undefined;
      if (!stopping) return;
      await Promise.all(stopping.queues.map((queue) => stopping.boss.offWork(queue)));
      await stopping.boss.stop({ graceful: true, wait: true });
    },
  };
}

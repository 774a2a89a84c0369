import type PgBoss from 'pg-boss';
import type { PluginContext } from '../context/plugin-context.js';
import { startJobQueue } from '../db/start-job-queue.js';

/** A queue this process consumes, and what to tell its long-running jobs when the worker stops. */
export interface RunningJob {
  queue: string;
  stop?: () => void;
}

/** Registers job handlers with pg-boss and returns the queues they consume. */
export type JobRegistration = (context: PluginContext) => Promise<string | RunningJob | RunningJob[]>;

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
  let running: { boss: PgBoss; jobs: RunningJob[] } | undefined;
  return {
    async start() {
      if (running) return;
      const boss = await startJobQueue(context.dataSource, {
        onError: (error) => context.logger.error('job queue error', { error: String(error) }),
      });
      const workerContext: PluginContext = { ...context, jobs: boss };
      const registered = await Promise.all(registrations.map((register) => register(workerContext)));
      running = { boss, jobs: registered.flat().map((job) => (typeof job === 'string' ? { queue: job } : job)) };
      context.logger.info('worker started', { queues: running.jobs.map((job) => job.queue) });
    },
    async stop() {
      const stopping = running;
      running = undefined;
      if (!stopping) return;
      for (const job of stopping.jobs) job.stop?.();
      await Promise.all(stopping.jobs.map((job) => stopping.boss.offWork(job.queue)));
      await stopping.boss.stop({ graceful: true, wait: true });
    },
  };
}

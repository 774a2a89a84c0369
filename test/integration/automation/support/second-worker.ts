import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../../../src/db/data-source-options.js';
import { startJobQueue } from '../../../../src/db/start-job-queue.js';
import { createPluginContext, type PluginContext } from '../../../../src/context/plugin-context.js';
import { registerAutomationWorker } from '../../../../src/jobs/automation.job.js';
import { registerWebhookProcessor } from '../../../../src/jobs/process-webhook-event.job.js';
import { SecretBox } from '../../../../src/secrets/secret-box.js';
import type { Clock } from '../../../../src/domain/clock.js';

export interface SecondWorker {
  context: PluginContext;
  stop(): Promise<void>;
}

/**
 * Another worker on the same database, with its own connections and its own pg-boss, taking
 * webhook events and automation jobs from the same queues as the back office's worker (it does
 * not send: sending needs the number's sealed token).
 */
export async function startSecondWorker(url: string, options: { clock?: Clock } = {}): Promise<SecondWorker> {
  const dataSource = new DataSource(postgresDataSourceOptions(url));
  await dataSource.initialize();
  const jobs = await startJobQueue(url, { onError: () => undefined });
  const context = createPluginContext({ dataSource, secretBox: new SecretBox(randomBytes(32)), jobs, clock: options.clock, options: { mediaDir: '/nonexistent' } });
  await registerWebhookProcessor(context);
  await registerAutomationWorker(context);
  return {
    context,
    async stop() {
      await jobs.stop({ graceful: false, wait: true });
      await dataSource.destroy();
    },
  };
}

import { GraphApiError } from '../cloud-api/index.js';
import type { PluginContext } from '../context/plugin-context.js';
import { TemplateAccountError } from '../templates/template-account.js';
import type { TemplateContext } from '../templates/template-context.js';
import { syncTemplates, type TemplateSyncReport } from '../templates/sync-templates.js';
import { QUEUES } from '../db/job-queues.js';

/** No `accountId`: the schedule's sweep, which queues one job per number. */
export interface SyncTemplatesJobData {
  accountId?: string;
}

const SWEEP_KEY = 'sweep';

/** Every 6 hours (UTC): a safety net, the template webhooks apply changes at once. */
export const DEFAULT_TEMPLATE_SYNC_CRON = '0 */6 * * *';

export interface SyncTemplatesWorkerOptions {
  /** When the sweep runs (pg-boss cron, UTC). Default DEFAULT_TEMPLATE_SYNC_CRON; null: never (the schedule is removed). */
  cron?: string | null;
  /** Queue a sweep when the worker starts, so a new install shows its templates without waiting for the schedule. Default true. */
  syncOnStart?: boolean;
  /** Templates per page of Meta's listing. */
  pageSize?: number;
  pollingIntervalSeconds?: number;
}

export type SyncTemplatesJobContext = TemplateContext & Pick<PluginContext, 'jobs'>;

export type SyncTemplatesJobResult =
  | { kind: 'sweep'; queued: string[] }
  | { kind: 'synced'; report: TemplateSyncReport }
  | { kind: 'skipped'; accountId: string; reason: string };

/** Queues a sync of every active number that has an access token; returns their ids. A number already waiting is not queued twice. */
export async function queueTemplateSyncs(context: Pick<PluginContext, 'dataSource' | 'jobs'>): Promise<string[]> {
  const accounts: { id: string }[] = await context.dataSource.query(
    `SELECT id FROM whatsapp_accounts WHERE status = 'active' AND access_token_encrypted IS NOT NULL ORDER BY created_at`,
  );
  const queued: string[] = [];
  for (const { id } of accounts) {
    const jobId = await context.jobs.send(QUEUES.syncTemplates, { accountId: id } satisfies SyncTemplatesJobData, { singletonKey: `account:${id}` });
    if (jobId) queued.push(id);
  }
  return queued;
}

/**
 * One job. What a retry cannot fix completes the job with a `skipped` outcome (logged, and on
 * the number when Meta's error needs an admin); Meta being unreachable or busy is thrown for
 * the queue's retries.
 */
export async function syncTemplatesJob(
  context: SyncTemplatesJobContext,
  data: SyncTemplatesJobData | null,
  options: Pick<SyncTemplatesWorkerOptions, 'pageSize'> = {},
): Promise<SyncTemplatesJobResult> {
  const accountId = data?.accountId;
  if (!accountId) return { kind: 'sweep', queued: await queueTemplateSyncs(context) };
  try {
    return { kind: 'synced', report: await syncTemplates(context, accountId, null, { pageSize: options.pageSize }) };
  } catch (error) {
    if (error instanceof TemplateAccountError) return skipped(context, accountId, error.key);
    if (error instanceof GraphApiError && (error.class === 'operator' || error.class === 'permanent')) {
      return skipped(context, accountId, error.message);
    }
    throw error;
  }
}

function skipped(context: SyncTemplatesJobContext, accountId: string, reason: string): SyncTemplatesJobResult {
  context.logger.warn('template sync skipped', { accountId, reason });
  return { kind: 'skipped', accountId, reason };
}

/**
 * Schedules the sweep (pg-boss keeps one schedule per queue, whatever the number of
 * processes) and consumes the queue in this process. Returns the queue's name.
 */
export async function registerSyncTemplatesWorker(context: SyncTemplatesJobContext, options: SyncTemplatesWorkerOptions = {}): Promise<string> {
  const queue = QUEUES.syncTemplates;
  const cron = options.cron === undefined ? DEFAULT_TEMPLATE_SYNC_CRON : options.cron;
  if (cron === null) await context.jobs.unschedule(queue);
  else await context.jobs.schedule(queue, cron, {} satisfies SyncTemplatesJobData, { singletonKey: SWEEP_KEY });
  await context.jobs.work<SyncTemplatesJobData>(
    queue,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 },
    async ([job]) => (job ? syncTemplatesJob(context, job.data, options) : undefined),
  );
  // Stately: however many processes start at once, one sweep waits.
  if (options.syncOnStart !== false) await context.jobs.send(queue, {} satisfies SyncTemplatesJobData, { singletonKey: SWEEP_KEY });
  return queue;
}

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import type { ConfiguredAccount } from '../../src/plugin-options.js';
import type { Logger } from '../../src/config/logger.js';
import { startJobQueue } from '../../src/db/start-job-queue.js';
import { createPluginContext, type PluginContext } from '../../src/context/plugin-context.js';
import { SecretBox } from '../../src/secrets/secret-box.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_ACCOUNT = {
  phoneNumberId: '118237465540912',
  wabaId: '104729381102938',
  displayPhoneNumber: '213770001122',
  appSecret: 'test-app-secret-0123456789abcdef',
  verifyToken: 'test-verify-token',
} as const satisfies ConfiguredAccount;

export interface TestPluginContext {
  context: PluginContext;
  db: TestDatabase;
  jobs: PgBoss;
  close(): Promise<void>;
}

/**
 * A PluginContext over a fresh migrated database, a real pg-boss on it and one configured
 * account (sealed app secret and verify token), built by hand the way the plugin would.
 */
export async function createTestPluginContext(
  options: { accounts?: ConfiguredAccount[]; logger?: Logger } = {},
): Promise<TestPluginContext> {
  const db = await createTestDatabase();
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-media-'));
  const jobs = await startJobQueue(db.url, { onError: () => undefined });
  const secretBox = new SecretBox(randomBytes(32));
  const context = createPluginContext({ dataSource: db.dataSource, secretBox, jobs, logger: options.logger, options: { mediaDir } });
  for (const account of options.accounts ?? [TEST_ACCOUNT]) await context.accounts.upsertConfigured(account);
  return {
    context,
    db,
    jobs,
    async close() {
      await jobs.stop({ graceful: false, wait: true });
      await db.drop();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

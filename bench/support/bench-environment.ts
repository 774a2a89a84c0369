import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../example/embedded-postgres.js';
import { SAMPLE_ACCOUNT } from '../../src/sandbox/simulated-deliveries.js';
import { postgresDataSourceOptions } from '../../src/db/data-source-options.js';
import { startJobQueue } from '../../src/db/start-job-queue.js';
import { createPluginContext, type PluginContext } from '../../src/context/plugin-context.js';
import { SecretBox } from '../../src/secrets/secret-box.js';
import { createWebhookHandler } from '../../src/inbound/webhook/create-webhook-handler.js';
import { createWebhookRouter } from '../../src/inbound/webhook/create-webhook-router.js';
import { webhookBefore } from '../../src/inbound/webhook/webhook-before.js';
import { WebhookMetrics } from '../../src/inbound/webhook/webhook-metrics.js';

const WEBHOOK_PATH = '/webhooks/whatsapp';

/** Everything a benchmark section may use: one embedded PostgreSQL, the plugin context, the real webhook route. */
export interface BenchEnvironment {
  /** URL of the migrated benchmark database. */
  databaseUrl: string;
  dataSource: DataSource;
  jobs: PgBoss;
  context: PluginContext;
  appSecret: string;
  /** http://127.0.0.1:<port>/webhooks/whatsapp, served by this process: the router inside an Express app. */
  webhookUrl: string;
  /** The same route, its handler called by node:http before Express sees the request. */
  directWebhookUrl: string;
  metrics: WebhookMetrics;
  close(): Promise<void>;
}

export interface BenchEnvironmentOptions {
  /** The DataSource's pool size; default TypeORM's 10 (the ack path holds at most the writer's concurrent batches). */
  poolSize?: number;
}

/** BENCH_STATEMENTS=1: PostgreSQL counts every statement (pg_stat_statements), for `printTopStatements`. */
export const COUNT_STATEMENTS = process.env.BENCH_STATEMENTS === '1';

export async function startBenchEnvironment(options: BenchEnvironmentOptions = {}): Promise<BenchEnvironment> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'awp-bench-'));
  // As root, PostgreSQL runs as the postgres user, who must be able to enter it.
  if (process.getuid?.() === 0) await chmod(tempDir, 0o755);
  const cleanups: (() => Promise<unknown>)[] = [() => rm(tempDir, { recursive: true, force: true })];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('[bench] cleanup:', error));
  };
  try {
    const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, 'pg'),
      persistent: false,
      ...(COUNT_STATEMENTS ? { settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } } : {}),
    });
    cleanups.push(() => embedded.stop());
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = embedded.urlFor('bench');

    const dataSource = new DataSource(postgresDataSourceOptions(databaseUrl, options.poolSize ? { poolSize: options.poolSize } : {}));
    await dataSource.initialize();
    cleanups.push(() => dataSource.destroy());
    await dataSource.runMigrations();
    if (COUNT_STATEMENTS) await dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    const jobs = await startJobQueue(databaseUrl);
    cleanups.push(() => jobs.stop({ graceful: false, wait: true }));

    const secretBox = new SecretBox(randomBytes(32));
    const context = createPluginContext({ dataSource, secretBox, jobs, options: { mediaDir: path.join(tempDir, 'media') } });
    const appSecret = randomBytes(16).toString('hex');
    await context.accounts.upsertConfigured({ ...SAMPLE_ACCOUNT, appSecret, verifyToken: 'bench-verify-token' });

    const metrics = new WebhookMetrics();
    const listen = async (server: http.Server) => {
      server.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      cleanups.push(() => new Promise((resolve) => server.close(resolve)));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
    };
    // Mounted as an Express host would: the webhook route first, the host's JSON parser after it.
    const app = express();
    app.use(WEBHOOK_PATH, createWebhookRouter(context, { metrics }));
    app.use(express.json());
    const webhookUrl = await listen(http.createServer(app));
    // The same handler called by node:http before Express gets the request.
    const directWebhookUrl = await listen(http.createServer(webhookBefore(createWebhookHandler(context, { metrics }), app, WEBHOOK_PATH)));

    return { databaseUrl, dataSource, jobs, context, appSecret, webhookUrl, directWebhookUrl, metrics, close };
  } catch (error) {
    await close();
    throw error;
  }
}

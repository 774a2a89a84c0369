import 'reflect-metadata';
import { Database, Resource } from '@adminjs/typeorm';
import AdminJS, { type AdminJSOptions, type CurrentAdmin, type Locale, type ResourceWithOptions } from 'adminjs';
import type { RequestHandler, Router } from 'express';
import type { RequestListener } from 'node:http';
import { registerComponents } from './admin/components.js';
import { accountsResource } from './admin/resources/accounts.resource.js';
import { adminUsersResource } from './admin/resources/admin-users.resource.js';
import { permissionActions } from './admin/resources/permission-actions.js';
import { permissionChangesResource } from './admin/resources/permission-changes.resource.js';
import { dashboardOption } from './dashboard/dashboard-option.js';
import { createLiveUpdates, type LiveUpdates } from './live/live-updates.js';
import { createMediaRoute } from './admin/media-route.js';
import { attachPermissions } from './permissions/attach-permissions.js';
import { b2bLeadsResource } from './admin/resources/b2b-leads.resource.js';
import { inboxResources } from './admin/resources/inbox.resources.js';
import { webhookEventsResource } from './admin/resources/webhook-events.resource.js';
import { createBackOfficeAuth, type BackOfficeAuth, type BackOfficeAuthOptions } from './auth/back-office-auth.js';
import { ensureFirstAdmin, type FirstAdminResult } from './auth/first-admin.js';
import { consoleLogger } from './config/logger.js';
import { createBackOfficeProtection, type BackOfficeProtection, type BackOfficeProtectionOptions } from './http/back-office-protection.js';
import type { WhatsAppPluginOptions } from './config/plugin-options.js';
import { ENTITIES } from './entities/index.js';
import { adminLocaleFor } from './i18n/admin-locale.js';
import { startJobQueue } from './jobs/job-queue.js';
import { createGraphApiClient } from './cloud-api/index.js';
import { graphBaseUrl } from './cloud-api/graph-api-version.js';
import { templatesResource } from './admin/resources/templates.resource.js';
import { registerDownloadMediaWorker } from './jobs/download-media.job.js';
import { registerSyncTemplatesWorker } from './jobs/sync-templates.job.js';
import { registerReconcileWorker } from './jobs/reconcile-unknown-messages.job.js';
import { registerSendMessageWorker } from './jobs/send-message.job.js';
import { outboundSettings } from './outbound/outbound-settings.js';
import { registerWebhookProcessor } from './jobs/process-webhook-event.job.js';
import { QUEUES } from './jobs/queues.js';
import { createWorker, type Worker } from './jobs/worker.js';
import { reprocessWebhookEvent } from './inbox/reprocess-webhook-event.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createPluginContext } from './plugin-context.js';
import { parseEncryptionKey, SecretBox } from './secrets/secret-box.js';
import { createWebhookHandler } from './webhook/create-webhook-handler.js';
import { createWebhookRouter } from './webhook/create-webhook-router.js';
import { webhookBefore } from './webhook/webhook-before.js';
import { WebhookMetrics } from './webhook/webhook-metrics.js';

export interface WhatsAppPlugin {
  /** Pass to `new AdminJS({ resources })`. Resource ids are the table names. */
  resources: ResourceWithOptions[];
  /** Pass as AdminJS's `dashboard` option: the inbox's home page (SQL aggregates, per permissions). */
  dashboard: NonNullable<AdminJSOptions['dashboard']>;
  /**
   * Live inbox updates (Server-Sent Events). Mount `liveUpdates.router` at `<rootPath>/whatsapp/live`
   * behind the same authentication as AdminJS (it reads `req.session.adminUser`).
   */
  liveUpdates: LiveUpdates;
  /**
   * Received media files, for the conversation view. Mount at `<rootPath>/whatsapp/media` behind
   * the same authentication as AdminJS; each file is served only to whoever may see its conversation.
   */
  mediaRoute: Router;
  /**
   * AdminJS's `locale` option: English, French and Arabic from locales/, in each admin's language
   * (`currentAdmin.language`; createBackOfficeAuth sets it from the profile or the browser).
   */
  locale: (admin?: CurrentAdmin) => Locale;
  /** Mount at `/webhooks/whatsapp`, before any global body parser. */
  webhookRouter: Router;
  /**
   * The faster way to serve Meta's callback: `http.createServer(plugin.withWebhook(app))` answers
   * `/webhooks/whatsapp` before Express and hands every other request to `app` (see bench:webhook).
   */
  withWebhook(app: RequestListener): RequestListener;
  /** Counters of the webhook route: stored, signature missing/invalid, too large, store failures… */
  webhookMetrics: WebhookMetrics;
  /** Background processing (webhook events, media). Start it in one or more processes. */
  worker: Worker;
  /**
   * For a host with its own login: after your authentication, before AdminJS and the live and media
   * routes. Adds the admin's WhatsApp permissions to `req.session.adminUser` on every request.
   * (`createBackOfficeAuth` does this itself.)
   */
  attachPermissions: RequestHandler;
  /**
   * Protections the back office needs whatever its login: security headers with a nonce-based
   * Content-Security-Policy, the same-origin check, body limits, error pages with a request id.
   */
  protection(options?: BackOfficeProtectionOptions): BackOfficeProtection;
  /** Passport login for a back office that has none of its own (the runnable app uses it). */
  createBackOfficeAuth(options: Omit<BackOfficeAuthOptions, 'dataSource'>): BackOfficeAuth;
  /** Creates the first super-admin when there is none. */
  ensureFirstAdmin(given: { email?: string; password?: string }): Promise<FirstAdminResult>;
  entities: typeof ENTITIES;
  migrations: typeof MIGRATIONS;
  /** Stops the worker and the job queue. The DataSource stays the host's to close. */
  close(): Promise<void>;
}

/**
 * The plugin's one entry point. Give it the host's TypeORM DataSource (PostgreSQL): when it is
 * not initialised yet, the plugin adds its entities and migrations and initialises it; when it
 * is, it must already contain them (`plugin.entities`, `plugin.migrations`).
 */
export async function createWhatsAppPlugin(options: WhatsAppPluginOptions): Promise<WhatsAppPlugin> {
  const { dataSource } = options;
  const logger = options.logger ?? consoleLogger();
  if (!dataSource.isInitialized) {
    dataSource.setOptions({
      entities: [...asArray(dataSource.options.entities), ...ENTITIES],
      migrations: [...asArray(dataSource.options.migrations), ...MIGRATIONS],
    } as Partial<typeof dataSource.options>);
    await dataSource.initialize();
  } else if (!dataSource.hasMetadata(ENTITIES[0]!)) {
    throw new Error('adminjs-whatsapp: the DataSource was initialised without the plugin entities; add plugin.entities or pass it uninitialised');
  }
  if (options.runMigrations !== false) await dataSource.runMigrations({ transaction: 'each' });

  const secretBox = new SecretBox(
    parseEncryptionKey(options.encryptionKey),
    (options.previousEncryptionKeys ?? []).map(parseEncryptionKey),
  );
  const jobs = await startJobQueue(dataSource, { onError: (error) => logger.error('job queue error', { error: String(error) }) });
  const context = createPluginContext({
    dataSource,
    secretBox,
    jobs,
    logger,
    options: {
      defaultRegion: options.defaultRegion,
      contactMatchers: options.contactMatchers,
      onInboundToResolved: options.onInboundToResolved,
      keywordRules: options.keywordRules,
      mediaDir: options.mediaDir,
    },
  });
  const { accounts } = context;
  for (const account of options.accounts ?? []) await accounts.upsertConfigured(account);

  AdminJS.registerAdapter({ Database, Resource });
  const components = registerComponents(options.componentLoader);
  // One Graph API client for every use: sending, read receipts, templates, media lookups.
  const graph = createGraphApiClient({ graphUrl: options.graphUrl });
  const sending = outboundSettings({ ...options.outbound, graph });
  const templates = { ...context, graph };
  const webhookMetrics = new WebhookMetrics();
  const liveUpdates = createLiveUpdates(context);
  const worker = createWorker(context, [
    (ctx) => registerWebhookProcessor(ctx),
    (ctx) => registerDownloadMediaWorker(ctx, { graphBaseUrl: graphBaseUrl(options.graphUrl) }).then(() => QUEUES.downloadMedia),
    (ctx) => registerSendMessageWorker(ctx, { settings: sending }),
    (ctx) => registerReconcileWorker(ctx, { settings: sending }),
    () => registerSyncTemplatesWorker(templates, { cron: options.templateSyncCron }),
  ]);

  return {
    resources: [
      ...inboxResources(context, components, graph),
      b2bLeadsResource(context.options.defaultRegion),
      templatesResource(templates, components),
      webhookEventsResource(components, (eventId) => reprocessWebhookEvent(context, eventId)),
      accountsResource(dataSource, secretBox, () => accounts.invalidate()),
      adminUsersResource(dataSource, permissionActions(context, components)),
      permissionChangesResource(),
    ],
    dashboard: dashboardOption(context, components.dashboard),
    liveUpdates,
    mediaRoute: createMediaRoute(context),
    attachPermissions: attachPermissions(dataSource),
    locale: adminLocaleFor(),
    webhookRouter: createWebhookRouter(context, { metrics: webhookMetrics }),
    withWebhook: (app) => webhookBefore(createWebhookHandler(context, { metrics: webhookMetrics }), app),
    webhookMetrics,
    worker,
    protection: (protectionOptions) => createBackOfficeProtection(logger, protectionOptions),
    createBackOfficeAuth: (authOptions) => createBackOfficeAuth({ ...authOptions, dataSource }),
    ensureFirstAdmin: (given) => ensureFirstAdmin(dataSource, given),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    async close() {
      await liveUpdates.close();
      await worker.stop();
      await jobs.stop({ graceful: true, wait: true });
    },
  };
}

function asArray<T>(value: T[] | Record<string, T> | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

import 'reflect-metadata';
import { Resource } from '@adminjs/typeorm';
import { BaseResource, type AdminJSOptions, type AdminPages, type CurrentAdmin, type FeatureType, type Locale, type ResourceWithOptions } from 'adminjs';
import type { Router } from 'express';
import path from 'node:path';
import type { RequestListener } from 'node:http';
import { LOGIN_MIGRATIONS, MIGRATIONS } from '../migrations/index.js';
import { createAdminRoutes, agentOfRequest } from './admin/admin-routes.js';
import { createApiRouter } from './api/api-router.js';
import { buildAuthenticatedRouterWith, type BuildAuthenticatedRouter } from './admin/authenticated-router.js';
import { registerComponents } from './admin/components.js';
import { guardResources } from './admin/guard-resources.js';
import { createMediaRoute } from './admin/media-route.js';
import { createUploadRoute } from './admin/upload-route.js';
import { createBroadcastRoutes } from './admin/broadcast-routes.js';
import { broadcastsResource } from './admin/resources/broadcasts.resource.js';
import { enrollmentsResource } from './admin/resources/enrollments.resource.js';
import { sequencesResource } from './admin/resources/sequences.resource.js';
import { createReportsCsvRoute } from './admin/reports-csv-route.js';
import { createAssistantRoutes } from './admin/assistant-routes.js';
import { checkActionRequest } from './admin/request-check.js';
import { accountNoticesResource } from './admin/resources/account-notices.resource.js';
import { accountsResource } from './admin/resources/accounts.resource.js';
import { rateCardsResource } from './admin/resources/rate-cards.resource.js';
import { adminUsersResource } from './admin/resources/admin-users.resource.js';
import { agentsResource } from './admin/resources/agents.resource.js';
import { b2bLeadsResource } from './admin/resources/b2b-leads.resource.js';
import { cannedRepliesResource } from './admin/resources/canned-replies.resource.js';
import { mentionsResource } from './admin/resources/mentions.resource.js';
import { inboxResources } from './admin/resources/inbox.resources.js';
import { integrationsResources } from './admin/resources/integrations.resources.js';
import { recordFeatureFor, type RecordFeatureOptions } from './admin/record-feature.js';
import { labelsResource } from './admin/resources/labels.resource.js';
import { WHATSAPP_NAVIGATION } from './admin/resources/navigation.js';
import { permissionActions } from './admin/resources/permission-actions.js';
import { permissionChangesResource } from './admin/resources/permission-changes.resource.js';
import { automationResources } from './admin/resources/automation.resources.js';
import { templatesResource } from './admin/resources/templates.resource.js';
import { assistantResources } from './admin/resources/assistant.resources.js';
import { webhookEventsResource } from './admin/resources/webhook-events.resource.js';
import { deactivateAgent } from './agents/deactivate-agent.js';
import { identifyByAdminJsFields, type HostUser } from './agents/host-user.js';
import { createAgentLoader } from './agents/signed-in-agent.js';
import { applyPermissionPreset, DEFAULT_PERMISSION_PRESETS, HOST_ACTOR, type PresetOutcome } from './permissions/permission-presets.js';
import { syncAgent, type Agent } from './agents/sync-agent.js';
import { createBackOfficeAuth, type BackOfficeAuth, type BackOfficeAuthOptions } from './auth/back-office-auth.js';
import { createGraphApiClient } from './cloud-api/index.js';
import { consoleLogger } from './config/logger.js';
import { createBackOfficeProtection, type BackOfficeProtection, type BackOfficeProtectionOptions } from './http/back-office-protection.js';
import type { WhatsAppPluginOptions } from './plugin-options.js';
import { dashboardOption } from './admin/dashboard-option.js';
import { reportsPages } from './admin/reports-page.js';
import { runPluginMigrations } from './db/run-plugin-migrations.js';
import { searchCapabilities } from './db/search-capabilities.js';
import { ENTITIES } from './entities/index.js';
import { adminLocaleFor, type HostLocale } from './admin/admin-locale.js';
import { reprocessWebhookEvent } from './inbound/reprocess-webhook-event.js';
import { registerDownloadMediaWorker } from './jobs/download-media.job.js';
import { startJobQueue } from './db/start-job-queue.js';
import { registerWebhookProcessor } from './jobs/process-webhook-event.job.js';
import { QUEUES } from './db/job-queues.js';
import { registerReconcileWorker } from './jobs/reconcile-unknown-messages.job.js';
import { registerSendMessageWorker } from './jobs/send-message.job.js';
import { registerSyncTemplatesWorker } from './jobs/sync-templates.job.js';
import { registerBroadcastFeedWorker, registerCampaignSweepWorker } from './jobs/campaigns.job.js';
import { registerSendScheduledWorker } from './jobs/send-scheduled-message.job.js';
import { registerWakeSnoozedWorker } from './jobs/wake-snoozed-conversation.job.js';
import { registerAutomationWorker } from './jobs/automation.job.js';
import { registerAssistantAnswerWorker } from './jobs/assistant-answer.job.js';
import { registerReindexKnowledgeWorker } from './jobs/reindex-knowledge.job.js';
import { createWorker, type Worker } from './jobs/worker.js';
import { registerEventDispatch } from './jobs/dispatch-events.job.js';
import { EventHandlers, type EventHandler } from './integrations/event-handlers.js';
import type { EventKind } from './domain/event-kinds.js';
import type { OutboundTarget } from './conversations/conversation-for-phone.js';
import {
  queuedMessageOf,
  sendInteractiveTo,
  sendMediaTo,
  sendTemplateTo,
  sendTextTo,
  type QueuedMessage,
  type SendInteractive,
  type SendMedia,
  type SendTemplate,
  type SendText,
} from './conversations/send-to-target.js';
import { createLiveUpdates } from './live/live-updates.js';
import { outboundSettings } from './delivery/delivery-settings.js';
import { createPluginContext } from './context/plugin-context.js';
import { parseEncryptionKey, SecretBox } from './secrets/secret-box.js';
import { createWebhookHandler } from './inbound/webhook/create-webhook-handler.js';
import { createWebhookRouter } from './inbound/webhook/create-webhook-router.js';
import { webhookBefore } from './inbound/webhook/webhook-before.js';
import { WebhookMetrics } from './inbound/webhook/webhook-metrics.js';

export const DEFAULT_WEBHOOK_PATH = '/webhooks/whatsapp';

/**
 * A send from the host's code: to a conversation, or to a phone number (any spelling) on one of
 * the numbers. `asUser`: the host user it is sent as (their permissions apply, and the inbox shows
 * them as its author); without it the message is the host's automation's.
 */
export type MessageRequest<T> = OutboundTarget & T & { asUser?: string | number };

export interface WhatsAppPlugin {
  /** Pass to `new AdminJS({ resources })`. Resource ids are the table names. */
  resources: ResourceWithOptions[];
  /** AdminJS's `dashboard` option, if the host wants the inbox's figures as its home page. */
  dashboard: NonNullable<AdminJSOptions['dashboard']>;
  /** AdminJS's `dashboard` option, if the host wants agents to land in the Inbox page (the example host does). */
  inboxDashboard: NonNullable<AdminJSOptions['dashboard']>;
  /**
   * For AdminJS's `pages` option (spread them beside the host's own), each opt in: `whatsappInbox`,
   * the agents' three-pane Inbox (its list, the thread and the side panel), `whatsappFigures`, the
   * dashboard's figures as a page (for a host whose home page is the Inbox, or its own), and
   * `whatsappReports`, the managers' reports.
   */
  pages: AdminPages;
  /**
   * AdminJS's `locale` option: English, French and Arabic, in each agent's language, with the
   * host's own translations (an AdminJS `locale` object or function) merged over the plugin's.
   */
  locale(host?: HostLocale): (admin?: CurrentAdmin) => Locale;
  /**
   * Mount at AdminJS's root path, after the host's session and login and before AdminJS's router:
   * it loads the signed-in agent, checks the origin of changes aimed at the plugin, and serves the
   * live updates and media files (`<rootPath>/whatsapp/…`). `buildAuthenticatedRouter` and
   * `createBackOfficeAuth` mount it themselves.
   */
  adminRoutes: Router;
  /**
   * `@adminjs/express`'s `buildAuthenticatedRouter`, with the plugin's admin routes inside it (they
   * read the same session AdminJS reads). Same arguments.
   */
  buildAuthenticatedRouter: BuildAuthenticatedRouter;
  /**
   * The REST API (`<rootPath>/api/whatsapp/v1`, bearer tokens only). `adminRoutes` serves it; a
   * host whose login guard runs before `adminRoutes` mounts this at that path before the guard.
   */
  apiRouter: Router;
  /**
   * WhatsApp on the host's own resources, the AdminJS way: `features: [whatsapp.recordFeature({
   * phoneProperty: 'phone' })]`. The record's page shows its conversations (any phone spelling),
   * the last messages, a send box and click-to-chat with a QR code; its list gets a WhatsApp action.
   */
  recordFeature(options: RecordFeatureOptions): FeatureType;
  /** Where Meta's callback is served. */
  webhookPath: string;
  /** Meta's callback as an Express router: mount it at `webhookPath`, before any global body parser. */
  webhookRouter: Router;
  /**
   * The faster way to serve Meta's callback: `http.createServer(plugin.withWebhook(app))` answers
   * `webhookPath` before Express and hands every other request to `app` (see bench:webhook).
   */
  withWebhook(app: RequestListener): RequestListener;
  /** Counters of the webhook route: stored, signature missing/invalid, too large, store failures… */
  webhookMetrics: WebhookMetrics;
  /** Background processing (webhook events, sending, media, templates, the outbox). Start it in one or more processes. */
  worker: Worker;
  /**
   * The domain events, in process: `on(kind, handler)` (or `'*'`) calls the handler for each
   * event, at least once and in order within a conversation, in the processes that run the
   * worker (register the same handlers in each). A handler that throws is called again later
   * with the same event (same `id`): keep the ids you processed. Returns a function that removes it.
   */
  events: {
    on(kind: EventKind | '*', handler: EventHandler): () => void;
  };
  /**
   * Sending from the host's code: the inbox's own use cases, with its checks (the 24-hour window,
   * the number's state, the sender's permissions with `asUser`, Meta's limits). Each resolves to
   * the queued message; a send that is not allowed rejects with a refusal (`reason`, i18n `key`).
   */
  messages: {
    sendText(request: MessageRequest<SendText>): Promise<QueuedMessage>;
    sendTemplate(request: MessageRequest<SendTemplate>): Promise<QueuedMessage>;
    sendMedia(request: MessageRequest<SendMedia>): Promise<QueuedMessage>;
    sendInteractive(request: MessageRequest<SendInteractive>): Promise<QueuedMessage>;
  };
  /** The inbox's agents, for a host that syncs its users ahead of their first sign-in, or disables one. */
  agents: {
    sync(user: HostUser): Promise<Agent>;
    deactivate(hostUserId: string | number): Promise<void>;
    /**
     * Grants a preset's permissions (`permissionPresets`, by default agent, seniorAgent,
     * supervisor) to an agent, for every number or one, as the host: audited "by the system",
     * applied to the agent's open live streams. Managers adjust them afterwards on the agent's
     * permissions screen. Sync the agent first.
     */
    applyPreset(hostUserId: string | number, preset: string, options?: { accountId?: string | null }): Promise<PresetOutcome>;
  };
  /**
   * The built-in login (passport, sessions in PostgreSQL), for a host that has none. Creates its
   * tables on first use (whatsapp_admin_users, whatsapp_sessions, whatsapp_login_attempts).
   */
  /**
   * Protections a back office needs whatever its login, for the host to mount (see the README):
   * security headers with a nonce-based Content-Security-Policy, the same-origin check, body
   * limits, error pages with a request id.
   */
  protection(options?: BackOfficeProtectionOptions): BackOfficeProtection;
  createBackOfficeAuth(options: BackOfficeAuthOptions): Promise<BackOfficeAuth>;
  entities: typeof ENTITIES;
  /** Stops the worker, the live updates and the job queue. The DataSource stays the host's to close. */
  close(): Promise<void>;
}

/**
 * The plugin's one entry point. Give it the host's TypeORM DataSource (PostgreSQL): when it is
 * not initialised yet, the plugin adds its entities and initialises it; when it is, it must
 * already list them (`whatsappEntities`). It runs its own migrations only.
 */
export async function createWhatsAppPlugin(options: WhatsAppPluginOptions): Promise<WhatsAppPlugin> {
  const { dataSource } = options;
  const logger = options.logger ?? consoleLogger();
  if (!dataSource.isInitialized) {
    dataSource.setOptions({ entities: [...asArray(dataSource.options.entities), ...ENTITIES] } as Partial<typeof dataSource.options>);
    await dataSource.initialize();
  } else if (!ENTITIES.every((entity) => dataSource.hasMetadata(entity))) {
    throw new Error('adminjs-whatsapp: the DataSource was initialised without the plugin entities; add whatsappEntities to its entities or pass it uninitialised');
  }
  if (options.runMigrations !== false) await runPluginMigrations(dataSource, MIGRATIONS);
  const search = await searchCapabilities(dataSource);
  if (!search.unaccent || !search.trigramIndexes) {
    // Said once at start, for whoever runs the database: search still works, slower or with fewer folds.
    logger.warn('search runs without a PostgreSQL extension (see the README, Search)', { unaccent: search.unaccent, trigramIndexes: search.trigramIndexes });
  }

  const secretBox = new SecretBox(
    parseEncryptionKey(options.encryptionKey),
    (options.previousEncryptionKeys ?? []).map(parseEncryptionKey),
  );
  // Only puts jobs on the queues: the worker side starts with `worker.start()`, where it runs.
  const jobs = await startJobQueue(dataSource, { role: 'send', onError: (error) => logger.error('job queue error', { error: String(error) }) });
  const context = createPluginContext({
    dataSource,
    secretBox,
    jobs,
    logger,
    // One Graph API client for every use: sending, read receipts, templates, media lookups.
    graph: createGraphApiClient({ graphUrl: options.graphUrl }),
    options: {
      defaultRegion: options.defaultRegion,
      contactMatchers: options.contactMatchers,
      onInboundToResolved: options.onInboundToResolved,
      keywordRules: options.keywordRules,
      crmAudiences: options.campaigns?.audiences,
      crmField: options.campaigns?.crmField,
      consentKeywords: options.campaigns?.consentKeywords,
      awayAfterMinutes: options.awayAfterMinutes,
      mediaDir: options.mediaDir ?? path.resolve('whatsapp-media'),
    },
  });
  const { accounts } = context;
  for (const account of options.accounts ?? []) await accounts.upsertConfigured(account);

  const components = registerComponents(options.componentLoader, { sidebar: options.unreadBadgeInSidebar === true });
  const sending = outboundSettings(options.outbound);
  const webhookMetrics = new WebhookMetrics();
  const webhookPath = options.webhookPath ?? DEFAULT_WEBHOOK_PATH;
  const agents = createAgentLoader(dataSource, options.identifyUser ?? identifyByAdminJsFields);
  const liveUpdates = createLiveUpdates(context, agentOfRequest);
  const eventHandlers = new EventHandlers();
  const worker = createWorker(context, [
    (ctx) => registerWebhookProcessor(ctx),
    (ctx) => registerDownloadMediaWorker(ctx).then(() => QUEUES.downloadMedia),
    (ctx) => registerSendMessageWorker(ctx, { settings: sending }),
    (ctx) => registerReconcileWorker(ctx, { settings: sending }),
    (ctx) => registerSyncTemplatesWorker(ctx, { cron: options.templateSyncCron }),
    (ctx) => registerSendScheduledWorker(ctx),
    (ctx) => registerWakeSnoozedWorker(ctx),
    (ctx) => registerEventDispatch(ctx, eventHandlers, options.events),
    (ctx) => registerBroadcastFeedWorker(ctx),
    (ctx) => registerCampaignSweepWorker(ctx),
    (ctx) => registerAutomationWorker(ctx),
    (ctx) => registerAssistantAnswerWorker(ctx),
    (ctx) => registerReindexKnowledgeWorker(ctx),
  ]);

  const presets = options.permissionPresets ?? DEFAULT_PERMISSION_PRESETS;
  const guard = checkActionRequest(agents);
  const navigation = options.navigation === undefined ? WHATSAPP_NAVIGATION : options.navigation;
  const own = (list: ResourceWithOptions[]) => guardResources(withNavigation(list, navigation), guard);
  const resources = own([
    ...inboxResources(context, components),
    b2bLeadsResource(context.options.defaultRegion, components),
    labelsResource(dataSource, components),
    cannedRepliesResource(dataSource),
    mentionsResource(dataSource, components.customerTextCell),
    templatesResource(context, components),
    webhookEventsResource(components, (eventId) => reprocessWebhookEvent(context, eventId)),
    accountsResource(accounts, secretBox, () => accounts.invalidate()),
    accountNoticesResource(),
    rateCardsResource(dataSource, components),
    broadcastsResource(context, components),
    sequencesResource(context, components),
    enrollmentsResource(context, components),
    agentsResource(dataSource, permissionActions(context, components, presets)),
    permissionChangesResource(),
    ...integrationsResources(context, components),
    ...automationResources(context, components),
    ...assistantResources(context, components),
  ]);
  const apiRouter = createApiRouter(context);
  const figures = dashboardOption(context, components.dashboard);
  const adminRoutes = createAdminRoutes({
    agents,
    publicUrl: options.publicUrl,
    resourceIds: resources.map((resource) => resource.options!.id!),
    live: liveUpdates.router,
    media: createMediaRoute(context, agentOfRequest),
    uploads: createUploadRoute(context, agentOfRequest),
    api: apiRouter,
    broadcasts: createBroadcastRoutes(context, agentOfRequest),
    reports: createReportsCsvRoute(context, agentOfRequest),
    assistant: createAssistantRoutes(context, agentOfRequest),
  });

  return {
    resources,
    dashboard: figures,
    inboxDashboard: { component: components.inbox },
    pages: {
      whatsappInbox: { component: components.inbox, icon: 'MessageSquare' },
      whatsappFigures: { component: components.dashboard, icon: 'BarChart2', handler: figures.handler },
      ...reportsPages(context, components.reports),
    },
    locale: adminLocaleFor,
    adminRoutes,
    apiRouter,
    recordFeature: recordFeatureFor(context, components, guard),
    buildAuthenticatedRouter: buildAuthenticatedRouterWith(adminRoutes),
    webhookPath,
    webhookRouter: createWebhookRouter(context, { metrics: webhookMetrics }),
    withWebhook: (app) => webhookBefore(createWebhookHandler(context, { metrics: webhookMetrics }), app, webhookPath),
    webhookMetrics,
    worker,
    events: { on: (kind, handler) => eventHandlers.on(kind, handler) },
    messages: {
      sendText: (request) => sendTextTo(context, request, request, senderOf(request)).then(queuedMessageOf),
      sendTemplate: (request) => sendTemplateTo(context, request, request, senderOf(request)).then(queuedMessageOf),
      sendMedia: (request) => sendMediaTo(context, request, request, senderOf(request)).then(queuedMessageOf),
      sendInteractive: (request) => sendInteractiveTo(context, request, request, senderOf(request)).then(queuedMessageOf),
    },
    agents: {
      sync: (user) => syncAgent(dataSource, user),
      deactivate: (hostUserId) => deactivateAgent(dataSource, String(hostUserId)),
      applyPreset: async (hostUserId, preset, presetOptions = {}) => {
        const permissions = Object.hasOwn(presets, preset) ? presets[preset]! : undefined;
        if (!permissions) throw new Error(`adminjs-whatsapp: no permission preset named "${preset}" (known: ${Object.keys(presets).join(', ')})`);
        return applyPermissionPreset(context, { adminId: String(hostUserId), permissions, accountId: presetOptions.accountId ?? null, actor: HOST_ACTOR });
      },
    },
    async createBackOfficeAuth(authOptions) {
      await runPluginMigrations(dataSource, LOGIN_MIGRATIONS);
      return createBackOfficeAuth(dataSource, authOptions, own([adminUsersResource(dataSource, presets)]), adminRoutes);
    },
    protection: (protectionOptions) => createBackOfficeProtection(logger, protectionOptions),
    entities: ENTITIES,
    async close() {
      await liveUpdates.close();
      await worker.stop();
      await jobs.stop({ graceful: true, wait: true });
    },
  };
}

/** Registers nothing globally: each resource is an adapter instance of the host's @adminjs/typeorm. */
function withNavigation(resources: ResourceWithOptions[], navigation: { name: string; icon?: string } | null): ResourceWithOptions[] {
  return resources.map((entry) => ({
    ...entry,
    resource: entry.resource instanceof BaseResource ? entry.resource : new Resource(entry.resource as never),
    options: { ...entry.options, navigation },
  }));
}

function senderOf(request: { asUser?: string | number }): { id: string } | null {
  return request.asUser === undefined ? null : { id: String(request.asUser) };
}

function asArray<T>(value: T[] | Record<string, T> | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

import AdminJSExpress from '@adminjs/express';
import AdminJS, { ComponentLoader } from 'adminjs';
import express, { type Express } from 'express';
import type { RequestListener } from 'node:http';
import { DataSource } from 'typeorm';
import { createWhatsAppPlugin, type ConfiguredAccount, type Logger, type WhatsAppPlugin } from 'adminjs-whatsapp';
import { SampleCrmTables1763700000500 } from './host-migrations/1763700000500-sample-crm-tables.js';
import { SampleCrmRecords1763700000510 } from './host-migrations/1763700000510-sample-crm-records.js';
import { sampleContactMatchers } from './sample-contact-matchers.js';
import { Activities1763700001210 } from './host-migrations/1763700001210-activities.js';
import { fileWhatsAppActivities } from './crm-activities.js';
import { Activity, Organisation } from './crm-entities.js';
import { crmLocale, crmResources } from './crm-resources.js';

export interface BackOfficeSettings {
  databaseUrl: string;
  encryptionKey: string;
  previousEncryptionKeys?: string[];
  sessionSecret: string;
  publicUrl?: string;
  trustProxy?: string;
  accounts: ConfiguredAccount[];
  graphUrl?: string;
  defaultRegion?: string;
  mediaDir?: string;
  logger?: Logger;
}

export interface BackOffice {
  app: Express;
  /** What the HTTP server runs: Meta's callback answered before Express, everything else by `app`. */
  listener: RequestListener;
  admin: AdminJS;
  plugin: WhatsAppPlugin;
  dataSource: DataSource;
  /** Creates the first super-admin of the built-in login when there is none. */
  ensureFirstAdmin: Awaited<ReturnType<WhatsAppPlugin['createBackOfficeAuth']>>['ensureFirstAdmin'];
  close(): Promise<void>;
}

/**
 * The example host: a small CRM (its own tables and records) that mounts the plugin through the
 * package's public API only, and signs its people in with the plugin's built-in login. The
 * README's "mount it in your CRM" is this function.
 */
export async function createBackOffice(settings: BackOfficeSettings): Promise<BackOffice> {
  // The CRM's own DataSource and migrations; the plugin adds its entities and runs its own migrations.
  const dataSource = new DataSource({
    type: 'postgres',
    url: settings.databaseUrl,
    entities: [Organisation, Activity],
    migrations: [SampleCrmTables1763700000500, SampleCrmRecords1763700000510, Activities1763700001210],
    migrationsTransactionMode: 'each',
    logging: ['error'],
  });
  const componentLoader = new ComponentLoader();

  const whatsapp = await createWhatsAppPlugin({
    dataSource,
    componentLoader,
    encryptionKey: settings.encryptionKey,
    previousEncryptionKeys: settings.previousEncryptionKeys,
    accounts: settings.accounts,
    graphUrl: settings.graphUrl,
    defaultRegion: settings.defaultRegion,
    contactMatchers: sampleContactMatchers,
    mediaDir: settings.mediaDir,
    publicUrl: settings.publicUrl,
    unreadBadgeInSidebar: true,
    logger: settings.logger,
  });
  await dataSource.runMigrations({ transaction: 'each' });
  // The CRM's activity timeline, written from the plugin's events (in the processes that run the worker).
  fileWhatsAppActivities(whatsapp, dataSource);

  // This CRM has no login of its own: it uses the plugin's (passport, sessions in PostgreSQL).
  const auth = await whatsapp.createBackOfficeAuth({
    databaseUrl: settings.databaseUrl,
    sessionSecret: settings.sessionSecret,
    rootPath: '/admin',
    publicUrl: settings.publicUrl,
  });

  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: auth.loginPath,
    logoutPath: auth.logoutPath,
    resources: [...whatsapp.resources, ...auth.resources, ...crmResources(whatsapp, componentLoader)],
    locale: whatsapp.locale(crmLocale),
    // Agents land in the Inbox; the figures are a page beside it.
    dashboard: whatsapp.inboxDashboard,
    pages: whatsapp.pages,
    componentLoader,
    branding: { companyName: 'WhatsApp inbox', withMadeWithLove: false },
  });

  const app = express();
  app.disable('x-powered-by');
  if (settings.trustProxy) app.set('trust proxy', settings.trustProxy);
  const protection = whatsapp.protection({ publicUrl: settings.publicUrl });
  app.use(protection.headers);
  app.use(admin.options.rootPath, protection.bodyLimits);
  // Sessions, login and logout, and the plugin's routes (live updates, media) behind them.
  app.use(auth.router);
  const adminRouter = AdminJSExpress.buildRouter(admin, undefined, protection.formidableOptions);
  // express-formidable reports a body it refused twice; answered here, the second report stops here too.
  adminRouter.use(protection.errors);
  app.use(admin.options.rootPath, auth.requireAdmin, adminRouter);
  app.get('/', (_req, res) => res.redirect(admin.options.rootPath));
  app.use(protection.errors);

  return {
    app,
    // Meta's deliveries skip Express: the ack path reads raw bytes for the signature itself.
    listener: whatsapp.withWebhook(app),
    admin,
    plugin: whatsapp,
    dataSource,
    ensureFirstAdmin: auth.ensureFirstAdmin,
    async close() {
      // Ending live streams still touches sessions: the session store closes after them.
      await whatsapp.close();
      await auth.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

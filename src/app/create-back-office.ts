import AdminJSExpress from '@adminjs/express';
import AdminJS, { ComponentLoader } from 'adminjs';
import express, { type Express } from 'express';
import type { RequestListener } from 'node:http';
import { DataSource } from 'typeorm';
import { createWhatsAppPlugin, type ConfiguredAccount, type Logger, type WhatsAppPlugin } from '../index.js';
import { SampleCrmTables1763700000500 } from './host-migrations/1763700000500-sample-crm-tables.js';
import { SampleCrmRecords1763700000510 } from './host-migrations/1763700000510-sample-crm-records.js';
import { sampleContactMatchers } from './sample-contact-matchers.js';

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
  close(): Promise<void>;
}

/**
 * The runnable back office: a stand-in for a customer's CRM that mounts the plugin through its
 * public API only. The README's "mount it in your CRM" sample is this function.
 */
export async function createBackOffice(settings: BackOfficeSettings): Promise<BackOffice> {
  // The CRM's own DataSource, with its own migrations; the plugin adds its entities and migrations.
  const dataSource = new DataSource({
    type: 'postgres',
    url: settings.databaseUrl,
    migrations: [SampleCrmTables1763700000500, SampleCrmRecords1763700000510],
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
    logger: settings.logger,
  });

  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    resources: whatsapp.resources,
    locale: whatsapp.locale,
    dashboard: whatsapp.dashboard,
    componentLoader,
    branding: { companyName: 'WhatsApp inbox', withMadeWithLove: false },
  });

  const app = express();
  app.disable('x-powered-by');
  if (settings.trustProxy) app.set('trust proxy', settings.trustProxy);
  const protection = whatsapp.protection({ publicUrl: settings.publicUrl });
  app.use(protection.headers);

  const auth = whatsapp.createBackOfficeAuth({
    databaseUrl: settings.databaseUrl,
    sessionSecret: settings.sessionSecret,
    rootPath: admin.options.rootPath,
    publicUrl: settings.publicUrl,
  });
  // The built-in login checks the origin itself; a host with its own login mounts protection.sameOrigin.
  app.use(auth.router);
  app.use(admin.options.rootPath, protection.bodyLimits);
  // Live updates share AdminJS's session and must be mounted where the components look for them.
  app.use(`${admin.options.rootPath}/whatsapp/live`, auth.requireAdmin, whatsapp.liveUpdates.router);
  app.use(`${admin.options.rootPath}/whatsapp/media`, auth.requireAdmin, whatsapp.mediaRoute);
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
    async close() {
      // Ending live streams still touches sessions: the session store closes after them.
      await whatsapp.close();
      await auth.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

import 'reflect-metadata';
import { ComponentLoader } from 'adminjs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { consoleLogger, createWhatsAppPlugin } from 'adminjs-whatsapp';
import { readEnvironment } from './environment.js';
import { runProcess } from './run-process.js';
import { runtimeSettings } from './runtime-settings.js';
import { sampleContactMatchers } from './sample-contact-matchers.js';
import { fileWhatsAppActivities } from './crm-activities.js';

/** `npm run worker`: only the background jobs, for running more workers than web processes. */
runProcess('worker', async (log, onStop) => {
  const env = readEnvironment();
  const settings = await runtimeSettings(env, 'worker', log);
  const dataSource = new DataSource({ type: 'postgres', url: settings.databaseUrl, logging: ['error'] });
  const whatsapp = await createWhatsAppPlugin({
    dataSource,
    componentLoader: new ComponentLoader(),
    encryptionKey: settings.encryptionKey,
    previousEncryptionKeys: settings.previousEncryptionKeys,
    graphUrl: settings.graphUrl,
    defaultRegion: env.WHATSAPP_DEFAULT_REGION,
    contactMatchers: sampleContactMatchers,
    mediaDir: path.join(path.resolve(env.DATA_DIR), 'media'),
    // The web process owns migrations and account configuration; a worker only consumes jobs.
    runMigrations: false,
    logger: consoleLogger('whatsapp'),
  });
  fileWhatsAppActivities(whatsapp, dataSource);
  onStop(() => dataSource.destroy());
  onStop(() => whatsapp.close());
  await whatsapp.worker.start();
  log.info('worker running; Ctrl-C to stop');
});

import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { consoleLogger } from 'adminjs-whatsapp';
import { createBackOffice, type BackOffice } from './create-back-office.js';
import { readEnvironment } from './environment.js';
import { runProcess } from './run-process.js';
import { runtimeSettings } from './runtime-settings.js';
import { startSandboxAssistant } from './sandbox-assistant.js';
import { removeStaleComponentBundle } from './stale-component-bundle.js';

/** `npm start`: the back office, the webhook and the worker in one process. */
runProcess('app', async (log, onStop) => {
  const env = readEnvironment();
  const settings = await runtimeSettings(env, 'web', log);
  await removeStaleComponentBundle();
  onStop(() => settings.embedded?.stop());

  const backOffice: BackOffice = await createBackOffice({
    ...settings,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    defaultRegion: env.WHATSAPP_DEFAULT_REGION,
    mediaDir: path.join(path.resolve(env.DATA_DIR), 'media'),
    logger: consoleLogger('whatsapp'),
  });
  onStop(() => backOffice.close());

  const firstAdmin = await backOffice.ensureFirstAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (firstAdmin.created) {
    log.info(`first admin created: ${firstAdmin.email}`);
    if (firstAdmin.generatedPassword) {
      console.log(`\n  First admin: ${firstAdmin.email}\n  Password:    ${firstAdmin.generatedPassword}\n  (shown once; change it under "Sign-in accounts")\n`);
    }
  }

  await backOffice.plugin.worker.start();
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer(backOffice.listener).listen(env.PORT, () => resolve(listening)).on('error', reject);
  });
  onStop(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open live streams would keep server.close() waiting for as long as a browser stays.
        server.closeAllConnections();
      }),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  if (settings.sandbox) {
    const sandbox = await settings.sandbox.start(`http://127.0.0.1:${port}/webhooks/whatsapp`);
    onStop(() => sandbox.close());
    const model = await startSandboxAssistant(backOffice.dataSource, settings.accounts[0]!.phoneNumberId);
    onStop(() => model.close());
    log.info(`AI assistant: the sandbox's fake model on ${model.url} (WhatsApp → AI assistants)`);
  }
  log.info(`back office: http://localhost:${port}/admin   webhook: http://localhost:${port}${backOffice.plugin.webhookPath}`);
});


import 'reflect-metadata';
import type { Server } from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { consoleLogger } from '../config/logger.js';
import type { ConfiguredAccount } from '../index.js';
import { createBackOffice, type BackOffice } from './create-back-office.js';
import { generatedSecret } from './data-dir-secrets.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { EnvironmentError, readEnvironment, type Environment } from './environment.js';
import { asConfiguredAccount, sandboxAccount } from './sandbox-account.js';

const log = consoleLogger('app');

async function main(): Promise<void> {
  const env = readEnvironment();
  const dataDir = path.resolve(env.DATA_DIR);
  let embedded: EmbeddedDatabase | undefined;
  let backOffice: BackOffice | undefined;
  let server: Server | undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await backOffice?.close().catch((error: unknown) => log.warn('while closing the back office', { error: String(error) }));
    await embedded?.stop();
    log.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));

  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), persistent: true });
      await createDatabaseIfMissing(embedded.url, 'whatsapp');
      databaseUrl = embedded.urlFor('whatsapp');
      log.info(`embedded PostgreSQL on port ${embedded.port}, data in ${path.join(dataDir, 'postgres')}`);
      log.info(`DATABASE_URL for psql or the TypeORM CLI: ${databaseUrl}`);
    }

    const encryptionKey = await requiredOrGenerated(env, 'ENCRYPTION_KEY', dataDir, 'encryption.key', !!embedded);
    const sessionSecret = await requiredOrGenerated(env, 'SESSION_SECRET', dataDir, 'session.secret', !!embedded);

    backOffice = await createBackOffice({
      databaseUrl,
      encryptionKey,
      previousEncryptionKeys: env.ENCRYPTION_PREVIOUS_KEYS?.split(',').map((k) => k.trim()).filter(Boolean),
      sessionSecret,
      publicUrl: env.PUBLIC_URL,
      trustProxy: env.TRUST_PROXY,
      accounts: await configuredAccounts(env, dataDir),
      defaultRegion: env.WHATSAPP_DEFAULT_REGION,
      mediaDir: path.join(dataDir, 'media'),
      logger: consoleLogger('whatsapp'),
    });

    const firstAdmin = await backOffice.plugin.ensureFirstAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    if (firstAdmin.created) {
      log.info(`first admin created: ${firstAdmin.email}`);
      if (firstAdmin.generatedPassword) {
        console.log(`\n  First admin: ${firstAdmin.email}\n  Password:    ${firstAdmin.generatedPassword}\n  (shown once; change it in Agents and managers)\n`);
      }
    }

    await backOffice.plugin.worker.start();
    const app = backOffice.app;
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(env.PORT, () => resolve(listening)).on('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    log.info(`back office: http://localhost:${port}/admin   webhook: http://localhost:${port}/webhooks/whatsapp`);
  } catch (error) {
    log.error(error instanceof EnvironmentError || error instanceof StartupError ? error.message : String((error as Error)?.stack ?? error));
    await backOffice?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

class StartupError extends Error {}

/** A local install generates its own secrets once; a deployment on an external database must bring them. */
async function requiredOrGenerated(env: Environment, name: 'ENCRYPTION_KEY' | 'SESSION_SECRET', dataDir: string, file: string, embedded: boolean) {
  const given = env[name];
  if (given) return given;
  if (!embedded) {
    throw new StartupError(
      `${name} is required when DATABASE_URL is set (generate one with: openssl rand -base64 32). ` +
        (name === 'ENCRYPTION_KEY' ? 'It seals the WhatsApp access tokens and app secrets stored in the database.' : ''),
    );
  }
  const secret = await generatedSecret(dataDir, file);
  if (secret.created) log.warn(`${name} is not set: generated one into ${path.join(dataDir, file)}. Keep that file with the data; set ${name} in production.`);
  return secret.value;
}

async function configuredAccounts(env: Environment, dataDir: string): Promise<ConfiguredAccount[]> {
  if (env.WHATSAPP_PHONE_NUMBER_ID) {
    if (!env.WHATSAPP_WABA_ID) throw new StartupError('WHATSAPP_WABA_ID is required with WHATSAPP_PHONE_NUMBER_ID');
    return [
      {
        phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
        wabaId: env.WHATSAPP_WABA_ID,
        name: env.WHATSAPP_ACCOUNT_NAME,
        displayPhoneNumber: env.WHATSAPP_DISPLAY_PHONE_NUMBER,
        defaultRegion: env.WHATSAPP_DEFAULT_REGION,
        accessToken: env.WHATSAPP_ACCESS_TOKEN,
        appSecret: env.WHATSAPP_APP_SECRET,
        verifyToken: env.WHATSAPP_VERIFY_TOKEN,
      },
    ];
  }
  if (env.WHATSAPP_ACCESS_TOKEN) throw new StartupError('WHATSAPP_ACCESS_TOKEN is set but WHATSAPP_PHONE_NUMBER_ID is not');
  const sandbox = await sandboxAccount(dataDir);
  log.info(`no Meta credentials: using the simulated number ${sandbox.displayPhoneNumber} (try: npm run simulate -- text)`);
  return [asConfiguredAccount(sandbox)];
}

async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

void main();

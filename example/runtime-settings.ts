import path from 'node:path';
import pg from 'pg';
import type { ConfiguredAccount, Logger } from 'adminjs-whatsapp';
import { generatedSecret } from './data-dir-secrets.js';
import { readEmbeddedConnection, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import type { Environment } from './environment.js';
import { asConfiguredAccount, sandboxAccount } from './sandbox-account.js';
import { prepareSandbox, type SandboxMode } from './sandbox-mode.js';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RuntimeSettings {
  databaseUrl: string;
  /** Set when this process started the embedded PostgreSQL (and must stop it). */
  embedded?: EmbeddedDatabase;
  encryptionKey: string;
  previousEncryptionKeys: string[];
  sessionSecret: string;
  accounts: ConfiguredAccount[];
  /** Meta's Graph API, or the local sandbox's. */
  graphUrl?: string;
  /** Set when no Meta token is configured: the simulated Meta this process runs. */
  sandbox?: SandboxMode;
}

const EMBEDDED_DATABASE = 'whatsapp';

/**
 * Turns the environment into what the back office needs. Without DATABASE_URL, `web` starts the
 * embedded PostgreSQL and `worker` joins the one a running `npm start` started.
 */
export async function runtimeSettings(env: Environment, role: 'web' | 'worker', log: Logger): Promise<RuntimeSettings> {
  const dataDir = path.resolve(env.DATA_DIR);
  const clusterDir = path.join(dataDir, 'postgres');
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl && role === 'web') {
    embedded = await startEmbeddedPostgres({ dataDir: clusterDir, persistent: true, onWarning: (message) => log.warn(message) });
    await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE);
    databaseUrl = embedded.urlFor(EMBEDDED_DATABASE);
    log.info(`embedded PostgreSQL on port ${embedded.port}, data in ${clusterDir}`);
    // Never the password in a log: it is in the credentials file, readable by this user only.
    log.info(`DATABASE_URL for psql or the TypeORM CLI: ${withoutPassword(databaseUrl)} (password in ${clusterDir}.credentials.json)`);
  } else if (!databaseUrl) {
    databaseUrl = await readEmbeddedConnection(clusterDir, EMBEDDED_DATABASE).catch(() => {
      throw new StartupError('set DATABASE_URL, or start `npm start` first: a worker joins its embedded PostgreSQL');
    });
  }
  const local = !env.DATABASE_URL;
  return {
    databaseUrl,
    embedded,
    encryptionKey: await requiredOrGenerated(env, 'ENCRYPTION_KEY', dataDir, 'encryption.key', local, log),
    previousEncryptionKeys: env.ENCRYPTION_PREVIOUS_KEYS?.split(',').map((k) => k.trim()).filter(Boolean) ?? [],
    sessionSecret: await requiredOrGenerated(env, 'SESSION_SECRET', dataDir, 'session.secret', local, log),
    ...(await whatsappConnection(env, dataDir, role, log)),
  };
}

/** A local install generates its own secrets once; a deployment on an external database must bring them. */
async function requiredOrGenerated(
  env: Environment,
  name: 'ENCRYPTION_KEY' | 'SESSION_SECRET',
  dataDir: string,
  file: string,
  local: boolean,
  log: Logger,
): Promise<string> {
  const given = env[name];
  if (given) return given;
  if (!local) {
    throw new StartupError(
      `${name} is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)` +
        (name === 'ENCRYPTION_KEY' ? '. It seals the WhatsApp access tokens and app secrets stored in the database.' : '.'),
    );
  }
  const secret = await generatedSecret(dataDir, file);
  if (secret.created) log.warn(`${name} is not set: generated one into ${path.join(dataDir, file)}. Keep that file with the data; set ${name} in production.`);
  return secret.value;
}

/** The configured Meta number, or, without a Meta token, the simulated one and its sandbox (never both). */
async function whatsappConnection(
  env: Environment,
  dataDir: string,
  role: 'web' | 'worker',
  log: Logger,
): Promise<Pick<RuntimeSettings, 'accounts' | 'graphUrl' | 'sandbox'>> {
  if (env.WHATSAPP_PHONE_NUMBER_ID) {
    if (!env.WHATSAPP_WABA_ID) throw new StartupError('WHATSAPP_WABA_ID is required with WHATSAPP_PHONE_NUMBER_ID');
    if (!env.WHATSAPP_ACCESS_TOKEN) log.warn('WHATSAPP_ACCESS_TOKEN is not set: webhooks are received, but nothing can be sent');
    return {
      graphUrl: env.WHATSAPP_GRAPH_URL,
      accounts: [
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
      ],
    };
  }
  if (env.WHATSAPP_ACCESS_TOKEN) throw new StartupError('WHATSAPP_ACCESS_TOKEN is set but WHATSAPP_PHONE_NUMBER_ID is not');
  const account = await sandboxAccount(dataDir);
  if (role === 'worker') {
    // The sandbox lives in the web process; a separate worker reaches it on its port.
    return { accounts: [], graphUrl: `http://127.0.0.1:${env.SANDBOX_PORT}` };
  }
  const sandbox = await prepareSandbox(account, env.SANDBOX_PORT);
  log.info(`no Meta credentials: simulated number ${account.displayPhoneNumber}, sandbox Graph API on ${sandbox.graphUrl} (try: npm run simulate -- text)`);
  return { accounts: [asConfiguredAccount(account)], graphUrl: sandbox.graphUrl, sandbox };
}

export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
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

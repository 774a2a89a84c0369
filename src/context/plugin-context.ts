import path from 'node:path';
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { ContactMatcher, CrmAudience, CrmFieldReader } from '../config/host-types.js';
import type { ConsentKeywords } from '../domain/consent-keywords.js';
import { silentLogger, type Logger } from '../config/logger.js';
import type { KeywordRule } from '../domain/keyword-routing.js';
import { AccountDirectory } from '../accounts/account-directory.js';
import { createGraphApiClient, type GraphApiClient } from '../cloud-api/index.js';
import { systemClock, type Clock } from '../domain/clock.js';
import type { SecretBox } from '../secrets/secret-box.js';

/** Options after defaults were applied. */
export interface ResolvedOptions {
  defaultRegion: string;
  contactMatchers: ContactMatcher[];
  onInboundToResolved: 'reopen' | 'new-conversation';
  mediaDir: string;
  /** Intent rules; absent means the translators' defaults from locales/<lang>/keywords.json. */
  keywordRules?: KeywordRule[];
  /** The host's audiences for broadcasts, by name. */
  crmAudiences: Record<string, CrmAudience>;
  /** Reads a field of a contact's CRM record (sequence branches). */
  crmField?: CrmFieldReader;
  /** Marketing opt-out / opt-in words per language; absent means locales/<lang>/consent-keywords.json. */
  consentKeywords?: Record<string, ConsentKeywords>;
  /** An agent online without any request for this long counts as away (automatic assignment passes them by). */
  awayAfterMinutes: number;
}

/** What the webhook router, the jobs and the admin actions share. Built once by createWhatsAppPlugin. */
export interface PluginContext {
  dataSource: DataSource;
  secretBox: SecretBox;
  accounts: AccountDirectory;
  jobs: PgBoss;
  options: ResolvedOptions;
  logger: Logger;
  /** The only way to Meta: sending, read receipts, templates, media lookups. */
  graph: GraphApiClient;
  clock: Clock;
}

/** The one way a context is put together: by the plugin, and by worker processes, tests and benchmarks. */
export function createPluginContext(parts: {
  dataSource: DataSource;
  secretBox: SecretBox;
  jobs: PgBoss;
  logger?: Logger;
  options?: Partial<ResolvedOptions>;
  /** Default: Meta's Graph API with the client's defaults. */
  graph?: GraphApiClient;
  clock?: Clock;
}): PluginContext {
  return {
    dataSource: parts.dataSource,
    secretBox: parts.secretBox,
    accounts: new AccountDirectory(parts.dataSource, parts.secretBox),
    jobs: parts.jobs,
    logger: parts.logger ?? silentLogger,
    graph: parts.graph ?? createGraphApiClient(),
    clock: parts.clock ?? systemClock,
    options: {
      defaultRegion: 'DZ',
      contactMatchers: [],
      onInboundToResolved: 'reopen',
      crmAudiences: {},
      mediaDir: path.resolve('.data', 'media'),
      awayAfterMinutes: 15,
      ...definedOnly(parts.options ?? {}),
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import type { ContactMatcher } from './config/plugin-options.js';
import type { KeywordRule } from './domain/keyword-routing.js';
import type { Logger } from './config/logger.js';
import type { AccountDirectory } from './inbox/account-directory.js';
import type { SecretBox } from './secrets/secret-box.js';

/** Options after defaults were applied. */
export interface ResolvedOptions {
  defaultRegion: string;
  contactMatchers: ContactMatcher[];
  onInboundToResolved: 'reopen' | 'new-conversation';
  mediaDir: string;
  /** Intent rules; absent means the translators' defaults from locales/<lang>/keywords.json. */
  keywordRules?: KeywordRule[];
}

/** What the webhook router, the jobs and the admin actions share. Built once by createWhatsAppPlugin. */
export interface PluginContext {
  dataSource: DataSource;
  secretBox: SecretBox;
  accounts: AccountDirectory;
  jobs: PgBoss;
  options: ResolvedOptions;
  logger: Logger;
}

import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { PluginContext } from '../plugin-context.js';
import type { InboxNotifications } from './inbox-notifications.js';

/** The number a change was routed to (by `metadata.phone_number_id`, or by WABA for templates). */
export interface RoutedAccount {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  defaultRegion: string;
}

/** What the steps of processing one webhook event share: its transaction, the plugin, what to announce on commit. */
export interface ProcessingScope {
  context: PluginContext;
  manager: EntityManager;
  /** pg-boss bound to the same transaction: jobs enqueued here commit with the rows they are about. */
  jobDb: PgBoss.Db;
  notifications: InboxNotifications;
}

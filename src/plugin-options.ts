import type { ComponentLoader } from 'adminjs';
import type { DataSource } from 'typeorm';
import type { ConfiguredAccount, ContactMatcher, CrmAudience, CrmFieldReader } from './config/host-types.js';
import type { ConsentKeywords } from './domain/consent-keywords.js';
import type { KeywordRule } from './domain/keyword-routing.js';
import type { OutboundSettings } from './delivery/delivery-settings.js';
import type { IdentifyUser } from './agents/host-user.js';
import type { Logger } from './config/logger.js';
import type { EventDispatchOptions } from './jobs/dispatch-events.job.js';
import type { PermissionPresets } from './permissions/permission-presets.js';

export type { ConfiguredAccount, ContactMatcher, CrmAudience, CrmAudienceRecord, CrmFieldReader, CrmMatch } from './config/host-types.js';
export type { ConsentKeywords } from './domain/consent-keywords.js';

export interface WhatsAppPluginOptions {
  /**
   * The host's TypeORM DataSource on PostgreSQL. Not yet initialised: the plugin adds its entities
   * and initialises it. Already initialised: it must list `whatsappEntities`.
   */
  dataSource: DataSource;
  /** The host's single AdminJS ComponentLoader: the plugin registers its components on it. */
  componentLoader: ComponentLoader;
  /** 32-byte key (64 hex or base64) sealing access tokens, app secrets and verify tokens at rest. */
  encryptionKey: string;
  /** Older keys, still accepted for opening secrets sealed before a rotation. */
  previousEncryptionKeys?: string[];
  /** Numbers to create or update on start (the runnable app passes the WHATSAPP_* environment). */
  accounts?: ConfiguredAccount[];
  /** Region for phone numbers typed without a country code. Default DZ. */
  defaultRegion?: string;
  contactMatchers?: ContactMatcher[];
  /**
   * Keyword routing: the first rule whose keyword appears in a customer's message labels the
   * conversation with its intent (school, institution, company, partnership create a B2B lead).
   * Default: the rules in locales/{en,fr,ar}/keywords.json.
   */
  keywordRules?: KeywordRule[];
  /** Campaigns: the host's audiences and CRM fields, and the opt-out / opt-in keywords. */
  campaigns?: {
    /** Broadcast audiences from the host's records, by a name of the host's choosing. */
    audiences?: Record<string, CrmAudience>;
    /** Reads a field of a contact's CRM record, for sequence branches on a CRM field. */
    crmField?: CrmFieldReader;
    /**
     * Marketing opt-out and opt-in words per language (a customer writing exactly one of them
     * stops or resumes marketing messages, with a confirmation). Default: the translators' lists
     * in locales/<lang>/consent-keywords.json (STOP, ARRÊT, توقف… / START, REPRENDRE, ابدأ…).
     */
    consentKeywords?: Record<string, ConsentKeywords>;
  };
  /**
   * An agent who chose "online" counts as away after this many minutes without any request to
   * the back office: automatic assignment passes them by until they are back. Default 15.
   */
  awayAfterMinutes?: number;
  /** When a customer writes to a resolved conversation: reopen it (default) or start a new one. */
  onInboundToResolved?: 'reopen' | 'new-conversation';
  /**
   * Meta's Graph API host (WHATSAPP_GRAPH_URL), without or with a version; the pinned version
   * is appended when none is given. Default https://graph.facebook.com. The runnable app points
   * it at the local sandbox when no Meta token is configured.
   */
  graphUrl?: string;
  /**
   * When templates are synced from Meta, as a safety net for missed webhooks (pg-boss cron, UTC).
   * Default: every 6 hours (DEFAULT_TEMPLATE_SYNC_CRON); null: never. A sync also runs when the worker starts.
   */
  templateSyncCron?: string | null;
  /** Sending behaviour (timeouts, rate headroom, reconciliation delays); every field has a default. */
  outbound?: Partial<Omit<OutboundSettings, 'graph'>>;
  /**
   * Run the plugin's pending migrations when the plugin starts (never the host's: they are
   * recorded in the plugin's own table, whatsapp_migrations). Default true.
   */
  runMigrations?: boolean;
  /**
   * Who is signed in, from the host's `currentAdmin` (`req.session.adminUser`): the host's user
   * id, name, email and role mapped onto the plugin's roles. Default: AdminJS's conventional
   * fields (`id`, `title`, `email`) and `role` when it is one of `super_admin`, `manager`, `agent`.
   */
  identifyUser?: IdentifyUser;
  /**
   * The back office's public origin (https://crm.example.com): state changes aimed at the plugin
   * must come from it. Default: the origin the request was addressed to.
   */
  publicUrl?: string;
  /** Where Meta's callback is served (`withWebhook`, and the README's callback URL). Default `/webhooks/whatsapp`. */
  webhookPath?: string;
  /** Where downloaded media files go. Default: `whatsapp-media` under the current directory. */
  mediaDir?: string;
  /**
   * Show the agent's unread count in AdminJS's sidebar (it replaces the host's
   * `SidebarResourceSection` component). Default false: the host's sidebar stays its own.
   */
  unreadBadgeInSidebar?: boolean;
  /** The navigation group of the plugin's resources. Default `{ name: 'WhatsApp', icon: 'MessageCircle' }`; null: none. */
  navigation?: { name: string; icon?: string } | null;
  /** How the outbox's dispatcher runs (loop length, retention, handler timeout, webhook timeout); every field has a default. */
  events?: EventDispatchOptions;
  /**
   * The permission presets managers apply to an agent in one step (the agent's permissions
   * screen, the new sign-in account form) and the host through `agents.applyPreset`: name → the
   * permissions. Default: agent, seniorAgent, supervisor (DEFAULT_PERMISSION_PRESETS); names are
   * translated as `permissions.presets.<name>` (a host's own names: add them to its locale).
   */
  permissionPresets?: PermissionPresets;
  logger?: Logger;
}

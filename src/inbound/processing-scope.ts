import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { InboundMessageDescription } from '../domain/inbound-message.js';
import type { InboundMessage, WebhookStatus } from '../domain/webhook-payload.js';
import type { PluginContext } from '../context/plugin-context.js';
import type { InboxNotifications } from '../db/notify.js';
import type { ConversationRecord } from './open-conversation.js';
import type { ContactCandidate, ContactRecord } from './resolve-inbound-contact.js';

/** The number a change was routed to (by `metadata.phone_number_id`, or by WABA for templates). */
export interface RoutedAccount {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  defaultRegion: string;
}

/** A customer as far as this transaction has resolved them: their contact and live conversation. */
export interface Correspondent {
  contact: ContactRecord;
  conversation: ConversationRecord;
  /** The time of the message whose profile name the contact now has (this transaction's messages are not in the database yet). */
  profileNameAt: Date;
}

/** An inbound message resolved to its conversation, waiting to be inserted with the others of the transaction. */
export interface StagedMessage {
  account: RoutedAccount;
  correspondent: Correspondent;
  message: InboundMessage;
  described: InboundMessageDescription;
  at: Date;
}

/** What the steps of one processor transaction share (it may hold several webhook events). */
export interface ProcessingScope {
  context: PluginContext;
  manager: EntityManager;
  /** pg-boss bound to the same transaction: jobs enqueued here commit with the rows they are about. */
  jobDb: PgBoss.Db;
  notifications: InboxNotifications;
  /** Wamids already stored: read under their locks when the transaction starts, then kept up to date. */
  storedWamids: Set<string>;
  /** Inbound messages to insert, in delivery order (all at once, before the statuses). */
  stagedMessages: StagedMessage[];
  /** Statuses to apply or park once the messages are stored. */
  stagedStatuses: { account: RoutedAccount; status: WebhookStatus }[];
  /** Inbound messages whose media download is enqueued when the transaction ends. */
  mediaMessageIds: string[];
  /** Customers resolved so far, by `senderKey`. */
  correspondents: Map<string, Correspondent>;
  /** Candidate contacts read for all the senders at once, by `senderKey`; each used once. */
  prefetchedContacts: Map<string, ContactCandidate[]>;
}

import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { InboundMessageDescription } from '../domain/inbound-message.js';
import type { MessageDirection, MessageOrigin, MessageStatus } from '../domain/message-status.js';
import type { InboundMessage, WebhookStatus } from '../domain/webhook-payload.js';
import type { PluginContext } from '../context/plugin-context.js';
import type { InboxNotifications } from '../db/notify.js';
import type { ConversationAuditTrail, ConversationRecord } from './open-conversation.js';
import type { ContactCandidate, ContactRecord } from './resolve-inbound-contact.js';

/** The number a change was routed to (by `metadata.phone_number_id`, or by WABA for templates). */
export interface RoutedAccount {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  defaultRegion: string;
  displayPhoneNumber: string | null;
}

/** A customer as far as this transaction has resolved them: their contact and live conversation. */
export interface Correspondent {
  contact: ContactRecord;
  conversation: ConversationRecord;
  /** The time of the message whose profile name the contact now has (this transaction's messages are not in the database yet). */
  profileNameAt: Date;
}

/** A message Meta delivered (the customer's, or the business's own from the WhatsApp Business app), resolved to its conversation, waiting to be inserted with the others of the transaction. */
export interface StagedMessage {
  account: RoutedAccount;
  correspondent: Correspondent;
  message: InboundMessage;
  described: InboundMessageDescription;
  at: Date;
  direction: MessageDirection;
  /** `sent`, `read`… for the business's own messages; `received` for the customer's. */
  status: MessageStatus;
  origin: MessageOrigin | null;
  /**
   * The customer writing now: counts as unread, refreshes the 24-hour window, is routed by
   * keywords. False for echoes, imported history and notices, which change nothing of that.
   */
  live: boolean;
  /** Announced to the live inbox (imported history is not). */
  notify: boolean;
}

/** How a message finds its conversation. */
export type ConversationMode =
  /** The customer wrote: open or reopen their conversation. */
  | 'customer-wrote'
  /** The business wrote (echo) or a notice came: their live conversation, else the latest, else a new open one; never reopened. */
  | 'attach'
  /** Imported history: as `attach`, but a conversation created for it starts resolved. */
  | 'history';

/** A customer the number never heard from, to be created with the others of the transaction. */
export interface NewCustomer {
  accountId: string;
  correspondent: Correspondent;
  /** The wamid of the message that opened the conversation (`customer-wrote`), for its audit row. */
  openedBy: string | null;
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
  /** Customers met for the first time, not written yet (see new-customers.ts). */
  newCustomers: NewCustomer[];
  /** Conversations opened, reopened or woken so far: their audit rows and events, written before the messages'. */
  audit: ConversationAuditTrail;
  /** What the event being applied skipped and why: its `last_error`, so Webhook events can be triaged. */
  notes: string[];
}

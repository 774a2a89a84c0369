import type { EntityManager } from 'typeorm';
import { describeInboundMessage, type InboundMessageDescription } from '../domain/inbound-message.js';
import type { InboundMessage, MessagesValue, WebhookContact } from '../domain/webhook-payload.js';
import { QUEUES } from '../jobs/queues.js';
import { applyParkedUpdates } from './apply-parked-updates.js';
import { refreshCrmMatch } from './match-crm-record.js';
import { openConversationForInbound, type ConversationRecord } from './open-conversation.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { recordCustomerReaction } from './record-reaction.js';
import { changeContactNumber, resolveInboundContact, type ContactRecord, type InboundSender } from './resolve-inbound-contact.js';
import { routeByKeywords } from './route-by-keywords.js';
import { queryOne, queryRows } from './sql.js';
import { unixSecondsToDate } from './unix-seconds.js';

/** The customer behind a message as far as this change has resolved them. */
interface Correspondent {
  contact: ContactRecord;
  conversation: ConversationRecord;
}

interface ConversationActivity {
  accountId: string;
  messages: number;
  latest: Date;
}

/**
 * Stores every message of a `messages` change (pitfall 1): one row per wamid however often
 * Meta delivers it (pitfall 2: the check and the insert happen under the wamid's lock, and
 * the unique index backs them), in the sender's one live conversation; reactions go to the
 * message they are about. A duplicate is skipped entirely: it neither reopens nor counts.
 * Callers hold the contact and message locks of every message of the change.
 */
export async function storeInboundMessages(scope: ProcessingScope, account: RoutedAccount, value: MessagesValue): Promise<void> {
  const messages = value.messages ?? [];
  if (messages.length === 0) return;
  const { manager } = scope;
  const stored = await alreadyStored(manager, messages);
  const correspondents = new Map<string, Correspondent>();
  const activity = new Map<string, ConversationActivity>();

  for (const message of messages) {
    const sender = senderOf(message, value.contacts ?? []);
    if (!sender) throw new Error(`message ${message.id} names no sender (neither from nor from_user_id)`);
    const at = unixSecondsToDate(message.timestamp);
    const described = describeInboundMessage(message);
    if (described.reaction) {
      await recordCustomerReaction(
        manager,
        { accountId: account.id, reactionWamid: message.id, ...described.reaction, reactor: (sender.waId ?? sender.userId)!, at },
        scope.notifications,
      );
      continue;
    }
    if (stored.has(message.id)) continue;

    const correspondent = await correspondentFor(scope, account, { ...sender, at }, message.id, correspondents);
    const { conversation } = correspondent;
    const messageId = await insertInboundMessage(manager, conversation.id, message, described, at);
    stored.add(message.id);
    await applyParkedUpdates(manager, message.id, scope.notifications);
    if (described.media) await scope.context.jobs.send(QUEUES.downloadMedia, { messageId }, { db: scope.jobDb });
    if (described.system?.type === 'user_changed_number' && described.system.newWaId) {
      await moveToNewNumber(scope, account, correspondent, described.system.newWaId);
    }
    if (described.body && !conversation.intent) {
      await routeByKeywords(scope, { accountId: account.id, contact: correspondent.contact, conversation, text: described.body, wamid: message.id });
    }

    const seen = activity.get(conversation.id);
    activity.set(conversation.id, {
      accountId: account.id,
      messages: (seen?.messages ?? 0) + 1,
      latest: seen && seen.latest > at ? seen.latest : at,
    });
    scope.notifications.add({ kind: 'message.created', accountId: account.id, conversationId: conversation.id, messageId });
  }

  for (const [conversationId, { messages: count, latest }] of activity) {
    // GREATEST: messages delivered out of order never move the conversation back in time.
    await queryRows(
      manager,
      `UPDATE whatsapp_conversations
          SET unread_count = unread_count + $2, last_message_at = GREATEST(last_message_at, $3),
              last_inbound_at = GREATEST(last_inbound_at, $3), updated_at = now()
        WHERE id = $1`,
      [conversationId, count, latest],
    );
  }
}

/** The sender of a message and the profile Meta sent with it (matched by wa_id or BSUID; a lone profile is theirs). */
export function senderOf(
  message: InboundMessage,
  contacts: readonly WebhookContact[],
): { waId: string | null; userId: string | null; profileName: string | null } | null {
  const profile =
    contacts.find((c) => (message.from !== undefined && c.wa_id === message.from) || (message.from_user_id !== undefined && c.user_id === message.from_user_id)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const waId = message.from ?? profile?.wa_id ?? null;
  const userId = message.from_user_id ?? profile?.user_id ?? null;
  if (!waId && !userId) return null;
  return { waId, userId, profileName: profile?.profile?.name?.slice(0, 200) ?? null };
}

async function alreadyStored(manager: EntityManager, messages: readonly InboundMessage[]): Promise<Set<string>> {
  const ids = messages.filter((m) => m.type !== 'reaction').map((m) => m.id);
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ wamid: string }>(manager, `SELECT wamid FROM whatsapp_messages WHERE wamid = ANY($1::text[])`, [ids]);
  return new Set(rows.map((row) => row.wamid));
}

async function correspondentFor(
  scope: ProcessingScope,
  account: RoutedAccount,
  sender: InboundSender,
  wamid: string,
  known: Map<string, Correspondent>,
): Promise<Correspondent> {
  const key = sender.waId ? `wa:${sender.waId}` : `user:${sender.userId}`;
  const cached = known.get(key);
  if (cached) return cached;
  const { manager, context } = scope;
  const { contact, phoneIsNew } = await resolveInboundContact(manager, account.id, sender);
  const { conversation, change } = await openConversationForInbound(manager, {
    accountId: account.id,
    contactId: contact.id,
    onInboundToResolved: context.options.onInboundToResolved,
    wamid,
  });
  // Matched again when the CRM may know more: a new phone, or a conversation starting.
  if (phoneIsNew || change !== 'existing') await refreshCrmMatch(manager, contact, context.options.contactMatchers, context.logger);
  if (change !== 'existing') scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: conversation.id });
  const correspondent = { contact, conversation };
  known.set(key, correspondent);
  return correspondent;
}

async function insertInboundMessage(
  manager: EntityManager,
  conversationId: string,
  message: InboundMessage,
  described: InboundMessageDescription,
  at: Date,
): Promise<string> {
  const { media } = described;
  const row = await queryOne<{ id: string }>(
    manager,
    `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, payload, status, received_at,
        error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name)
     VALUES ($1, $2, 'inbound', $3, $4, $5, 'received', $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (wamid) DO NOTHING
     RETURNING id`,
    [
      conversationId,
      message.id,
      described.type.slice(0, 30),
      described.body,
      message,
      at,
      described.errorCode ?? null,
      described.errorTitle ?? null,
      described.errorDetails ?? null,
      described.replyToWamid?.slice(0, 255) ?? null,
      media?.id.slice(0, 128) ?? null,
      media?.mimeType?.slice(0, 128) ?? null,
      media?.sha256?.slice(0, 128) ?? null,
      media?.fileName?.slice(0, 512) ?? null,
    ],
  );
  // Checked as absent under the wamid's lock: a conflict here means the lock was not held.
  if (!row) throw new Error(`message ${message.id} was inserted concurrently although its lock was held`);
  return row.id;
}

async function moveToNewNumber(scope: ProcessingScope, account: RoutedAccount, correspondent: Correspondent, newWaId: string): Promise<void> {
  const moved = await changeContactNumber(scope.manager, account.id, correspondent.contact, newWaId);
  if (!moved.changed) {
    if (correspondent.contact.waId === newWaId) return;
    scope.context.logger.warn('customer changed number to one another contact already has; contacts left apart', {
      contactId: correspondent.contact.id,
    });
    return;
  }
  correspondent.contact = moved.contact;
  await refreshCrmMatch(scope.manager, moved.contact, scope.context.options.contactMatchers, scope.context.logger);
  scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: correspondent.conversation.id });
}

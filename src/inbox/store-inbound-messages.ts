import type { EntityManager } from 'typeorm';
import { describeInboundMessage, type InboundMessageDescription } from '../domain/inbound-message.js';
import type { InboundMessage, MessagesValue, WebhookContact } from '../domain/webhook-payload.js';
import { applyParkedUpdates } from './apply-parked-updates.js';
import { refreshCrmMatch } from './match-crm-record.js';
import { openConversationForInbound } from './open-conversation.js';
import type { Correspondent, ProcessingScope, RoutedAccount } from './processing-scope.js';
import { recordCustomerReaction } from './record-reaction.js';
import { changeContactNumber, resolveInboundContact, senderKey, type InboundSender } from './resolve-inbound-contact.js';
import { routeByKeywords } from './route-by-keywords.js';
import { queryOne } from './sql.js';
import { unixSecondsToDate } from './unix-seconds.js';

/**
 * Stores every message of a `messages` change (pitfall 1): one row per wamid however often
 * Meta delivers it (pitfall 2: the wamid is checked and inserted under its lock, and the
 * unique index backs that), in the sender's one live conversation; reactions go to the
 * message they are about. A duplicate is skipped entirely: it neither reopens nor counts.
 * Callers hold the contact and message locks of every message of the change.
 */
export async function storeInboundMessages(scope: ProcessingScope, account: RoutedAccount, value: MessagesValue): Promise<void> {
  const { manager } = scope;
  for (const message of value.messages ?? []) {
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
    if (scope.storedWamids.has(message.id)) continue;

    const correspondent = await correspondentFor(scope, account, { ...sender, at }, message.id);
    const { conversation } = correspondent;
    const inserted = await insertInboundMessage(manager, conversation.id, message, described, at);
    scope.storedWamids.add(message.id);
    if (inserted.hasParkedUpdates) await applyParkedUpdates(manager, message.id, scope.notifications);
    if (described.media) scope.mediaMessageIds.push(inserted.id);
    if (described.system?.type === 'user_changed_number' && described.system.newWaId) {
      await moveToNewNumber(scope, account, correspondent, described.system.newWaId);
    }
    if (described.body && !conversation.intent) {
      await routeByKeywords(scope, { accountId: account.id, contact: correspondent.contact, conversation, text: described.body, wamid: message.id });
    }
    scope.notifications.add({ kind: 'message.created', accountId: account.id, conversationId: conversation.id, messageId: inserted.id });
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

async function correspondentFor(scope: ProcessingScope, account: RoutedAccount, sender: InboundSender, wamid: string): Promise<Correspondent> {
  const key = senderKey(account.id, sender);
  const known = scope.correspondents.get(key);
  // Read again when the profile name changed, so that it is brought up to date.
  if (known && (sender.profileName === null || sender.profileName === known.contact.profileName)) return known;
  const { manager, context } = scope;
  const prefetched = scope.prefetchedContacts.get(key);
  scope.prefetchedContacts.delete(key);
  const { contact, phoneIsNew, latestConversation } = await resolveInboundContact(manager, account.id, sender, prefetched);
  const { conversation, change } = await openConversationForInbound(manager, {
    accountId: account.id,
    contactId: contact.id,
    latest: latestConversation,
    onInboundToResolved: context.options.onInboundToResolved,
    wamid,
  });
  // Matched again when the CRM may know more: a new phone, or a conversation starting.
  if (phoneIsNew || change !== 'existing') await refreshCrmMatch(manager, contact, context.options.contactMatchers, context.logger);
  if (change !== 'existing') scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: conversation.id });
  const correspondent = { contact, conversation };
  scope.correspondents.set(key, correspondent);
  return correspondent;
}

/**
 * Inserts the message and counts it on its conversation in one statement. GREATEST: messages
 * delivered out of order never move the conversation back in time.
 */
async function insertInboundMessage(
  manager: EntityManager,
  conversationId: string,
  message: InboundMessage,
  described: InboundMessageDescription,
  at: Date,
): Promise<{ id: string; hasParkedUpdates: boolean }> {
  const { media } = described;
  const row = await queryOne<{ id: string; hasParkedUpdates: boolean }>(
    manager,
    `WITH inserted AS (
       INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, payload, status, received_at,
           error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name)
       VALUES ($1, $2, 'inbound', $3, $4, $5, 'received', $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (wamid) DO NOTHING
       RETURNING id
     ), counted AS (
       UPDATE whatsapp_conversations
          SET unread_count = unread_count + 1, last_message_at = GREATEST(last_message_at, $6),
              last_inbound_at = GREATEST(last_inbound_at, $6), updated_at = now()
        WHERE id = $1 AND EXISTS (SELECT 1 FROM inserted)
     )
     SELECT id,
            EXISTS (SELECT 1 FROM whatsapp_pending_statuses WHERE wamid = $2)
              OR EXISTS (SELECT 1 FROM whatsapp_message_reactions WHERE target_wamid = $2) AS "hasParkedUpdates"
       FROM inserted`,
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
  return row;
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
  scope.correspondents.set(senderKey(account.id, { waId: newWaId, userId: null }), correspondent);
  await refreshCrmMatch(scope.manager, moved.contact, scope.context.options.contactMatchers, scope.context.logger);
  scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: correspondent.conversation.id });
}

import { describeInboundMessage } from '../domain/inbound-message.js';
import type { InboundMessage, MessagesValue, WebhookContact } from '../domain/webhook-payload.js';
import { applyParkedUpdates } from '../statuses/apply-parked-updates.js';
import { refreshCrmMatch } from './match-crm-record.js';
import { openConversationForInbound } from './open-conversation.js';
import type { Correspondent, ProcessingScope, RoutedAccount } from './processing-scope.js';
import { recordCustomerReaction } from '../statuses/record-reaction.js';
import { changeContactNumber, resolveInboundContact, senderKey, type InboundSender } from './resolve-inbound-contact.js';
import { routeByKeywords } from './route-by-keywords.js';
import { prepared, queryRows } from '../db/sql.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import { runInboundAutomations } from '../automation/inbound-automations.js';

/**
 * First half of storing a `messages` change's messages (pitfall 1: every one of them): each
 * is resolved to its sender's one live conversation and staged; reactions are recorded
 * against the message they are about; a number change moves the contact at once, so that the
 * customer's next messages find them. A wamid already stored, or already staged in this
 * transaction, is skipped entirely: a duplicate neither reopens nor counts (pitfall 2).
 * Callers hold the contact and message locks of every message of the change.
 */
export async function stageInboundMessages(scope: ProcessingScope, account: RoutedAccount, value: MessagesValue): Promise<void> {
  for (const message of value.messages ?? []) {
    const sender = senderOf(message, value.contacts ?? []);
    if (!sender) throw new Error(`message ${message.id} names no sender (neither from nor from_user_id)`);
    const at = unixSecondsToDate(message.timestamp);
    const described = describeInboundMessage(message);
    if (described.reaction) {
      await recordCustomerReaction(
        scope.manager,
        { accountId: account.id, reactionWamid: message.id, ...described.reaction, reactor: (sender.waId ?? sender.userId)!, at },
        scope.notifications,
      );
      continue;
    }
    if (scope.storedWamids.has(message.id)) continue;
    scope.storedWamids.add(message.id);
    const correspondent = await correspondentFor(scope, account, { ...sender, at }, message.id);
    scope.stagedMessages.push({ account, correspondent, message, described, at });
    if (described.system?.type === 'user_changed_number' && described.system.newWaId) {
      await moveToNewNumber(scope, account, correspondent, described.system.newWaId);
    }
  }
}

/**
 * Second half: inserts every staged message of the transaction and counts them on their
 * conversations in one statement (GREATEST: messages delivered out of order never move a
 * conversation back in time), then applies what waited for them, queues media downloads and
 * routes by keywords. The unique wamid index backs the locks: a conflict fails the transaction.
 */
export async function storeStagedMessages(scope: ProcessingScope): Promise<void> {
  const staged = scope.stagedMessages;
  scope.stagedMessages = [];
  if (staged.length === 0) return;
  const rows = staged.map(({ correspondent, message, described, at }) => ({
    conversation_id: correspondent.conversation.id,
    wamid: message.id,
    type: described.type.slice(0, 30),
    body: described.body,
    payload: message,
    received_at: at,
    error_code: described.errorCode ?? null,
    error_title: described.errorTitle ?? null,
    error_details: described.errorDetails ?? null,
    reply_to_wamid: described.replyToWamid?.slice(0, 255) ?? null,
    media_id: described.media?.id.slice(0, 128) ?? null,
    media_mime_type: described.media?.mimeType?.slice(0, 128) ?? null,
    media_sha256: described.media?.sha256?.slice(0, 128) ?? null,
    media_file_name: described.media?.fileName?.slice(0, 512) ?? null,
  }));
  const inserted = await queryRows<{ id: string; wamid: string; hasParkedUpdates: boolean }>(
    scope.manager,
    prepared(`WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
         conversation_id uuid, wamid text, type text, body text, payload jsonb, received_at timestamptz, error_code integer,
         error_title text, error_details text, reply_to_wamid text, media_id text, media_mime_type text, media_sha256 text, media_file_name text)
     ), inserted AS (
       INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, payload, status, received_at,
           error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name)
       SELECT conversation_id, wamid, 'inbound', type, body, payload, 'received', received_at,
           error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name
         FROM input
       ON CONFLICT (wamid) DO NOTHING
       RETURNING id, wamid, conversation_id, received_at
     ), counted AS (
       UPDATE whatsapp_conversations v
          SET unread_count = v.unread_count + n.messages, last_message_at = GREATEST(v.last_message_at, n.latest),
              last_inbound_at = GREATEST(v.last_inbound_at, n.latest), updated_at = now()
         FROM (SELECT conversation_id, count(*)::int AS messages, max(received_at) AS latest FROM inserted GROUP BY conversation_id) AS n
        WHERE v.id = n.conversation_id
     )
     SELECT i.id, i.wamid,
            EXISTS (SELECT 1 FROM whatsapp_pending_statuses p WHERE p.wamid = i.wamid)
              OR EXISTS (SELECT 1 FROM whatsapp_message_reactions r WHERE r.target_wamid = i.wamid) AS "hasParkedUpdates"
       FROM inserted i`),
    [JSON.stringify(rows)],
  );
  // Checked as absent under their locks: a conflict here means a lock was not held.
  if (inserted.length !== staged.length) throw new Error(`${staged.length - inserted.length} message(s) were inserted concurrently although their locks were held`);
  const byWamid = new Map(inserted.map((row) => [row.wamid, row]));

  for (const { account, correspondent, message, described } of staged) {
    const { id, hasParkedUpdates } = byWamid.get(message.id)!;
    if (hasParkedUpdates) await applyParkedUpdates(scope.manager, message.id, scope.notifications);
    if (described.media) scope.mediaMessageIds.push(id);
    const { conversation } = correspondent;
    if (described.body && !conversation.intent) {
      await routeByKeywords(scope, { accountId: account.id, contact: correspondent.contact, conversation, text: described.body, wamid: message.id });
    }
    scope.notifications.add({ kind: 'message.created', accountId: account.id, conversationId: conversation.id, messageId: id });
  }
  await runInboundAutomations(
    scope.context,
    { manager: scope.manager, jobDb: scope.jobDb },
    staged.map(({ account, correspondent, message, described }) => ({
      messageId: byWamid.get(message.id)!.id, accountId: account.id, conversationId: correspondent.conversation.id, contactId: correspondent.contact.id, message, text: described.body,
    })),
  );
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
  // Read again when a newer message brings another profile name, so that it is brought up to date.
  if (known && (sender.profileName === null || sender.profileName === known.contact.profileName || sender.at < known.profileNameAt)) return known;
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
  const profileNameAt = known && known.profileNameAt > sender.at ? known.profileNameAt : sender.at;
  const correspondent = known ? Object.assign(known, { contact, conversation, profileNameAt }) : { contact, conversation, profileNameAt };
  scope.correspondents.set(key, correspondent);
  return correspondent;
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

import { describeInboundMessage, type InboundMessageDescription } from '../domain/inbound-message.js';
import type { MessageDirection, MessageOrigin, MessageStatus } from '../domain/message-status.js';
import type { InboundMessage, MessagesValue, WebhookContact } from '../domain/webhook-payload.js';
import { applyParkedUpdates } from '../statuses/apply-parked-updates.js';
import { recordCustomerReaction } from '../statuses/record-reaction.js';
import { recordMessageRevision } from '../statuses/record-revision.js';
import { refreshCrmMatch } from '../contacts/match-crm-record.js';
import { attachConversation, openConversationForInbound, recordConversationEvent } from './open-conversation.js';
import { emitMessageEvents } from '../events/emit-event.js';
import type { ConversationMode, Correspondent, ProcessingScope, RoutedAccount, StagedMessage } from './processing-scope.js';
import {
  aliasKeys,
  changeContactNumber,
  changeContactUserId,
  resolveInboundContact,
  senderKey,
  type ContactCandidate,
  type InboundSender,
  type ResolvedContact,
} from './resolve-inbound-contact.js';
import { routeByKeywords } from './route-by-keywords.js';
import { createdConversationStatus, createNewCustomers, deferNewCustomer } from './new-customers.js';
import { prepared, queryRows } from '../db/sql.js';
import { afterCustomerMessages } from '../campaigns/after-customer-messages.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import { NOT_TALKING_TYPES } from '../domain/talking-messages.js';
import { runInboundAutomations } from '../automation/inbound-automations.js';
import { queueAssistantAnswers } from '../assistant/queue-assistant-answers.js';

/** Who a message is about, as the delivery tells it (the sender of a customer's message, the recipient of an echo). */
export interface MessageParty {
  waId: string | null;
  userId: string | null;
  profileName: string | null;
  username: string | null;
}

/**
 * First half of storing a `messages` change's messages (pitfall 1: every one of them): each
 * is resolved to its sender's one live conversation and staged; reactions are recorded
 * against the message they are about, edits and deletions against the message they change; a
 * number or BSUID change moves the contact at once, so that the customer's next messages find
 * them. A wamid already stored, or already staged in this transaction, is skipped entirely: a
 * duplicate neither reopens nor counts (pitfall 2). A group message never enters a one-to-one
 * conversation: it is skipped, and the event says so.
 * Callers hold the contact and message locks of every message of the change.
 */
export async function stageInboundMessages(scope: ProcessingScope, account: RoutedAccount, value: MessagesValue): Promise<void> {
  for (const message of value.messages ?? []) {
    if (message.group_id) {
      scope.notes.push(`group message ${message.id} (group ${message.group_id}) skipped: group chats are not part of the one-to-one inbox`);
      continue;
    }
    const described = describeInboundMessage(message);
    if (described.system?.type === 'user_changed_user_id') {
      await applyUserIdChange(scope, account, message, described);
      continue;
    }
    const sender = senderOf(message, value.contacts ?? []);
    if (!sender) {
      scope.notes.push(`message ${message.id} (${message.type}) skipped: it names no sender (neither from nor from_user_id)`);
      continue;
    }
    await stageMessage(scope, account, { message, described, party: sender, direction: 'inbound', origin: null, status: 'received', mode: 'customer-wrote' });
  }
}

export interface MessageToStage {
  message: InboundMessage;
  described: InboundMessageDescription;
  /** The customer of the conversation. */
  party: MessageParty;
  direction: MessageDirection;
  origin: MessageOrigin | null;
  status: MessageStatus;
  mode: ConversationMode;
}

/** Stages one message of any origin (or records the reaction, edit or deletion it is). */
export async function stageMessage(scope: ProcessingScope, account: RoutedAccount, input: MessageToStage): Promise<void> {
  const { message, described, party, direction } = input;
  const at = unixSecondsToDate(message.timestamp);
  if (described.reaction) {
    if (direction === 'outbound') {
      scope.notes.push(`reaction ${message.id} sent from the WhatsApp Business app not shown`);
      return;
    }
    await recordCustomerReaction(
      scope.manager,
      { accountId: account.id, reactionWamid: message.id, ...described.reaction, reactor: (party.waId ?? party.userId)!, at },
      scope.notifications,
    );
    return;
  }
  if (described.revision) {
    // The author's contact, without opening anything: an edit is not the customer writing anew.
    const { contact } = await contactOf(scope, account, { ...party, at });
    await recordMessageRevision(
      scope.manager,
      { accountId: account.id, contactId: contact.id, direction, revisionWamid: message.id, ...described.revision, payload: message, at },
      scope.notifications,
    );
    return;
  }
  if (scope.storedWamids.has(message.id)) return;
  scope.storedWamids.add(message.id);
  // A number change moves the contact at once (below): its customer must exist first.
  const correspondent = await correspondentFor(scope, account, { ...party, at }, message.id, input.mode, { deferNew: described.system === undefined });
  const live = input.mode === 'customer-wrote' && direction === 'inbound' && described.system === undefined;
  scope.stagedMessages.push({
    account,
    correspondent,
    message,
    described,
    at,
    direction,
    status: input.status,
    origin: input.origin,
    live,
    notify: input.mode !== 'history',
  });
  if (described.system?.type === 'user_changed_number' && described.system.newWaId) {
    await moveToNewNumber(scope, account, correspondent, described.system.newWaId, described.system.newUserId);
  }
}

/**
 * Second half: inserts every staged message of the transaction and counts them on their
 * conversations in one statement (GREATEST: messages delivered out of order never move a
 * conversation back in time; only the customer's live messages count as unread and refresh the
 * 24-hour window), then applies what waited for them, queues media downloads, records ad
 * referrals, writes the hosts' events and routes by keywords. The unique wamid index backs the locks: a conflict fails the transaction.
 */
export async function storeStagedMessages(scope: ProcessingScope): Promise<void> {
  const staged = scope.stagedMessages;
  scope.stagedMessages = [];
  if (staged.length === 0) return;
  const rows = staged.map(({ correspondent, message, described, at, direction, status, origin, live }) => ({
    conversation_id: correspondent.conversation.id,
    wamid: message.id,
    direction,
    type: described.type.slice(0, 30),
    body: described.body,
    payload: message,
    status,
    origin,
    live,
    received_at: direction === 'inbound' ? at : null,
    sent_at: direction === 'outbound' ? at : null,
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
         conversation_id uuid, wamid text, direction text, type text, body text, payload jsonb, status text, origin text, live boolean,
         received_at timestamptz, sent_at timestamptz, error_code integer, error_title text, error_details text, reply_to_wamid text,
         media_id text, media_mime_type text, media_sha256 text, media_file_name text)
     ), inserted AS (
       INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, payload, status, origin, received_at, sent_at,
           error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name)
       SELECT conversation_id, wamid, direction, type, body, payload, status, origin, received_at, sent_at,
           error_code, error_title, error_details, reply_to_wamid, media_id, media_mime_type, media_sha256, media_file_name
         FROM input
       ON CONFLICT (wamid) DO NOTHING
       RETURNING id, wamid, conversation_id, COALESCE(received_at, sent_at) AS at
     ), counted AS (
       UPDATE whatsapp_conversations v
          SET unread_count = v.unread_count + n.unread, last_message_at = GREATEST(v.last_message_at, n.latest),
              last_inbound_at = GREATEST(v.last_inbound_at, n.latest_live), updated_at = now()
         FROM (SELECT i.conversation_id, count(*) FILTER (WHERE input.live)::int AS unread, max(i.at) AS latest,
                      max(i.at) FILTER (WHERE input.live) AS latest_live
                 FROM inserted i JOIN input ON input.wamid = i.wamid GROUP BY i.conversation_id) AS n
        WHERE v.id = n.conversation_id
     )
     SELECT i.id, i.wamid,
            EXISTS (SELECT 1 FROM whatsapp_pending_statuses p WHERE p.wamid = i.wamid)
              OR EXISTS (SELECT 1 FROM whatsapp_message_reactions r WHERE r.target_wamid = i.wamid)
              OR EXISTS (SELECT 1 FROM whatsapp_message_revisions r WHERE r.target_wamid = i.wamid) AS "hasParkedUpdates"
       FROM inserted i`),
    [JSON.stringify(rows)],
  );
  // Checked as absent under their locks: a conflict here means a lock was not held.
  if (inserted.length !== staged.length) throw new Error(`${staged.length - inserted.length} message(s) were inserted concurrently although their locks were held`);
  const byWamid = new Map(inserted.map((row) => [row.wamid, row]));
  // Hosts hear of every message but imported history: the customer's as received, the business
  // app's echoes as sent. Before keyword routing, so a lead it creates comes after its message.
  const told = staged.filter((entry) => entry.notify);
  const idsOf = (direction: string) => told.filter((entry) => entry.direction === direction).map((entry) => byWamid.get(entry.message.id)!.id);
  await emitMessageEvents(scope.manager, 'message.received', idsOf('inbound'));
  await emitMessageEvents(scope.manager, 'message.sent', idsOf('outbound'));

  for (const entry of staged) {
    const { account, correspondent, message, described } = entry;
    const { id, hasParkedUpdates } = byWamid.get(message.id)!;
    if (hasParkedUpdates) await applyParkedUpdates(scope.manager, message.id, scope.notifications);
    if (described.media) scope.mediaMessageIds.push(id);
    const { conversation } = correspondent;
    if (entry.live && message.referral) await recordReferral(scope, entry);
    if (entry.live && described.body && !conversation.intent) {
      await routeByKeywords(scope, { accountId: account.id, contact: correspondent.contact, conversation, text: described.body, wamid: message.id });
    }
    if (entry.notify) scope.notifications.add({ kind: 'message.created', accountId: account.id, conversationId: conversation.id, messageId: id });
  }
  await afterCustomerMessages(
    scope.context,
    scope,
    staged
      .filter((entry) => entry.live && entry.direction === 'inbound' && !NOT_TALKING_TYPES.has(entry.described.type))
      .map(({ account, correspondent, described, at }) => ({
        accountId: account.id, contactId: correspondent.contact.id, conversationId: correspondent.conversation.id, text: described.body, at,
      })),
  );
  await runInboundAutomations(
    scope.context,
    { manager: scope.manager, jobDb: scope.jobDb },
    staged.map(({ account, correspondent, message, described, direction, origin, live }) => ({
      messageId: byWamid.get(message.id)!.id, accountId: account.id, conversationId: correspondent.conversation.id, contactId: correspondent.contact.id,
      message, text: described.body, direction, origin, live,
    })),
  );
  await queueAssistantAnswers(
    scope.context,
    { manager: scope.manager, jobDb: scope.jobDb },
    staged.map(({ correspondent, message, described, direction, live }) => ({
      messageId: byWamid.get(message.id)!.id, conversationId: correspondent.conversation.id, direction, text: described.body, live,
    })),
  );
}

/** The sender of a message and the profile Meta sent with it (matched by wa_id or BSUID; a lone profile is theirs). */
export function senderOf(message: InboundMessage, contacts: readonly WebhookContact[]): MessageParty | null {
  const profile =
    contacts.find((c) => (message.from !== undefined && c.wa_id === message.from) || (message.from_user_id !== undefined && c.user_id === message.from_user_id)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const waId = message.from ?? profile?.wa_id ?? null;
  const userId = message.from_user_id ?? profile?.user_id ?? null;
  if (!waId && !userId) return null;
  return { waId, userId, profileName: profile?.profile?.name?.slice(0, 200) ?? null, username: profile?.profile?.username ?? null };
}

/**
 * The customer's contact and conversation for a message, resolved once per customer and
 * transaction (under every key they may be found by: phone spellings and BSUID).
 */
export async function correspondentFor(
  scope: ProcessingScope,
  account: RoutedAccount,
  sender: InboundSender,
  wamid: string,
  mode: ConversationMode,
  options: { deferNew?: boolean } = {},
): Promise<Correspondent> {
  // Only a staged message may refer to customers not written yet: anyone else gets rows.
  if (!options.deferNew) await createNewCustomers(scope);
  const known = findCorrespondent(scope, account, sender);
  // Read again when a newer message brings another profile name, so that it is brought up to date.
  const stale = known && sender.profileName !== null && sender.profileName !== known.contact.profileName && sender.at >= known.profileNameAt;
  if (known && !stale && (mode !== 'customer-wrote' || known.conversation.status !== 'resolved')) return known;
  const candidates = knownCandidates(scope, account, sender);
  if (options.deferNew && !known && candidates?.length === 0) {
    const correspondent = deferNewCustomer(scope, account, sender, wamid, mode);
    rememberCorrespondent(scope, account, correspondent, sender);
    return correspondent;
  }
  // From here their rows are read and written: those deferred so far (this sender among them) must exist.
  await createNewCustomers(scope);
  const { manager, context } = scope;
  const { contact, phoneIsNew, latestConversation } = await resolveInboundContact(manager, account.id, sender, candidates);
  const latest = known?.conversation ?? latestConversation;
  const { conversation, change } =
    mode === 'customer-wrote'
      ? await openConversationForInbound(manager, scope.audit, {
          accountId: account.id,
          contactId: contact.id,
          latest,
          onInboundToResolved: context.options.onInboundToResolved,
          wamid,
        })
      : await attachConversation(manager, scope.audit, { accountId: account.id, contactId: contact.id, latest, createAs: createdConversationStatus(mode) });
  // Matched again when the CRM may know more: a new phone, or a conversation starting.
  if (phoneIsNew || change !== 'existing') await refreshCrmMatch(manager, contact, context.options.contactMatchers, context.logger);
  if (change !== 'existing') scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: conversation.id });
  const profileNameAt = known && known.profileNameAt > sender.at ? known.profileNameAt : sender.at;
  const correspondent = known ? Object.assign(known, { contact, conversation, profileNameAt }) : { contact, conversation, profileNameAt };
  rememberCorrespondent(scope, account, correspondent, sender);
  return correspondent;
}

function findCorrespondent(scope: ProcessingScope, account: RoutedAccount, sender: InboundSender): Correspondent | undefined {
  for (const key of aliasKeys(account.id, sender)) {
    const known = scope.correspondents.get(key);
    if (known) return known;
  }
  return undefined;
}

function rememberCorrespondent(scope: ProcessingScope, account: RoutedAccount, correspondent: Correspondent, sender: { waId: string | null; userId: string | null }): void {
  for (const key of [...aliasKeys(account.id, correspondent.contact), ...aliasKeys(account.id, sender)]) scope.correspondents.set(key, correspondent);
}

/**
 * The contacts the sender may be, without a query when this transaction already knows: the
 * customer it resolved (under any spelling), else the rows prefetched for all senders at once.
 */
function knownCandidates(scope: ProcessingScope, account: RoutedAccount, sender: { waId: string | null; userId: string | null }): ContactCandidate[] | undefined {
  const known = findCorrespondent(scope, account, { ...sender, profileName: null, username: null, at: new Date(0) });
  if (known) return [{ ...known.contact, conversation: known.conversation }];
  const key = senderKey(account.id, sender);
  const prefetched = scope.prefetchedContacts.get(key);
  scope.prefetchedContacts.delete(key);
  return prefetched;
}

/**
 * The customer's contact (created when new), without opening a conversation: for what is about
 * a customer without being a message in their thread (an edit, a marketing preference, the
 * business's address book). Remembered for the rest of the transaction.
 */
export async function contactOf(scope: ProcessingScope, account: RoutedAccount, party: InboundSender): Promise<ResolvedContact> {
  await createNewCustomers(scope);
  const resolved = await resolveInboundContact(scope.manager, account.id, party, knownCandidates(scope, account, party));
  if (!findCorrespondent(scope, account, party)) {
    const remembered = [{ ...resolved.contact, conversation: resolved.latestConversation }];
    for (const key of [...aliasKeys(account.id, resolved.contact), ...aliasKeys(account.id, party)]) scope.prefetchedContacts.set(key, remembered);
  }
  return resolved;
}

async function moveToNewNumber(scope: ProcessingScope, account: RoutedAccount, correspondent: Correspondent, newWaId: string, newUserId: string | null): Promise<void> {
  const moved = await changeContactNumber(scope.manager, account.id, correspondent.contact, newWaId, newUserId);
  if (!moved.changed) {
    if (correspondent.contact.waId === newWaId) return;
    scope.context.logger.warn('customer changed number to one another contact already has; contacts left apart', {
      contactId: correspondent.contact.id,
    });
    return;
  }
  correspondent.contact = moved.contact;
  rememberCorrespondent(scope, account, correspondent, moved.contact);
  await refreshCrmMatch(scope.manager, moved.contact, scope.context.options.contactMatchers, scope.context.logger);
  scope.notifications.add({ kind: 'conversation.updated', accountId: account.id, conversationId: correspondent.conversation.id });
}

/**
 * `user_changed_user_id` names no sender: the contact known by the previous BSUID moves to the
 * new one and the notice goes into their thread. A BSUID nobody here had is only noted.
 */
async function applyUserIdChange(scope: ProcessingScope, account: RoutedAccount, message: InboundMessage, described: InboundMessageDescription): Promise<void> {
  const { previousUserId, newUserId } = described.system!;
  const previous = previousUserId ?? message.from_user_id ?? null;
  if (!previous || !newUserId) {
    scope.notes.push(`BSUID change ${message.id} skipped: it names no ${previous ? 'new' : 'previous'} user id`);
    return;
  }
  await createNewCustomers(scope);
  const changed = await changeContactUserId(scope.manager, account.id, previous, newUserId);
  if (!changed) {
    scope.notes.push(`BSUID change ${message.id} skipped: no customer of this number had user id ${previous}`);
    return;
  }
  if (!changed.moved && changed.contact.userId !== newUserId) {
    scope.notes.push(`BSUID change ${message.id}: another contact already has user id ${newUserId}; contacts left apart`);
  }
  for (const key of aliasKeys(account.id, { waId: null, userId: previous })) scope.correspondents.delete(key);
  scope.prefetchedContacts.set(senderKey(account.id, { waId: null, userId: newUserId }), [changed.contact]);
  const party = { waId: changed.contact.waId, userId: newUserId, profileName: null, username: null };
  await stageMessage(scope, account, { message, described, party, direction: 'inbound', origin: null, status: 'received', mode: 'attach' });
}

/**
 * A click-to-WhatsApp ad brought the customer: the conversation keeps the earliest referral as
 * its attribution (shown in the side panel, filterable, copied to a lead created from it).
 */
async function recordReferral(scope: ProcessingScope, entry: StagedMessage): Promise<void> {
  const referral = { ...entry.message.referral, wamid: entry.message.id, at: entry.at.toISOString() };
  const { conversation } = entry.correspondent;
  const updated = await queryRows<{ id: string }>(
    scope.manager,
    prepared(`UPDATE whatsapp_conversations SET referral = $2::jsonb, referral_source_id = $3, referral_at = $4, updated_at = now()
      WHERE id = $1 AND (referral_at IS NULL OR referral_at > $4) RETURNING id`),
    [conversation.id, JSON.stringify(referral), entry.message.referral?.source_id?.slice(0, 100) ?? null, entry.at],
  );
  if (updated.length === 0) return;
  await recordConversationEvent(scope.manager, conversation.id, 'ad_referral', {
    wamid: entry.message.id,
    sourceType: entry.message.referral?.source_type ?? null,
    sourceId: entry.message.referral?.source_id ?? null,
    headline: entry.message.referral?.headline ?? null,
  });
  scope.notifications.add({ kind: 'conversation.updated', accountId: entry.account.id, conversationId: conversation.id });
}

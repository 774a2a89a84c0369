import { randomUUID } from 'node:crypto';
import { refreshCrmMatch } from '../contacts/match-crm-record.js';
import { prepared, queryRows } from '../db/sql.js';
import { waIdToE164 } from '../domain/phone.js';
import type { ConversationMode, Correspondent, ProcessingScope, RoutedAccount } from './processing-scope.js';
import type { InboundSender } from './resolve-inbound-contact.js';

/**
 * A first message from a customer the lookup found nowhere (under the batch's contact locks, so
 * nobody else creates them meanwhile): their contact and conversation are given ids now and
 * written with every other new customer of the transaction by `createNewCustomers` — two
 * statements for a batch that an ad or a campaign fills with new customers, instead of two
 * each. Until then only staged messages may refer to them.
 */
export function deferNewCustomer(scope: ProcessingScope, account: RoutedAccount, sender: InboundSender, wamid: string, mode: ConversationMode): Correspondent {
  const correspondent: Correspondent = {
    contact: {
      id: randomUUID(),
      waId: sender.waId,
      userId: sender.userId,
      phoneE164: sender.waId ? waIdToE164(sender.waId) : null,
      profileName: sender.profileName,
      username: sender.username?.slice(0, 100) ?? null,
      crmRecordType: null,
    },
    conversation: { id: randomUUID(), status: createdConversationStatus(mode), intent: null, leadId: null },
    profileNameAt: sender.at,
  };
  scope.newCustomers.push({ accountId: account.id, correspondent, openedBy: mode === 'customer-wrote' ? wamid : null });
  return correspondent;
}

/** How a conversation the processor creates starts: resolved for imported history (six months of old chats must not fill the agents' queue), else open. */
export function createdConversationStatus(mode: ConversationMode): 'open' | 'resolved' {
  return mode === 'history' ? 'resolved' : 'open';
}

/**
 * Writes the customers deferred so far: their contacts, their conversations (an audit row and a
 * `conversation.created` event for each open one, a live update), then matches each contact to
 * the host's CRM record as a customer found by the processor always is. Called before anything
 * reads or writes their rows. A contact created meanwhile without the lock (by hand) makes the
 * insert fail: the transaction is retried event by event, and the lookup then finds it.
 */
export async function createNewCustomers(scope: ProcessingScope): Promise<void> {
  const created = scope.newCustomers;
  if (created.length === 0) return;
  scope.newCustomers = [];
  const { manager, context } = scope;
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_contacts (id, account_id, wa_id, user_id, phone_e164, profile_name, username)
      SELECT id, "accountId", "waId", "userId", "phoneE164", "profileName", username
        FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, "accountId" uuid, "waId" text, "userId" text, "phoneE164" text, "profileName" text, username text)`),
    [JSON.stringify(created.map(({ accountId, correspondent }) => ({ ...correspondent.contact, accountId })))],
  );
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_conversations (id, account_id, contact_id, status, resolved_at)
      SELECT id, "accountId", "contactId", status, CASE WHEN status = 'resolved' THEN now() END
        FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "accountId" uuid, "contactId" uuid, status text)`),
    [
      JSON.stringify(
        created.map(({ accountId, correspondent: { contact, conversation } }) => ({ id: conversation.id, accountId, contactId: contact.id, status: conversation.status })),
      ),
    ],
  );
  for (const { accountId, correspondent, openedBy } of created) {
    const { conversation } = correspondent;
    if (conversation.status === 'resolved') continue;
    scope.audit.add(conversation.id, 'opened', openedBy ? { wamid: openedBy } : {});
    scope.notifications.add({ kind: 'conversation.updated', accountId, conversationId: conversation.id });
  }
  for (const { correspondent } of created) {
    await refreshCrmMatch(manager, correspondent.contact, context.options.contactMatchers, context.logger);
  }
}

import { describeInboundMessage } from '../domain/inbound-message.js';
import type { MessageStatus } from '../domain/message-status.js';
import type { HistoryMessage, HistoryValue } from '../domain/webhook-payload.js';
import { prepared, queryRows } from '../db/sql.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { stageMessage } from './store-inbound-messages.js';

/** A history message's last delivery status (Meta's words) as a stored status of the business's message. */
const HISTORY_STATUSES: Record<string, MessageStatus> = { PENDING: 'sent', SENT: 'sent', DELIVERED: 'delivered', READ: 'read', PLAYED: 'read', ERROR: 'failed' };

/**
 * Coexistence onboarding: the WhatsApp Business app's past chats, imported with their original
 * times into each customer's thread — the customer's messages inbound, the business's outbound
 * from "WhatsApp Business app" — without reopening anything, counting unread, refreshing the
 * 24-hour window, notifying agents or routing by keywords. A customer without a conversation
 * gets a resolved one. A `media_placeholder` is stored as such, and replaced by the media
 * message when Meta sends its content (`messages` of a later history delivery).
 */
export async function importHistory(scope: ProcessingScope, account: RoutedAccount, value: HistoryValue, displayPhoneNumber: string): Promise<number> {
  let imported = 0;
  for (const part of value.history ?? []) {
    for (const error of part.errors ?? []) scope.notes.push(`history not shared: (${error.code}) ${error.title}`);
    for (const thread of part.threads ?? []) {
      for (const message of thread.messages ?? []) {
        await stageHistoryMessage(scope, account, message, thread.id, isFromBusiness(message, displayPhoneNumber));
        imported++;
      }
    }
  }
  for (const message of value.messages ?? []) {
    if (await completePlaceholder(scope, account, message)) continue;
    const fromBusiness = isFromBusiness(message, displayPhoneNumber);
    const customer = fromBusiness ? message.to : message.from;
    if (!customer) {
      scope.notes.push(`history media ${message.id} skipped: it names no customer`);
      continue;
    }
    await stageHistoryMessage(scope, account, message, customer, fromBusiness);
    imported++;
  }
  return imported;
}

async function stageHistoryMessage(scope: ProcessingScope, account: RoutedAccount, message: HistoryMessage, customer: string, fromBusiness: boolean): Promise<void> {
  const described = describeInboundMessage(message);
  const status = fromBusiness ? (HISTORY_STATUSES[message.history_context?.status ?? ''] ?? 'sent') : 'received';
  await stageMessage(scope, account, {
    message,
    described,
    party: { waId: customer, userId: null, profileName: null, username: null },
    direction: fromBusiness ? 'outbound' : 'inbound',
    origin: 'history',
    status,
    mode: 'history',
  });
}

function isFromBusiness(message: HistoryMessage, displayPhoneNumber: string): boolean {
  const digits = (value: string | undefined) => (value ?? '').replace(/\D/g, '');
  return message.from !== undefined && digits(message.from) === digits(displayPhoneNumber);
}

/** The content of a media message the history only had a placeholder for: the placeholder becomes it, and its file is fetched. */
async function completePlaceholder(scope: ProcessingScope, account: RoutedAccount, message: HistoryMessage): Promise<boolean> {
  const described = describeInboundMessage(message);
  const [replaced] = await queryRows<{ id: string; conversationId: string }>(
    scope.manager,
    prepared(`UPDATE whatsapp_messages SET type = $2, body = $3, payload = $4, media_id = $5, media_mime_type = $6, media_sha256 = $7,
        media_file_name = $8, updated_at = now()
      WHERE wamid = $1 AND type = 'media_placeholder' RETURNING id, conversation_id AS "conversationId"`),
    [
      message.id,
      described.type.slice(0, 30),
      described.body,
      message,
      described.media?.id.slice(0, 128) ?? null,
      described.media?.mimeType?.slice(0, 128) ?? null,
      described.media?.sha256?.slice(0, 128) ?? null,
      described.media?.fileName?.slice(0, 512) ?? null,
    ],
  );
  if (!replaced) return scope.storedWamids.has(message.id);
  if (described.media) scope.mediaMessageIds.push(replaced.id);
  scope.notifications.add({ kind: 'message.updated', accountId: account.id, conversationId: replaced.conversationId, messageId: replaced.id });
  return true;
}

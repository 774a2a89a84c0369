import type { CallsValue, OtherStatus, WebhookCall } from '../domain/webhook-payload.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import { prepared, queryOne } from '../db/sql.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { correspondentFor } from './store-inbound-messages.js';

/**
 * Calling API: each call is one entry of the customer's timeline (type `call`, keyed by the
 * call's id), built up from its events in any order — `connect`, `terminate` (status, start,
 * end, duration) and, for the business's calls, RINGING / ACCEPTED / REJECTED statuses. A call
 * from the customer opens their conversation and counts once as unread (a missed call is
 * something to answer); it does not open the 24-hour window.
 */
export async function recordCalls(scope: ProcessingScope, account: RoutedAccount, value: CallsValue): Promise<number> {
  let recorded = 0;
  for (const call of value.calls ?? []) {
    const fromCustomer = call.direction !== 'BUSINESS_INITIATED';
    const waId = (fromCustomer ? call.from : call.to) ?? null;
    const userId = (fromCustomer ? call.from_user_id : call.to_user_id) ?? null;
    if (!waId && !userId) {
      scope.notes.push(`call ${call.id} skipped: it names no customer`);
      continue;
    }
    const profile = value.contacts?.find((c) => (waId && c.wa_id === waId) || (userId && c.user_id === userId));
    const at = unixSecondsToDate(call.timestamp);
    const party = { waId, userId, profileName: profile?.profile?.name ?? null, username: profile?.profile?.username ?? null, at };
    const correspondent = await correspondentFor(scope, account, party, call.id, fromCustomer ? 'customer-wrote' : 'attach');
    await upsertCall(scope, account, correspondent.conversation.id, call.id, fromCustomer, at, { [call.event]: call });
    recorded++;
  }
  for (const status of value.otherStatuses ?? []) if (await applyCallStatus(scope, account, status)) recorded++;
  return recorded;
}

/** A business call's RINGING / ACCEPTED / REJECTED on its timeline entry (parked nowhere: a call starts with `connect`). */
export async function applyCallStatus(scope: ProcessingScope, account: RoutedAccount, status: OtherStatus): Promise<boolean> {
  if (status.type !== 'call') return false;
  const updated = await queryOne<{ id: string; conversationId: string }>(
    scope.manager,
    prepared(`UPDATE whatsapp_messages SET payload = payload || jsonb_build_object(lower($2), $3::jsonb), updated_at = now()
      WHERE wamid = $1 AND type = 'call' RETURNING id, conversation_id AS "conversationId"`),
    [status.id, status.status.slice(0, 30), JSON.stringify(status)],
  );
  if (!updated) {
    scope.notes.push(`call status ${status.status} of ${status.id} skipped: the call is not known`);
    return false;
  }
  scope.notifications.add({ kind: 'message.updated', accountId: account.id, conversationId: updated.conversationId, messageId: updated.id });
  return true;
}

async function upsertCall(
  scope: ProcessingScope,
  account: RoutedAccount,
  conversationId: string,
  callId: string,
  fromCustomer: boolean,
  at: Date,
  events: Record<string, WebhookCall>,
): Promise<void> {
  const row = await queryOne<{ id: string; inserted: boolean }>(
    scope.manager,
    prepared(`WITH upserted AS (
       INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, payload, status, received_at, sent_at)
       VALUES ($1, $2, $3::text, 'call', jsonb_build_object('type', 'call') || $4::jsonb, CASE WHEN $3::text = 'inbound' THEN 'received' ELSE 'sent' END,
               CASE WHEN $3::text = 'inbound' THEN $5::timestamptz END, CASE WHEN $3::text = 'outbound' THEN $5::timestamptz END)
       ON CONFLICT (wamid) DO UPDATE SET payload = whatsapp_messages.payload || EXCLUDED.payload,
         received_at = LEAST(whatsapp_messages.received_at, EXCLUDED.received_at), sent_at = LEAST(whatsapp_messages.sent_at, EXCLUDED.sent_at),
         updated_at = now()
       RETURNING id, (xmax = 0) AS inserted
     ), counted AS (
       UPDATE whatsapp_conversations SET unread_count = unread_count + CASE WHEN $3::text = 'inbound' THEN 1 ELSE 0 END,
              last_message_at = GREATEST(last_message_at, $5::timestamptz), updated_at = now()
        WHERE id = $1 AND EXISTS (SELECT 1 FROM upserted WHERE inserted)
     )
     SELECT id, inserted FROM upserted`),
    [conversationId, callId, fromCustomer ? 'inbound' : 'outbound', JSON.stringify(events), at],
  );
  scope.storedWamids.add(callId);
  scope.notifications.add({ kind: row!.inserted ? 'message.created' : 'message.updated', accountId: account.id, conversationId, messageId: row!.id });
}

import { queryOne, queryRows } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import { normalizePhone } from '../domain/phone.js';
import { isUuid } from '../domain/uuid.js';
import { emitConversationEvents } from '../events/emit-event.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';
import { withPermissions } from './conversation-access.js';
import { WorkflowRefusal } from './workflow-refusal.js';
import { contactForPhone } from '../contacts/contact-for-phone.js';

/** Where a message goes: a conversation, or a phone number (any spelling) on one of the numbers. */
export type OutboundTarget = { conversationId: string } | { accountId: string; to: string };

/**
 * The conversation a message to `target` belongs in. For a phone number: the contact of that
 * phone (contactForPhone: created and matched to the host's CRM record when new, under the
 * processor's contact lock), and its live conversation (else a new one, with
 * `conversation.created`). Starting a conversation needs
 * `inbox.reply` on the number; the send's own checks follow.
 */
export async function conversationForTarget(
  context: PluginContext,
  tx: Transaction,
  target: OutboundTarget,
  actor: InboxActor | null,
): Promise<string> {
  if ('conversationId' in target) return target.conversationId;
  const account = isUuid(target.accountId)
    ? await queryOne<{ id: string; phone_number_id: string }>(tx.manager, `SELECT id, phone_number_id FROM whatsapp_accounts WHERE id = $1`, [
        target.accountId,
      ])
    : undefined;
  if (!account) throw OutboundRefusal.of('conversation-not-found');
  if (actor && !holds(await withPermissions(tx.manager, actor), 'inbox.reply', account.id)) throw WorkflowRefusal.of('not-allowed');
  const e164 = normalizePhone(target.to, context.options.defaultRegion);
  if (!e164) throw OutboundRefusal.of('recipient-without-phone');
  const contactId = await contactForPhone(tx.manager, { id: account.id, phoneNumberId: account.phone_number_id }, e164.slice(1), context);
  const live = await queryOne<{ id: string }>(
    tx.manager,
    `SELECT id FROM whatsapp_conversations WHERE account_id = $1 AND contact_id = $2 AND status <> 'resolved'`,
    [account.id, contactId],
  );
  if (live) return live.id;
  const created = await queryOne<{ id: string }>(
    tx.manager,
    `INSERT INTO whatsapp_conversations (account_id, contact_id, status) VALUES ($1, $2, 'open') RETURNING id`,
    [account.id, contactId],
  );
  await queryRows(tx.manager, `INSERT INTO whatsapp_conversation_events (conversation_id, kind, actor_id) VALUES ($1, 'opened', $2)`, [
    created!.id,
    actor?.id ?? null,
  ]);
  await emitConversationEvents(tx.manager, 'conversation.created', [created!.id], { actorId: actor?.id ?? null });
  return created!.id;
}

import { randomUUID } from 'node:crypto';
import { outboundMessageProblems, type MessageContent, type MessageRecipient, type OutboundMessage } from '../cloud-api/index.js';
import { refusalBeforeMeta, type SendConditions } from './refusal-before-meta.js';
import type { Transaction } from '../db/transaction.js';
import { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import { InboxNotifications } from '../db/notify.js';
import type { PluginContext } from '../context/plugin-context.js';
import { callbackDataFor } from './callback-data.js';
import { enqueueSend } from './enqueue-send.js';
import { OutboundRefusal } from './outbound-refusal.js';
import { queryOne } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import type { AutomationKind } from '../domain/automation-kinds.js';

/** What a send needs to know about the conversation it goes to. */
export interface SendTarget {
  conversationId: string;
  accountId: string;
  /** The customer's wa_id exactly as Meta gave it (replies go there, never to a reformatted number), else their BSUID. */
  recipient: MessageRecipient;
  lastInboundAt: Date | null;
  /** What the check before Meta needs, besides the template. */
  conditions: Omit<SendConditions, 'templateCategory'>;
}

/** Reads the conversation, its contact and its number; refuses what cannot be sent to at all. */
export async function loadSendTarget(tx: Transaction, conversationId: string): Promise<SendTarget> {
  if (!isUuid(conversationId)) throw OutboundRefusal.of('conversation-not-found');
  const row = await queryOne<{
    conversation_id: string;
    account_id: string;
    account_status: string;
    wa_id: string | null;
    user_id: string | null;
    last_inbound_at: Date | null;
    marketing_opted_out: boolean;
    blocked_reason_key: string | null;
  }>(
    tx.manager,
    `SELECT c.id AS conversation_id, c.account_id, a.status AS account_status, ct.wa_id, ct.user_id, c.last_inbound_at,
            ct.marketing_opted_out_at IS NOT NULL AS marketing_opted_out, a.blocked_reason_key
       FROM whatsapp_conversations c
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
       JOIN whatsapp_accounts a ON a.id = c.account_id
      WHERE c.id = $1`,
    [conversationId],
  );
  if (!row) throw OutboundRefusal.of('conversation-not-found');
  if (!row.wa_id && !row.user_id) throw OutboundRefusal.of('recipient-without-phone');
  if (row.account_status !== 'active') throw OutboundRefusal.of('account-inactive');
  const conditions = { marketingOptedOut: row.marketing_opted_out, usernameOnly: !row.wa_id, blockedReasonKey: row.blocked_reason_key };
  const blocked = refusalBeforeMeta({ ...conditions, templateCategory: null });
  if (blocked) throw OutboundRefusal.beforeMeta(blocked);
  return {
    conversationId: row.conversation_id,
    accountId: row.account_id,
    // A username-only customer (no phone) is reached by their BSUID, in `recipient`.
    recipient: row.wa_id ? { to: row.wa_id } : { recipient: row.user_id! },
    lastInboundAt: row.last_inbound_at,
    conditions,
  };
}

export interface QueuedMessageInput {
  target: SendTarget;
  content: MessageContent;
  /** What agents see in the conversation (text, caption, rendered template). */
  body: string | null;
  actorId: string | null;
  replyToWamid?: string | null;
  templateId?: string | null;
  mediaId?: string | null;
  /** The file an agent attached (uploaded to Meta as `mediaId`): what the thread shows of it. */
  mediaFile?: { mimeType: string; fileName: string | null; size: number } | null;
  /** Sent by an automation, not a person: marked on the message (the thread and the reports tell them apart). */
  automation?: AutomationKind | null;
  /** A cap these messages share below the number's throughput (a broadcast's sending speed). */
  sendCap?: SendCap | null;
  /** Through Meta's Marketing Messages API (a marketing template to a number onboarded to it). */
  marketingApi?: boolean;
}

/**
 * Messages with one `key` go out no faster than `perSecond` together, on top of the number's
 * throughput and the pair rate: a broadcast's sending speed, which managers may set up to the
 * number's own cap.
 */
export interface SendCap {
  key: string;
  perSecond: number;
}

/**
 * Writes an outbound message (`queued`) and its send job in the caller's transaction, so the
 * message exists exactly when its job does. The stored payload is the request as it will go
 * to Meta, recipient and callback data included.
 */
export async function queueOutboundMessage(context: PluginContext, tx: Transaction, input: QueuedMessageInput): Promise<WhatsAppMessage> {
  const id = randomUUID();
  const message: OutboundMessage = {
    ...input.content,
    ...input.target.recipient,
    ...(input.replyToWamid ? { context: { message_id: input.replyToWamid } } : {}),
    biz_opaque_callback_data: callbackDataFor(id),
  };
  const problems = outboundMessageProblems(message);
  if (problems.length > 0) throw OutboundRefusal.invalidMessage(problems);

  await tx.manager.query(
    `INSERT INTO whatsapp_messages (id, conversation_id, direction, type, body, payload, status, queued_at, reply_to_wamid, sent_by_id, template_id, media_id,
                                    media_mime_type, media_file_name, media_size, send_cap_key, send_cap_per_second, marketing_api, automation)
     VALUES ($1, $2, 'outbound', $3, $4, $5, 'queued', now(), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id, input.target.conversationId, message.type, input.body, message, input.replyToWamid ?? null, input.actorId, input.templateId ?? null,
      input.mediaId ?? null, input.mediaFile?.mimeType ?? null, input.mediaFile?.fileName ?? null, input.mediaFile?.size ?? null,
      input.sendCap?.key ?? null, input.sendCap?.perSecond ?? null, input.marketingApi === true, input.automation ?? null,
    ],
  );
  await tx.manager.query(`UPDATE whatsapp_conversations SET last_message_at = now(), updated_at = now() WHERE id = $1`, [
    input.target.conversationId,
  ]);
  await enqueueSend(context, tx, id);

  const notifications = new InboxNotifications();
  notifications.add({ kind: 'message.created', accountId: input.target.accountId, conversationId: input.target.conversationId, messageId: id });
  await notifications.emit(tx.manager);
  return tx.manager.getRepository(WhatsAppMessage).findOneByOrFail({ id });
}

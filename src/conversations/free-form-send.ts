import type { Transaction } from '../db/transaction.js';
import { queryOne } from '../db/sql.js';
import { assertFreeFormAllowed } from '../domain/service-window.js';
import { isUuid } from '../domain/uuid.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, type SendTarget } from '../delivery/queue-outbound-message.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { assignReplierIfUnassigned } from './assign-replier.js';
import { lockAuthorized } from './conversation-access.js';

export interface FreeFormSendRequest {
  conversationId: string;
  /** The agent sending, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
  /** Quote one of the conversation's messages (it must have reached Meta: it needs a wamid). */
  replyToMessageId?: string | null;
  now: Date;
  /** A reply takes an unassigned conversation (when its number says so); a reaction does not. */
  assignReplier: boolean;
}

export interface FreeFormSend {
  target: SendTarget;
  replyToWamid: string | null;
}

/**
 * What every free-form send (text, media, interactive, reaction) checks in its transaction before
 * it queues: the agent may answer this conversation (its row locked), the 24-hour window is open,
 * the quoted message is one of the conversation's and reached Meta; and, for a reply, the
 * conversation goes to the agent when nobody had it.
 */
export async function prepareFreeFormSend(tx: Transaction, request: FreeFormSendRequest): Promise<FreeFormSend> {
  const authorized = request.actor
    ? await lockAuthorized(tx.manager, { conversationId: request.conversationId, actor: request.actor, permission: 'inbox.reply' })
    : null;
  const target = await freeFormTarget(tx, request.conversationId, request.now);
  const replyToWamid = request.replyToMessageId ? await messageWamid(tx, target.conversationId, request.replyToMessageId) : null;
  if (authorized && request.assignReplier) await assignReplierIfUnassigned(tx.manager, authorized.conversation, authorized.actor);
  return { target, replyToWamid };
}

/** The conversation's target, when a non-template message may go to it now. */
export async function freeFormTarget(tx: Transaction, conversationId: string, now: Date): Promise<SendTarget> {
  const target = await loadSendTarget(tx, conversationId);
  const check = assertFreeFormAllowed(target.lastInboundAt, now);
  if (!check.allowed) throw OutboundRefusal.window(check.refusal);
  return target;
}

/** The wamid of a message of this conversation, to quote it or react to it. */
export async function messageWamid(tx: Transaction, conversationId: string, messageId: string): Promise<string> {
  if (!isUuid(messageId)) throw OutboundRefusal.of('message-not-found');
  const quoted = await queryOne<{ wamid: string | null }>(tx.manager, `SELECT wamid FROM whatsapp_messages WHERE id = $1 AND conversation_id = $2`, [
    messageId,
    conversationId,
  ]);
  if (!quoted) throw OutboundRefusal.of('message-not-found');
  if (!quoted.wamid) throw OutboundRefusal.of('reply-target-not-sent');
  return quoted.wamid;
}

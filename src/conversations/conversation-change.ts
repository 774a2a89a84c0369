import type { EntityManager } from 'typeorm';
import { inTransaction, type Transaction } from '../db/transaction.js';
import type { ConversationEventKind } from '../entities/whatsapp-conversation-event.entity.js';
import { queryRows } from '../db/sql.js';
import type { Permission } from '../permissions/permission-names.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { InboxNotifications } from '../db/notify.js';
import { lockAuthorized, type LockedConversation } from './conversation-access.js';
import type { EventKind } from '../domain/event-kinds.js';
import { emitConversationEvents } from '../events/emit-event.js';

/** What a workflow use case did to one conversation. */
export interface ConversationOutcome {
  conversationId: string;
  /** False when the conversation already was as asked: nothing was written, nobody notified. */
  changed: boolean;
}

/** One row of the conversation's audit trail. */
export interface AuditEntry {
  kind: ConversationEventKind;
  details: Record<string, unknown>;
}

export interface ChangeRequest {
  conversationId: string;
  actor: InboxActor;
  /** Held on the conversation's number, on top of seeing the conversation. */
  permission: Permission;
}

/**
 * The shape of every state change an agent makes: one transaction; the conversation locked and
 * the actor checked on what the lock read; `apply` updates the row and says what happened, or
 * returns null for a no-op; then the audit row, the outbox events hosts receive, and the
 * `conversation.updated` notification, which listeners receive on commit only.
 */
export async function changeConversation(
  context: PluginContext,
  request: ChangeRequest,
  apply: (tx: Transaction, conversation: LockedConversation, actor: InboxActor) => Promise<AuditEntry | null>,
): Promise<ConversationOutcome> {
  return inTransaction(context.dataSource, async (tx) => {
    const { conversation, actor } = await lockAuthorized(tx.manager, request);
    const entry = await apply(tx, conversation, actor);
    if (!entry) return { conversationId: conversation.id, changed: false };
    await recordAudit(tx.manager, conversation.id, actor.id, entry);
    await emitWorkflowEvents(tx.manager, conversation.id, actor.id, entry);
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'conversation.updated', accountId: conversation.accountId, conversationId: conversation.id });
    await notifications.emit(tx.manager);
    return { conversationId: conversation.id, changed: true };
  });
}

/**
 * Appends to the conversation's audit trail, in the caller's transaction. Stamped with the
 * time of the insert, made under the conversation's lock, rather than the transaction's start
 * (now()): two agents' changes then read in the order they were applied.
 */
export async function recordAudit(manager: EntityManager, conversationId: string, actorId: string | null, entry: AuditEntry): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO whatsapp_conversation_events (conversation_id, kind, actor_id, details, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())`,
    [conversationId, entry.kind, actorId, entry.details],
  );
}

// The audit kinds hosts hear of, and as which events. Unassigning is an assignment to nobody;
// a lead made from a conversation is created and linked in one change.
const EVENTS_OF: Partial<Record<AuditEntry['kind'], readonly EventKind[]>> = {
  assigned: ['conversation.assigned'],
  unassigned: ['conversation.assigned'],
  resolved: ['conversation.resolved'],
  reopened: ['conversation.reopened'],
  lead_linked: ['lead.linked'],
  lead_created: ['lead.created', 'lead.linked'],
};

/** The outbox events of one workflow change, in its transaction, after the conversation was updated. */
async function emitWorkflowEvents(manager: EntityManager, conversationId: string, actorId: string | null, entry: AuditEntry): Promise<void> {
  for (const kind of EVENTS_OF[entry.kind] ?? []) {
    await emitConversationEvents(manager, kind, [conversationId], { ...entry.details, actorId });
  }
}

import type { EntityManager } from 'typeorm';
import { queryRows } from '../db/sql.js';
import type { ConversationEventKind } from '../entities/whatsapp-conversation-event.entity.js';
import { InboxNotifications } from '../db/notify.js';
import type { EventKind } from '../domain/event-kinds.js';
import { emitConversationEvents } from '../events/emit-event.js';

// The automations' changes hosts hear of, as they hear of an agent's.
const EVENTS_OF: Partial<Record<ConversationEventKind, EventKind>> = {
  assigned: 'conversation.assigned',
  unassigned: 'conversation.assigned',
};

/**
 * Appends what an automation did to the conversation's audit trail (no actor: the system acted;
 * `details.automatic` says so), writes the hosts' event of an assignment, and tells the live
 * inbox, in the caller's transaction.
 */
export async function recordAutomationEvent(
  manager: EntityManager,
  conversation: { id: string; accountId: string },
  kind: ConversationEventKind,
  details: Record<string, unknown>,
): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO whatsapp_conversation_events (conversation_id, kind, actor_id, details, created_at) VALUES ($1, $2, NULL, $3, clock_timestamp())`,
    [conversation.id, kind, { ...details, automatic: true }],
  );
  const event = EVENTS_OF[kind];
  if (event) await emitConversationEvents(manager, event, [conversation.id], { ...details, automatic: true, actorId: null });
  const notifications = new InboxNotifications();
  notifications.add({ kind: 'conversation.updated', accountId: conversation.accountId, conversationId: conversation.id });
  await notifications.emit(manager);
}

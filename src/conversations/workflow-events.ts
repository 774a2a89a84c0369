import type { EntityManager } from 'typeorm';
import type { EventKind } from '../domain/event-kinds.js';
import { emitConversationEvents } from '../events/emit-event.js';
import type { AuditEntry } from './conversation-change.js';

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
export async function emitWorkflowEvents(manager: EntityManager, conversationId: string, actorId: string | null, entry: AuditEntry): Promise<void> {
  for (const kind of EVENTS_OF[entry.kind] ?? []) {
    await emitConversationEvents(manager, kind, [conversationId], { ...entry.details, actorId });
  }
}

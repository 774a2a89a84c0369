import type { EntityManager } from 'typeorm';
import { queryRows } from '../db/sql.js';
import type { EventKind } from '../domain/event-kinds.js';

/** One event as the outbox stores it. */
export interface OutboxEvent {
  kind: EventKind;
  /** Events with one key reach in-process handlers in the order they were written: the conversation's id, else what the event is about. */
  orderingKey: string;
  accountId: string | null;
  conversationId: string | null;
  data: Record<string, unknown>;
}

/**
 * Writes an event to the outbox in the caller's transaction: it exists exactly when the change
 * it tells of commits. The dispatcher (a job of the worker) hands it to the in-process handlers
 * and to the webhook endpoints.
 */
export async function emitEvent(manager: EntityManager, event: OutboxEvent): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data) VALUES ($1, $2, $3, $4, $5)`,
    [event.kind, event.orderingKey, event.accountId, event.conversationId, JSON.stringify(event.data)],
  );
}

// What every conversation-bound event carries: the number, the conversation and its state, and
// the contact with the host's CRM record, so that a host needs no second request to file it.
const CONVERSATION_DATA = `jsonb_build_object(
    'accountId', c.account_id, 'phoneNumberId', a.phone_number_id, 'conversationId', c.id,
    'conversationStatus', c.status, 'assigneeId', c.assignee_id, 'leadId', c.lead_id,
    'contact', jsonb_build_object(
      'id', ct.id, 'waId', ct.wa_id, 'phoneE164', ct.phone_e164, 'name', COALESCE(ct.display_name, ct.profile_name),
      'crmRecord', CASE WHEN ct.crm_record_type IS NULL THEN NULL
                        ELSE jsonb_build_object('type', ct.crm_record_type, 'id', ct.crm_record_id, 'label', ct.crm_record_label) END))`;

const CONVERSATION_JOINS = `JOIN whatsapp_contacts ct ON ct.id = c.contact_id JOIN whatsapp_accounts a ON a.id = c.account_id`;

/** An event about each conversation (assigned, resolved, lead linked…), with `extra` merged into its data. */
export async function emitConversationEvents(
  manager: EntityManager,
  kind: EventKind,
  conversationIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (conversationIds.length === 0) return;
  await queryRows(
    manager,
    `INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, c.id::text, c.account_id, c.id, ${CONVERSATION_DATA} || $3::jsonb
       FROM whatsapp_conversations c ${CONVERSATION_JOINS}
      WHERE c.id = ANY($2::uuid[])
      ORDER BY c.id`,
    [kind, conversationIds, JSON.stringify(extra)],
  );
}

/**
 * An event about each message (received, sent, status changed, failed), in the order the
 * messages were created, ordered with the other events of its conversation.
 */
export async function emitMessageEvents(
  manager: EntityManager,
  kind: EventKind,
  messageIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (messageIds.length === 0) return;
  await queryRows(
    manager,
    `INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, c.id::text, c.account_id, c.id, ${CONVERSATION_DATA} || jsonb_build_object('message', jsonb_build_object(
              'id', m.id, 'wamid', m.wamid, 'direction', m.direction, 'type', m.type, 'status', m.status, 'text', m.body,
              'templateId', m.template_id, 'sentById', m.sent_by_id, 'createdAt', m.created_at,
              'error', CASE WHEN m.status = 'failed' THEN jsonb_build_object('code', m.error_code, 'title', m.error_title, 'details', m.error_details) END))
            || $3::jsonb
       FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id ${CONVERSATION_JOINS}
      WHERE m.id = ANY($2::uuid[])
      ORDER BY m.created_at, m.id`,
    [kind, messageIds, JSON.stringify(extra)],
  );
}

/** `template.status_changed` for each template, with its status now and the one it had (by id). */
export async function emitTemplateStatusChanges(manager: EntityManager, previousStatusById: ReadonlyMap<string, string | null>): Promise<void> {
  if (previousStatusById.size === 0) return;
  await queryRows(
    manager,
    `INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT 'template.status_changed', 'template:' || t.id, t.account_id, NULL, jsonb_build_object(
              'accountId', t.account_id, 'phoneNumberId', a.phone_number_id,
              'template', jsonb_build_object('id', t.id, 'name', t.name, 'language', t.language, 'category', t.category,
                                             'status', t.status, 'previousStatus', p.previous, 'rejectionReason', t.rejection_reason))
       FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, previous text)
       JOIN whatsapp_templates t ON t.id = p.id JOIN whatsapp_accounts a ON a.id = t.account_id
      ORDER BY t.id`,
    [JSON.stringify([...previousStatusById].map(([id, previous]) => ({ id, previous })))],
  );
}

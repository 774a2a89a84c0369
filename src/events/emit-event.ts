import type { EntityManager } from 'typeorm';
import { prepared, queryRows } from '../db/sql.js';
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
export const CONTACT_DATA = `jsonb_build_object(
      'id', ct.id, 'waId', ct.wa_id, 'phoneE164', ct.phone_e164, 'name', COALESCE(ct.display_name, ct.profile_name),
      'crmRecord', CASE WHEN ct.crm_record_type IS NULL THEN NULL
                        ELSE jsonb_build_object('type', ct.crm_record_type, 'id', ct.crm_record_id, 'label', ct.crm_record_label) END)`;

/** The contact `ct`'s live conversation, else its latest (`v`, null when it has none): what its events are filed under. */
export const LATEST_CONVERSATION = `LEFT JOIN LATERAL (SELECT id FROM whatsapp_conversations v WHERE v.contact_id = ct.id
  ORDER BY (v.status <> 'resolved') DESC, v.created_at DESC LIMIT 1) v ON TRUE`;

const CONVERSATION_DATA = `jsonb_build_object(
    'accountId', c.account_id, 'phoneNumberId', a.phone_number_id, 'conversationId', c.id,
    'conversationStatus', c.status, 'assigneeId', c.assignee_id, 'leadId', c.lead_id, 'contact', ${CONTACT_DATA})`;

const CONVERSATION_JOINS = `JOIN whatsapp_contacts ct ON ct.id = c.contact_id JOIN whatsapp_accounts a ON a.id = c.account_id`;

/** An event about each conversation (assigned, resolved, lead linked…), with `extra` merged into its data. */
export async function emitConversationEvents(
  manager: EntityManager,
  kind: EventKind,
  conversationIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  await emitConversationEventList(
    manager,
    [...new Set(conversationIds)].map((conversationId) => ({ kind, conversationId, extra })),
  );
}

/** Conversation events of any kinds in one statement, written in the order given (the order hosts receive them per conversation). */
export async function emitConversationEventList(
  manager: EntityManager,
  events: readonly { kind: EventKind; conversationId: string; extra: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT e.kind, c.id::text, c.account_id, c.id, ${CONVERSATION_DATA} || e.extra
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (kind text, "conversationId" uuid, extra jsonb)) WITH ORDINALITY AS e(kind, conversation_id, extra, n)
       JOIN whatsapp_conversations c ON c.id = e.conversation_id ${CONVERSATION_JOINS}
      ORDER BY e.n`),
    [JSON.stringify(events)],
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
    prepared(`INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, c.id::text, c.account_id, c.id, ${CONVERSATION_DATA} || jsonb_build_object('message', jsonb_build_object(
              'id', m.id, 'wamid', m.wamid, 'direction', m.direction, 'type', m.type, 'status', m.status, 'text', m.body,
              'templateId', m.template_id, 'sentById', m.sent_by_id, 'createdAt', m.created_at,
              'error', CASE WHEN m.status = 'failed' THEN jsonb_build_object('code', m.error_code, 'title', m.error_title, 'details', m.error_details) END))
            || $3::jsonb
       FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id ${CONVERSATION_JOINS}
      WHERE m.id = ANY($2::uuid[])
      ORDER BY m.created_at, m.id`),
    [kind, messageIds, JSON.stringify(extra)],
  );
}

/**
 * An event about a contact (consent given or withdrawn), ordered with its latest conversation's
 * events when it has one, with that conversation's id.
 */
export async function emitContactEvent(manager: EntityManager, kind: EventKind, contactId: string, extra: Record<string, unknown> = {}): Promise<void> {
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, COALESCE(v.id::text, 'contact:' || ct.id), ct.account_id, v.id,
            jsonb_build_object('accountId', ct.account_id, 'phoneNumberId', a.phone_number_id, 'conversationId', v.id, 'contact', ${CONTACT_DATA})
            || $3::jsonb
       FROM whatsapp_contacts ct JOIN whatsapp_accounts a ON a.id = ct.account_id
       ${LATEST_CONVERSATION}
      WHERE ct.id = $2`),
    [kind, contactId, JSON.stringify(extra)],
  );
}

/** The status of every template of a number, read before and after a change that may move them. */
export async function readTemplateStatuses(manager: EntityManager, accountId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; status: string }>(manager, `SELECT id, status FROM whatsapp_templates WHERE account_id = $1`, [accountId]);
  return new Map(rows.map((row) => [row.id, row.status]));
}

/**
 * `template.status_changed` for each template whose status differs between `before` and
 * `after` (readTemplateStatuses), with its status now and the one it had (null: it is new).
 */
export async function emitTemplateStatusChanges(
  manager: EntityManager,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): Promise<void> {
  const changed = [...after].filter(([id, status]) => before.get(id) !== status).map(([id]) => ({ id, previous: before.get(id) ?? null }));
  if (changed.length === 0) return;
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
    [JSON.stringify(changed)],
  );
}

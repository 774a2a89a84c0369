import type { EntityManager } from 'typeorm';
import { prepared, queryRows } from '../db/sql.js';
import type { EventKind } from '../domain/event-kinds.js';
import { CONTACT_DATA, LATEST_CONVERSATION } from './emit-event.js';

type BroadcastEventKind = Extract<EventKind, `broadcast.${string}`>;
type EnrollmentEventKind = Extract<EventKind, `enrollment.${string}`>;

/**
 * An event about a broadcast, read from its row as the caller's transaction left it (status,
 * times, why it paused), with `extra` (who, why, the counts) merged into its data. A broadcast's
 * events reach handlers in the order they happened. No recipient and no message text: a host
 * hears of each message by its own events.
 */
export async function emitBroadcastEvent(
  manager: EntityManager,
  kind: BroadcastEventKind,
  broadcastId: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, 'broadcast:' || b.id, b.account_id, NULL, jsonb_build_object(
              'accountId', b.account_id, 'phoneNumberId', a.phone_number_id,
              'broadcast', jsonb_build_object('id', b.id, 'name', b.name, 'status', b.status, 'audience', b.audience->>'kind',
                                              'templateId', b.template_id, 'templateName', t.name, 'templateLanguage', t.language,
                                              'scheduledAt', b.scheduled_at, 'startedAt', b.started_at, 'finishedAt', b.finished_at,
                                              'recipientsTotal', b.recipients_total, 'pausedReason', b.paused_reason))
            || $3::jsonb
       FROM whatsapp_broadcasts b JOIN whatsapp_accounts a ON a.id = b.account_id LEFT JOIN whatsapp_templates t ON t.id = b.template_id
      WHERE b.id = $2`),
    [kind, broadcastId, JSON.stringify(extra)],
  );
}

/**
 * An event about each enrollment (started, ended), read from its row: the sequence, how the
 * contact was enrolled (`source`), and for an end why (`reason`: its exit reason, `completed`
 * when it went through every step) — with the contact and its CRM record, like the contact's
 * other events. Ordered per contact: a host sees a contact leave a sequence before it sees them
 * enrolled again.
 */
export async function emitEnrollmentEvents(
  manager: EntityManager,
  kind: EnrollmentEventKind,
  enrollmentIds: readonly string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (enrollmentIds.length === 0) return;
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_outbox_events (kind, ordering_key, account_id, conversation_id, data)
     SELECT $1, 'contact:' || ct.id, s.account_id, v.id, jsonb_build_object(
              'accountId', s.account_id, 'phoneNumberId', a.phone_number_id, 'conversationId', v.id, 'contact', ${CONTACT_DATA},
              'sequence', jsonb_build_object('id', s.id, 'name', s.name),
              'enrollment', jsonb_build_object('id', e.id, 'status', e.status, 'source', e.source, 'enrolledById', e.enrolled_by_id,
                                               'enrolledAt', e.created_at, 'finishedAt', e.finished_at),
              'reason', CASE WHEN e.status = 'active' THEN NULL WHEN e.status = 'completed' THEN 'completed' ELSE e.exit_reason END)
            || $3::jsonb
       FROM whatsapp_sequence_enrollments e JOIN whatsapp_sequences s ON s.id = e.sequence_id
       JOIN whatsapp_contacts ct ON ct.id = e.contact_id JOIN whatsapp_accounts a ON a.id = s.account_id
       ${LATEST_CONVERSATION}
      WHERE e.id = ANY($2::uuid[])
      ORDER BY e.id`),
    [kind, enrollmentIds, JSON.stringify(extra)],
  );
}

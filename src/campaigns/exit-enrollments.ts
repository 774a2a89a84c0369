import type { EntityManager } from 'typeorm';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { EnrollmentExitReason } from '../domain/campaign-kinds.js';
import { emitEnrollmentEvents } from '../events/emit-campaign-events.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { assertManages } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';

/**
 * Ends the active enrollments of these contacts, in the caller's transaction: on a reply (only
 * sequences that exit on reply), on an opt-out (every sequence), when their conversation is
 * resolved (sequences that exit on resolve). Each gets its timeline line. Returns how many ended.
 */
export async function exitEnrollmentsOf(manager: EntityManager, contactIds: readonly string[], reason: EnrollmentExitReason, at: Date): Promise<number> {
  if (contactIds.length === 0) return 0;
  const sequenceRule = reason === 'replied' ? 's.exit_on_reply' : reason === 'resolved' ? 's.exit_on_resolve' : 'true';
  const ended = await queryRows<{ id: string }>(
    manager,
    `WITH ended AS (
       UPDATE whatsapp_sequence_enrollments e SET status = 'exited', exit_reason = $2, current_step_id = NULL, next_run_at = NULL, finished_at = $3, updated_at = now()
         FROM whatsapp_sequences s
        WHERE e.contact_id = ANY($1::uuid[]) AND e.status = 'active' AND s.id = e.sequence_id AND ${sequenceRule}
        RETURNING e.id
     ), timeline AS (
       INSERT INTO whatsapp_sequence_enrollment_events (enrollment_id, at, kind, details)
       SELECT id, $3, 'exited', jsonb_build_object('reason', $2::text) FROM ended
     )
     SELECT id FROM ended`,
    [contactIds, reason, at],
  );
  await emitEnrollmentEvents(
    manager,
    'enrollment.ended',
    ended.map((row) => row.id),
    { actorId: null },
  );
  return ended.length;
}

/** A manager takes a contact out of a sequence by hand. */
export async function exitEnrollment(context: PluginContext, actor: InboxActor | null, enrollmentId: string): Promise<void> {
  await inTransaction(context.dataSource, async ({ manager }) => {
    const enrollment = await queryOne<{ id: string; account_id: string; status: string }>(
      manager,
      prepared(`SELECT e.id, s.account_id, e.status FROM whatsapp_sequence_enrollments e JOIN whatsapp_sequences s ON s.id = e.sequence_id
        WHERE e.id::text = $1 FOR UPDATE OF e`),
      [enrollmentId],
    );
    if (!enrollment) throw CampaignRefusal.of('enrollment-not-found');
    assertManages(actor, enrollment.account_id);
    if (enrollment.status !== 'active') throw CampaignRefusal.of('already-finished');
    const at = context.clock.now();
    await queryRows(
      manager,
      `WITH ended AS (
         UPDATE whatsapp_sequence_enrollments SET status = 'exited', exit_reason = 'manual', current_step_id = NULL, next_run_at = NULL, finished_at = $2, updated_at = now()
          WHERE id = $1 RETURNING id
       )
       INSERT INTO whatsapp_sequence_enrollment_events (enrollment_id, at, kind, details)
       SELECT id, $2, 'exited', jsonb_build_object('reason', 'manual', 'by', $3::text) FROM ended`,
      [enrollment.id, at, actor?.id ?? null],
    );
    await emitEnrollmentEvents(manager, 'enrollment.ended', [enrollment.id], { actorId: actor?.id ?? null });
  });
}

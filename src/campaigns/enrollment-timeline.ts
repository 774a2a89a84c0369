import type { EntityManager } from 'typeorm';
import { prepared, queryRows } from '../db/sql.js';
import type { EnrollmentEventKind } from '../domain/campaign-kinds.js';

/** Adds a line to an enrollment's timeline, in the transaction of what it tells. */
export async function recordEnrollmentEvent(
  manager: EntityManager,
  enrollmentId: string,
  at: Date,
  kind: EnrollmentEventKind,
  extra: { stepId?: string | null; messageId?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_sequence_enrollment_events (enrollment_id, at, kind, step_id, message_id, details) VALUES ($1, $2, $3, $4, $5, $6)`),
    [enrollmentId, at, kind, extra.stepId ?? null, extra.messageId ?? null, JSON.stringify(extra.details ?? {})],
  );
}

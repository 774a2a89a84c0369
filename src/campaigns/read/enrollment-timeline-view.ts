import { prepared, queryOne, queryRows, type Queryable } from '../../db/sql.js';
import type { EnrollmentEventKind, EnrollmentStatus, StepKind } from '../../domain/campaign-kinds.js';

/** One line of an enrollment's timeline, as its page shows it. */
export interface TimelineLine {
  at: Date;
  kind: EnrollmentEventKind;
  /** The step's place in the sequence (1-based) and kind, while the sequence still has it. */
  stepNumber: number | null;
  stepKind: StepKind | null;
  /** What the line says beyond its kind: the source, a skip's reason (an i18n key), the end of a wait, a branch's outcome. */
  details: { source?: string; reason?: string; until?: string; holds?: boolean; condition?: string; keyword?: string };
  /** The message a step sent, and where it stands. */
  message: { status: string; body: string | null } | null;
}

export interface EnrollmentTimeline {
  status: EnrollmentStatus;
  nextRunAt: Date | null;
  lines: TimelineLine[];
}

/**
 * An enrollment's timeline, oldest first, with the status of each message it sent. Lines of one
 * run share their time: within it, steps in their order and how the run ended last.
 */
export async function loadEnrollmentTimeline(db: Queryable, enrollmentId: string): Promise<EnrollmentTimeline | undefined> {
  const enrollment = await queryOne<{ status: EnrollmentStatus; nextRunAt: Date | null }>(
    db,
    prepared(`SELECT status, next_run_at AS "nextRunAt" FROM whatsapp_sequence_enrollments WHERE id::text = $1`),
    [enrollmentId],
  );
  if (!enrollment) return undefined;
  const rows = await queryRows<{ at: Date; kind: EnrollmentEventKind; position: number | null; step_kind: StepKind | null; details: TimelineLine['details']; status: string | null; body: string | null }>(
    db,
    prepared(`SELECT ev.at, ev.kind, step.position::int AS position, step.value->>'kind' AS step_kind, ev.details, m.status, m.body
       FROM whatsapp_sequence_enrollment_events ev
       JOIN whatsapp_sequence_enrollments e ON e.id = ev.enrollment_id
       JOIN whatsapp_sequences s ON s.id = e.sequence_id
       LEFT JOIN LATERAL jsonb_array_elements(s.steps) WITH ORDINALITY AS step(value, position) ON step.value->>'id' = ev.step_id
       LEFT JOIN whatsapp_messages m ON m.id = ev.message_id
      WHERE ev.enrollment_id::text = $1
      ORDER BY ev.at, CASE ev.kind WHEN 'enrolled' THEN 0 WHEN 'waiting' THEN 2 WHEN 'completed' THEN 2 WHEN 'exited' THEN 2 ELSE 1 END, step.position`),
    [enrollmentId],
  );
  return {
    ...enrollment,
    lines: rows.map((row) => ({
      at: row.at, kind: row.kind, stepNumber: row.position, stepKind: row.step_kind, details: row.details,
      message: row.status ? { status: row.status, body: row.body } : null,
    })),
  };
}

import { queryOne, type Queryable } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import type { FieldProblems } from './settings-problems.js';

/**
 * An SLA policy's label, as its form sent it, must be one of the managed labels (shared by every
 * number), so that a policy never waits for a label no conversation can have. Empty: any label.
 */
export async function slaPolicyLabelProblems(db: Queryable, form: Record<string, unknown>): Promise<FieldProblems> {
  const labelId = form.labelId;
  if (labelId === undefined || labelId === null || labelId === '') return {};
  const known = isUuid(labelId) && (await queryOne<{ id: string }>(db, `SELECT id FROM whatsapp_labels WHERE id = $1`, [labelId]));
  return known ? {} : { labelId: 'automation.sla.problem.label' };
}

import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryRows } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import type { SequenceTrigger } from '../domain/campaign-kinds.js';
import { enqueueSweep } from './broadcast-jobs.js';
import { enrollInTransaction } from './enroll-contacts.js';

/** Something that happened to a contact that sequences may be started by. */
export type EnrollingEvent =
  | { kind: 'lead_created'; accountId: string; contactId: string }
  | { kind: 'label_added'; accountId: string; contactId: string; label: string };

/**
 * Enrolls the contact in every active sequence of the number that this event starts, in the
 * transaction of the change itself (so the enrollment exists exactly when the change does).
 * Returns how many enrollments started.
 */
export async function enrollByEvent(context: PluginContext, tx: Pick<Transaction, 'manager' | 'jobDb'>, event: EnrollingEvent): Promise<number> {
  const trigger: SequenceTrigger = event.kind === 'label_added' ? { kind: 'label_added', label: event.label } : { kind: 'lead_created' };
  const sequences = await queryRows<{ id: string }>(
    tx.manager,
    prepared(`SELECT id FROM whatsapp_sequences WHERE account_id = $1 AND status = 'active' AND triggers @> $2::jsonb ORDER BY created_at`),
    [event.accountId, JSON.stringify([trigger])],
  );
  let enrolled = 0;
  for (const sequence of sequences) {
    const result = await enrollInTransaction(context, tx.manager, null, { sequenceId: sequence.id, contactIds: [event.contactId], source: 'event', details: { event: event.kind, ...('label' in event ? { label: event.label } : {}) } });
    enrolled += result.enrolled.length;
  }
  if (enrolled > 0) await enqueueSweep(context, tx.jobDb);
  return enrolled;
}

import { prepared, queryOne, type Queryable } from '../../db/sql.js';
import type { SequenceDefinition } from '../save-sequence.js';

/** A sequence as its editor shows it again. */
export async function loadSequenceDefinition(db: Queryable, sequenceId: string): Promise<SequenceDefinition | undefined> {
  return queryOne<SequenceDefinition>(
    db,
    prepared(`SELECT account_id AS "accountId", name, status, steps, triggers, exit_on_reply AS "exitOnReply", exit_on_resolve AS "exitOnResolve"
       FROM whatsapp_sequences WHERE id::text = $1`),
    [sequenceId],
  );
}

import { prepared, queryRows, type Queryable } from '../../db/sql.js';
import type { SequenceStatus } from '../../domain/campaign-kinds.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { campaignNumbers } from '../campaign-access.js';

/** A sequence as the REST API lists it. */
export interface ApiSequence {
  id: string;
  accountId: string;
  name: string;
  status: SequenceStatus;
  /** It has the API trigger: the CRM's systems may enrol contacts in it. */
  acceptsApiEnrollments: boolean;
}

/** The sequences of the numbers where the actor runs campaigns (one number's with `accountId`), by name. */
export async function sequencesFor(db: Queryable, actor: InboxActor | null, accountId?: string): Promise<ApiSequence[]> {
  const numbers = campaignNumbers(actor);
  if (numbers !== 'all' && numbers.length === 0) return [];
  return queryRows<ApiSequence>(
    db,
    prepared(`SELECT id, account_id AS "accountId", name, status, triggers @> '[{"kind":"api"}]'::jsonb AS "acceptsApiEnrollments"
       FROM whatsapp_sequences
      WHERE ($1::uuid[] IS NULL OR account_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR account_id = $2::uuid)
      ORDER BY name, id`),
    [numbers === 'all' ? null : numbers, accountId ?? null],
  );
}

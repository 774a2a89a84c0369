import type { EntityManager } from 'typeorm';
import { contactForPhone } from '../contacts/contact-for-phone.js';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { EnrollmentSource, SequenceStep, SequenceTrigger } from '../domain/campaign-kinds.js';
import { emitEnrollmentEvents } from '../events/emit-campaign-events.js';
import { normalizePhone } from '../domain/phone.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { enqueueSweep } from './broadcast-jobs.js';
import { assertManages } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';
import { recordEnrollmentEvent } from './enrollment-timeline.js';

export interface EnrollmentRequest {
  sequenceId: string;
  /** Contacts of the sequence's number, by id… */
  contactIds?: string[];
  /** …or phones typed any way (a contact is created for a phone the number never heard from). */
  phones?: string[];
  source: EnrollmentSource;
  /** Why, for the timeline (the keyword, the event). */
  details?: Record<string, unknown>;
}

export interface EnrollmentResult {
  /** Enrollments started. */
  enrolled: string[];
  /** Contacts already going through the sequence (one active enrollment per contact and sequence). */
  alreadyActive: number;
  /** Phones that could not be read, contacts not of the sequence's number. */
  notFound: number;
}

/**
 * Enrolls contacts in a sequence: each starts at the first step, now (the sweep runs it at
 * once). A contact already active in it is left where they are: the database's unique active
 * enrollment makes two enrolments racing start one.
 */
export async function enrollContacts(context: PluginContext, actor: InboxActor | null, request: EnrollmentRequest): Promise<EnrollmentResult> {
  const result = await inTransaction(context.dataSource, async (tx) => {
    const enrolled = await enrollInTransaction(context, tx.manager, actor, request);
    if (enrolled.enrolled.length > 0) await enqueueSweep(context, tx.jobDb);
    return enrolled;
  });
  return result;
}

interface SequenceRow {
  id: string;
  account_id: string;
  phone_number_id: string;
  default_region: string;
  status: string;
  steps: SequenceStep[];
  triggers: SequenceTrigger[];
}

/** The same, in the caller's transaction (enrolment by a keyword or an event, in the transaction of what triggered it). */
export async function enrollInTransaction(
  context: PluginContext,
  manager: EntityManager,
  actor: InboxActor | null,
  request: EnrollmentRequest,
): Promise<EnrollmentResult> {
  const sequence = await queryOne<SequenceRow>(
    manager,
    prepared(`SELECT s.id, s.account_id, a.phone_number_id, a.default_region, s.status, s.steps, s.triggers
       FROM whatsapp_sequences s JOIN whatsapp_accounts a ON a.id = s.account_id WHERE s.id::text = $1`),
    [request.sequenceId],
  );
  if (!sequence) throw CampaignRefusal.of('not-found');
  assertManages(actor, sequence.account_id);
  if (sequence.status !== 'active') throw CampaignRefusal.of('sequence-not-active');
  // The CRM's systems enrol only where a manager said they may.
  if (request.source === 'api' && !sequence.triggers.some((trigger) => trigger.kind === 'api')) throw CampaignRefusal.of('api-enrollment-off');
  const first = sequence.steps[0];
  if (!first) throw CampaignRefusal.of('sequence-problems', { problems: 'campaigns.sequence.problem.noMessage' });

  const contactIds = new Set<string>();
  let notFound = 0;
  if (request.contactIds?.length) {
    const found = await queryRows<{ id: string }>(
      manager,
      prepared(`SELECT id FROM whatsapp_contacts WHERE account_id = $1 AND id::text = ANY($2::text[])`),
      [sequence.account_id, request.contactIds],
    );
    found.forEach((row) => contactIds.add(row.id));
    notFound += new Set(request.contactIds).size - found.length;
  }
  for (const phone of request.phones ?? []) {
    const e164 = normalizePhone(phone, sequence.default_region);
    if (!e164) {
      notFound++;
      continue;
    }
    contactIds.add(await contactForPhone(manager, { id: sequence.account_id, phoneNumberId: sequence.phone_number_id }, e164.slice(1), context));
  }

  const now = context.clock.now();
  const created = await queryRows<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_sequence_enrollments (sequence_id, contact_id, source, current_step_id, next_run_at, enrolled_by_id)
     SELECT $1, contact_id, $3, $4, $5, $6 FROM unnest($2::uuid[]) AS contact_id
     ON CONFLICT (sequence_id, contact_id) WHERE status = 'active' DO NOTHING
     RETURNING id`),
    [sequence.id, [...contactIds], request.source, first.id, now, actor?.id ?? null],
  );
  for (const row of created) await recordEnrollmentEvent(manager, row.id, now, 'enrolled', { details: { source: request.source, ...request.details } });
  await emitEnrollmentEvents(
    manager,
    'enrollment.started',
    created.map((row) => row.id),
    { actorId: actor?.id ?? null, trigger: request.details ?? null },
  );
  return { enrolled: created.map((row) => row.id), alreadyActive: contactIds.size - created.length, notFound };
}

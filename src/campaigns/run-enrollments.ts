import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage, type SendTarget } from '../delivery/queue-outbound-message.js';
import { refusalBeforeMeta } from '../delivery/refusal-before-meta.js';
import type { BranchCondition, EnrollmentEventKind, SequenceStep } from '../domain/campaign-kinds.js';
import { resolveParameters } from '../domain/parameter-mapping.js';
import { serviceWindow } from '../domain/service-window.js';
import { MAX_STEPS_PER_RUN, stepAfter, stepById } from '../domain/sequence-steps.js';
import { contactTimeZone, waitEnd } from '../domain/sequence-timing.js';
import { emitEnrollmentEvents } from '../events/emit-campaign-events.js';
import { loadCampaignTemplate, templateMessage } from './campaign-template.js';
import { recordEnrollmentEvent } from './enrollment-timeline.js';
import { numberSchedule, type NumberSchedule } from './number-schedule.js';
import { conversationForContact } from './reach-contact.js';

interface DueEnrollment {
  id: string;
  contact_id: string;
  current_step_id: string | null;
  last_sent_at: Date | null;
  created_at: Date;
  account_id: string;
  steps: SequenceStep[];
}

interface EnrolledContact {
  name: string | null;
  phone: string | null;
  time_zone: string | null;
  crm_record_type: string | null;
  crm_record_id: string | null;
  crm_record_label: string | null;
  attributes: Record<string, string>;
  opted_out: boolean;
}

/**
 * Runs the enrollments whose time has come, one transaction each: the steps from the current one
 * until a wait (or the end) — messages queued, branches taken, the next run time set, and the
 * timeline — commit together or not at all. `FOR UPDATE SKIP LOCKED` gives each enrollment to
 * one worker, and a step is only ever passed once in a committed transaction: no step is sent
 * twice, with two workers or after a crash. Returns how many ran.
 */
export async function runDueEnrollments(context: PluginContext, limit = 500): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const found = await inTransaction(context.dataSource, async (tx) => {
      const now = context.clock.now();
      const due = await queryOne<DueEnrollment>(
        tx.manager,
        prepared(`SELECT e.id, e.contact_id, e.current_step_id, e.last_sent_at, e.created_at, s.account_id, s.steps
           FROM whatsapp_sequence_enrollments e JOIN whatsapp_sequences s ON s.id = e.sequence_id
          WHERE e.status = 'active' AND s.status = 'active' AND e.next_run_at <= $1
          ORDER BY e.next_run_at LIMIT 1 FOR UPDATE OF e SKIP LOCKED`),
        [now],
      );
      if (!due) return false;
      await runEnrollment(context, tx, due, now);
      return true;
    });
    if (!found) break;
    ran++;
  }
  return ran;
}

type StepOutcome = { next: string | null } | { waitUntil: Date; next: string | null } | { exit: 'opted-out' | 'no-phone' };

async function runEnrollment(context: PluginContext, tx: Transaction, enrollment: DueEnrollment, now: Date): Promise<void> {
  const { manager } = tx;
  const contact = (await queryOne<EnrolledContact>(
    manager,
    prepared(`SELECT COALESCE(display_name, profile_name, crm_record_label) AS name, COALESCE(phone_e164, '+' || wa_id) AS phone, time_zone, crm_record_type, crm_record_id,
            crm_record_label, attributes, marketing_opted_out_at IS NOT NULL AS opted_out
       FROM whatsapp_contacts WHERE id = $1`),
    [enrollment.contact_id],
  ))!;
  const schedule = await numberSchedule(manager, enrollment.account_id);
  const run: Run = { context, tx, enrollment, contact, schedule, now, lastSentAt: enrollment.last_sent_at };

  let step = stepById(enrollment.steps, enrollment.current_step_id);
  for (let executed = 0; step && executed < MAX_STEPS_PER_RUN; executed++) {
    const outcome = await runStep(run, step);
    if ('exit' in outcome) return exit(run, outcome.exit, step.id);
    if ('waitUntil' in outcome) return waitFor(run, outcome.waitUntil, outcome.next, step.id);
    step = stepById(enrollment.steps, outcome.next);
  }
  if (step) return waitFor(run, now, step.id, step.id);
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_sequence_enrollments SET status = 'completed', current_step_id = NULL, next_run_at = NULL, finished_at = $2,
            last_sent_at = $3, updated_at = now() WHERE id = $1`),
    [enrollment.id, now, run.lastSentAt],
  );
  await recordEnrollmentEvent(manager, enrollment.id, now, 'completed');
  await emitEnrollmentEvents(manager, 'enrollment.ended', [enrollment.id], { actorId: null });
}

interface Run {
  context: PluginContext;
  tx: Transaction;
  enrollment: DueEnrollment;
  contact: EnrolledContact;
  schedule: NumberSchedule;
  now: Date;
  lastSentAt: Date | null;
}

async function runStep(run: Run, step: SequenceStep): Promise<StepOutcome> {
  const next = () => stepAfter(run.enrollment.steps, step.id)?.id ?? null;
  switch (step.kind) {
    case 'wait': {
      const zone = contactTimeZone({ timeZone: run.contact.time_zone, phoneE164: run.contact.phone }, run.schedule.timeZone);
      return { waitUntil: waitEnd(run.now, step, zone), next: next() };
    }
    case 'wait_business_hours': {
      const opens = run.schedule.nextOpenAt(run.now);
      return opens.getTime() > run.now.getTime() ? { waitUntil: opens, next: next() } : { next: next() };
    }
    case 'branch': {
      const holds = await conditionHolds(run, step.condition);
      const target = holds ? step.thenStepId : step.elseStepId;
      await event(run, 'branched', step.id, null, { condition: step.condition.kind, holds });
      return { next: target === undefined ? next() : target };
    }
    case 'template':
    case 'text':
      return send(run, step, next());
  }
}

async function send(run: Run, step: Extract<SequenceStep, { kind: 'template' | 'text' }>, next: string | null): Promise<StepOutcome> {
  if (run.contact.opted_out) return { exit: 'opted-out' };
  const { manager } = run.tx;
  const conversationId = await conversationForContact(manager, run.enrollment.account_id, run.enrollment.contact_id);
  let target: SendTarget;
  try {
    target = await loadSendTarget(run.tx, conversationId);
  } catch (error) {
    if (!(error instanceof OutboundRefusal)) throw error;
    if (error.reason === 'recipient-without-phone') return { exit: 'no-phone' };
    await event(run, 'skipped', step.id, null, { reason: error.key });
    return { next };
  }

  let queued: { content: Parameters<typeof queueOutboundMessage>[2]['content']; body: string | null; templateId: string | null } | null = null;
  let skipReason: string | null = null;
  if (step.kind === 'text') {
    if (serviceWindow(target.lastInboundAt, run.now).open) queued = { content: { type: 'text', text: { body: step.text } }, body: step.text, templateId: null };
    else skipReason = 'campaigns.timeline.windowClosed';
  } else {
    const template = await loadCampaignTemplate(manager, run.enrollment.account_id, step.templateId);
    const parameters = resolveParameters(step.parameters, {
      name: run.contact.name, phone: run.contact.phone, crmLabel: run.contact.crm_record_label, attributes: run.contact.attributes, values: {},
    });
    const message = template && parameters.missing.length === 0 ? templateMessage(template, parameters.values) : null;
    if (!template || template.status !== 'APPROVED') skipReason = 'campaigns.timeline.templateNotApproved';
    else if (!message?.ok) skipReason = 'campaigns.timeline.missingParameter';
    else {
      const refused = refusalBeforeMeta({ ...target.conditions, templateCategory: template.category });
      if (refused?.reason === 'marketing-opted-out') return { exit: 'opted-out' };
      if (refused) skipReason = refused.key;
      else queued = { content: message.content, body: message.body, templateId: template.id };
    }
  }
  if (!queued) {
    await event(run, 'skipped', step.id, null, { reason: skipReason });
    return { next };
  }
  const message = await queueOutboundMessage(run.context, run.tx, { target, content: queued.content, body: queued.body, actorId: null, templateId: queued.templateId });
  run.lastSentAt = run.now;
  await event(run, 'sent', step.id, message.id);
  return { next };
}

async function conditionHolds(run: Run, condition: BranchCondition): Promise<boolean> {
  const { manager } = run.tx;
  switch (condition.kind) {
    case 'replied': {
      const since = run.lastSentAt ?? run.enrollment.created_at;
      const row = await queryOne<{ replied: boolean }>(
        manager,
        prepared(`SELECT EXISTS (SELECT 1 FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
            WHERE c.contact_id = $1 AND m.direction = 'inbound' AND m.origin IS NULL AND m.created_at > $2) AS replied`),
        [run.enrollment.contact_id, since],
      );
      return row?.replied ?? false;
    }
    case 'label': {
      const row = await queryOne<{ labelled: boolean }>(
        manager,
        prepared(`SELECT COALESCE((SELECT $2 = ANY(labels) FROM whatsapp_conversations WHERE contact_id = $1
            ORDER BY (status <> 'resolved') DESC, created_at DESC LIMIT 1), false) AS labelled`),
        [run.enrollment.contact_id, condition.label],
      );
      return row?.labelled ?? false;
    }
    case 'crm_field': {
      const reader = run.context.options.crmField;
      const { crm_record_type: type, crm_record_id: id } = run.contact;
      // Without a host record (or a reader), the contact's own attribute of that name answers.
      const value = reader && type && id ? await reader({ crmRecordType: type, crmRecordId: id }, condition.field, { manager }) : run.contact.attributes[condition.field];
      return value !== null && value !== undefined && String(value) === condition.value;
    }
  }
}

async function waitFor(run: Run, until: Date, nextStepId: string | null, stepId: string): Promise<void> {
  await queryRows(
    run.tx.manager,
    prepared(`UPDATE whatsapp_sequence_enrollments SET current_step_id = $2, next_run_at = $3, last_sent_at = $4, updated_at = now() WHERE id = $1`),
    [run.enrollment.id, nextStepId, nextStepId ? until : run.now, run.lastSentAt],
  );
  await event(run, 'waiting', stepId, null, { until: until.toISOString() });
}

async function exit(run: Run, reason: 'opted-out' | 'no-phone', stepId: string): Promise<void> {
  await queryRows(
    run.tx.manager,
    prepared(`UPDATE whatsapp_sequence_enrollments SET status = 'exited', exit_reason = $2, current_step_id = NULL, next_run_at = NULL, finished_at = $3,
            last_sent_at = $4, updated_at = now() WHERE id = $1`),
    [run.enrollment.id, reason, run.now, run.lastSentAt],
  );
  await event(run, 'exited', stepId, null, { reason });
  await emitEnrollmentEvents(run.tx.manager, 'enrollment.ended', [run.enrollment.id], { actorId: null });
}

function event(run: Run, kind: EnrollmentEventKind, stepId: string, messageId: string | null, details: Record<string, unknown> = {}): Promise<void> {
  return recordEnrollmentEvent(run.tx.manager, run.enrollment.id, run.now, kind, { stepId, messageId, details });
}

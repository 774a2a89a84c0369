import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { InboxNotifications } from '../db/notify.js';
import { prepared, queryRows, type Queryable } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import type { SlaTarget } from '../domain/automation-kinds.js';
import { addBusinessSeconds, businessSecondsBetween, isOpenAt } from '../domain/business-hours.js';
import { recordAutomationEvent } from './automation-audit.js';
import { loadAutomationSettings, type AutomationSettings } from './automation-settings.js';

/** A conversation as SLA policies see it when its customer writes. */
export interface SlaCandidate {
  id: string;
  accountId: string;
  labels: string[];
  /** A human already answered this conversation once: the next message waits for a next response. */
  answeredBefore: boolean;
}

interface Policy {
  id: string;
  accountId: string | null;
  /** The name of the policy's label. */
  label: string | null;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warningPercent: number;
}

/** The automation queue's job for one timer's warning or due time. */
export interface SlaJobData {
  task: 'sla';
  timerId: string;
}

/**
 * Starts the SLA timers a customer's message calls for, in the caller's transaction: resolution
 * (if none runs), first response (until a human has answered once) or next response (if none
 * runs). The first enabled policy in order that matches the number and a label applies. Due and
 * warning times are counted in the number's business hours, so a timer does not run while the
 * number is closed; a job is queued for each.
 */
export async function startSlaTimers(
  context: PluginContext,
  tx: Transaction,
  conversations: readonly SlaCandidate[],
  settings: ReadonlyMap<string, AutomationSettings>,
  now: Date,
): Promise<void> {
  if (conversations.length === 0) return;
  const policies = await queryRows<Policy>(
    tx.manager,
    // Conversations carry their labels' names (whatsapp_conversations.labels): the policy's label is matched by its current name.
    prepared(`SELECT p.id, p.account_id AS "accountId", l.name AS label, p.first_response_minutes AS "firstResponseMinutes",
            p.next_response_minutes AS "nextResponseMinutes", p.resolution_minutes AS "resolutionMinutes", p.warning_percent AS "warningPercent"
       FROM whatsapp_sla_policies p LEFT JOIN whatsapp_labels l ON l.id = p.label_id
      WHERE p.enabled AND (p.account_id IS NULL OR p.account_id = ANY($1::uuid[])) ORDER BY p.position, p.created_at`),
    [[...new Set(conversations.map((c) => c.accountId))]],
  );
  for (const conversation of conversations) {
    const policy = policies.find((p) => (p.accountId === null || p.accountId === conversation.accountId) && (p.label === null || conversation.labels.includes(p.label)));
    if (!policy) continue;
    const hours = settings.get(conversation.accountId)?.businessHours ?? null;
    const targets: [SlaTarget, number | null][] = [
      ['resolution', policy.resolutionMinutes],
      conversation.answeredBefore ? ['next_response', policy.nextResponseMinutes] : ['first_response', policy.firstResponseMinutes],
    ];
    for (const [kind, minutes] of targets) {
      if (!minutes) continue;
      const due = addBusinessSeconds(hours, now, minutes * 60);
      const warn = addBusinessSeconds(hours, now, (minutes * 60 * policy.warningPercent) / 100);
      const [timer] = await queryRows<{ id: string }>(
        tx.manager,
        prepared(`INSERT INTO whatsapp_sla_timers (conversation_id, policy_id, kind, started_at, warn_at, due_at)
         SELECT $1::uuid, $2::uuid, $3::text, $4::timestamptz, $5::timestamptz, $6::timestamptz
          WHERE $3::text <> 'first_response' OR NOT EXISTS (SELECT 1 FROM whatsapp_sla_timers WHERE conversation_id = $1::uuid AND kind = 'first_response')
         ON CONFLICT (conversation_id, kind) WHERE stopped_at IS NULL DO NOTHING
         RETURNING id`),
        [conversation.id, policy.id, kind, now, warn, due],
      );
      if (!timer) continue;
      for (const [at, step] of [[warn, 'warn'], [due, 'due']] as const) {
        if (!at) continue;
        await context.jobs.send(QUEUES.automation, { task: 'sla', timerId: timer.id } satisfies SlaJobData, {
          startAfter: at,
          singletonKey: `sla-${step}:${timer.id}`,
          db: tx.jobDb,
        });
      }
    }
  }
}

interface PassedTimer {
  id: string;
  kind: SlaTarget;
  conversationId: string;
  accountId: string;
  assigneeId: string | null;
  dueAt: Date | null;
  breached: boolean;
}

/**
 * Warns about the running timers whose warning time has come and records the breaches of those
 * past due (once each: the rows say it), with an audit row and a live alert to the assignee and
 * the number's overseers. `timerId` checks one (its job); without, every timer (the sweep).
 */
export async function checkSlaTimers(context: PluginContext, now: Date, timerId?: string): Promise<{ warned: number; breached: number }> {
  return context.dataSource.transaction(async (manager) => {
    const passed = await queryRows<PassedTimer>(
      manager,
      `WITH due AS (
         SELECT t.id FROM whatsapp_sla_timers t
          WHERE t.stopped_at IS NULL AND t.breached_at IS NULL AND ($2::uuid IS NULL OR t.id = $2)
            AND (t.due_at <= $1 OR (t.warned_at IS NULL AND t.warn_at <= $1))
          FOR UPDATE SKIP LOCKED
       )
       UPDATE whatsapp_sla_timers t
          SET warned_at = coalesce(t.warned_at, $1),
              breached_at = CASE WHEN t.due_at <= $1 THEN $1 END,
              breached_assignee_id = CASE WHEN t.due_at <= $1 THEN c.assignee_id END
         FROM due, whatsapp_conversations c
        WHERE t.id = due.id AND c.id = t.conversation_id
       RETURNING t.id, t.kind, t.conversation_id AS "conversationId", c.account_id AS "accountId", c.assignee_id AS "assigneeId",
                 t.due_at AS "dueAt", t.breached_at IS NOT NULL AS breached`,
      [now, timerId ?? null],
    );
    const notifications = new InboxNotifications();
    for (const timer of passed) {
      await recordAutomationEvent(manager, { id: timer.conversationId, accountId: timer.accountId }, timer.breached ? 'sla_breached' : 'sla_warning', {
        target: timer.kind,
        dueAt: timer.dueAt?.toISOString() ?? null,
        assigneeId: timer.assigneeId,
      });
      notifications.add({ kind: timer.breached ? 'sla.breached' : 'sla.warning', accountId: timer.accountId, conversationId: timer.conversationId });
    }
    await notifications.emit(manager);
    return { warned: passed.filter((t) => !t.breached).length, breached: passed.filter((t) => t.breached).length };
  });
}

/** A running timer as the list and the thread show it. */
export interface SlaTimerView {
  kind: SlaTarget;
  dueAt: string | null;
  /** Business seconds left (negative: how long ago it passed, in business time). */
  remainingSeconds: number | null;
  breached: boolean;
  warned: boolean;
  /** The number is closed now: the timer does not run. */
  paused: boolean;
}

/** The running timers of these conversations, nearest due first, by conversation id. */
export async function loadSlaTimers(db: Queryable, conversationIds: readonly string[], now: Date): Promise<Map<string, SlaTimerView[]>> {
  const timers = new Map<string, SlaTimerView[]>();
  if (conversationIds.length === 0) return timers;
  const rows = await queryRows<{ conversationId: string; accountId: string; kind: SlaTarget; dueAt: Date | null; breachedAt: Date | null; warnedAt: Date | null }>(
    db,
    `SELECT t.conversation_id AS "conversationId", c.account_id AS "accountId", t.kind, t.due_at AS "dueAt", t.breached_at AS "breachedAt", t.warned_at AS "warnedAt"
       FROM whatsapp_sla_timers t JOIN whatsapp_conversations c ON c.id = t.conversation_id
      WHERE t.conversation_id = ANY($1::uuid[]) AND t.stopped_at IS NULL
      ORDER BY t.due_at NULLS LAST`,
    [[...conversationIds]],
  );
  const settings = await loadAutomationSettings(db, rows.map((row) => row.accountId));
  for (const row of rows) {
    const hours = settings.get(row.accountId)?.businessHours ?? null;
    const remaining =
      row.dueAt === null ? null : row.dueAt > now ? businessSecondsBetween(hours, now, row.dueAt) : -businessSecondsBetween(hours, row.dueAt, now);
    const view: SlaTimerView = {
      kind: row.kind,
      dueAt: row.dueAt?.toISOString() ?? null,
      remainingSeconds: remaining === null ? null : Math.round(remaining),
      breached: row.breachedAt !== null,
      warned: row.warnedAt !== null,
      paused: !isOpenAt(hours, now),
    };
    timers.set(row.conversationId, [...(timers.get(row.conversationId) ?? []), view]);
  }
  return timers;
}

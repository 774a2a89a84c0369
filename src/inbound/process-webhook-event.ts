import type { EntityManager } from 'typeorm';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { describeInboundMessage } from '../domain/inbound-message.js';
import { parseWebhookBody, type InboundMessage, type MetaError, type WebhookChange, type WebhookEnvelope } from '../domain/webhook-payload.js';
import { wellFormedJson } from '../domain/well-formed-text.js';
import { applyAccountNotice } from './apply-account-notice.js';
import { applyAppStateSync } from './apply-app-state-sync.js';
import { stageBusinessEchoes } from './apply-business-echoes.js';
import { applyMarketingPreferences } from './apply-marketing-preferences.js';
import { importHistory } from './import-history.js';
import { applyCallStatus, recordCalls } from './record-calls.js';
import type { WebhookEventStatus } from '../entities/whatsapp-webhook-event.entity.js';
import { QUEUES } from '../db/job-queues.js';
import type { PluginContext } from '../context/plugin-context.js';
import { contactLockKeys, lockKeys, messageLockKey } from '../db/advisory-locks.js';
import { applyStagedStatuses, stageMessageStatuses } from './apply-message-statuses.js';
import { applyTemplateUpdate, type TemplateUpdateChange } from './apply-template-update.js';
import { INBOX_CHANNEL, InboxNotifications } from '../db/notify.js';
import { CANDIDATE_COLUMNS, lookupSpellings, senderKey, type ContactCandidate } from './resolve-inbound-contact.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { senderOf, stageInboundMessages, storeStagedMessages } from './store-inbound-messages.js';
import { ConversationAuditTrail } from './open-conversation.js';
import { createNewCustomers } from './new-customers.js';
import { isUuid } from '../domain/uuid.js';

export type WebhookEventOutcome =
  | Extract<WebhookEventStatus, 'processed' | 'ignored' | 'unroutable' | 'unparseable'>
  /** Failed MAX_PROCESSING_ATTEMPTS times: left failed for a person (Reprocess), not retried. */
  | 'failed'
  /** The event was already processed or ignored (its job ran twice): nothing done. */
  | 'skipped'
  | 'missing';

export type WebhookEventResult = { outcome: WebhookEventOutcome } | { error: unknown };

const MAX_ERROR_LENGTH = 4000;

/**
 * An event that failed this many times stays `failed` with its reason (visible under Webhook
 * events, with Reprocess) instead of being retried forever: a poison delivery must not keep
 * the processor busy, and a person can act on its reason.
 */
export const MAX_PROCESSING_ATTEMPTS = 5;

/**
 * Processes one stored webhook event: every entry, change, message, status and error
 * (pitfall 1). The event ends `processed`, `ignored` (nothing for the inbox in it),
 * `unroutable` (a number or WABA no account has: reprocess it once the account exists) or
 * `unparseable`. Anything else throws after recording `failed`, the attempt and the reason,
 * so that pg-boss retries; the last attempt's reason stays on the event.
 */
export async function processWebhookEvent(context: PluginContext, eventId: string): Promise<WebhookEventOutcome> {
  const result = (await processWebhookEvents(context, [eventId])).get(eventId)!;
  if ('error' in result) throw result.error;
  return result.outcome;
}


/**
 * Processes several events in one transaction (one commit, one round of locks and lookups for
 * all of them: what makes the processor fast), each exactly as `processWebhookEvent` would.
 * When one of them fails, the transaction is rolled back and each event is processed again
 * in its own, so that only the failing one fails. Never throws: each event's result says.
 */
export async function processWebhookEvents(context: PluginContext, eventIds: readonly string[]): Promise<Map<string, WebhookEventResult>> {
  const results = new Map<string, WebhookEventResult>();
  const ids = [...new Set(eventIds)].filter((id) => {
    if (!isUuid(id)) results.set(id, { outcome: 'missing' });
    return isUuid(id);
  });
  if (ids.length === 0) return results;
  try {
    const outcomes = await inTransaction(context.dataSource, (tx) => processInTransaction(context, tx, ids));
    for (const [id, outcome] of outcomes) results.set(id, { outcome });
  } catch (error) {
    if (ids.length === 1) {
      const givenUp = await recordFailure(context, ids[0]!, error);
      results.set(ids[0]!, givenUp ? { outcome: 'failed' } : { error });
    } else {
      for (const id of ids) results.set(id, (await processWebhookEvents(context, [id])).get(id)!);
    }
  }
  return results;
}

interface LoadedEvent {
  id: string;
  rawBody: string;
  status: WebhookEventStatus;
}

interface Finished {
  status: Exclude<WebhookEventOutcome, 'skipped' | 'missing'>;
  lastError: string | null;
}

async function processInTransaction(context: PluginContext, tx: Transaction, ids: readonly string[]): Promise<Map<string, WebhookEventOutcome>> {
  const { manager } = tx;
  // FOR UPDATE (in id order, so batches never deadlock on each other): two jobs for one event
  // run one after the other, and the second finds it done.
  // synchronous_commit off: this commit need not wait for its WAL flush. The events are already
  // durable, and pg-boss completes their jobs afterwards with a synchronous commit, which
  // flushes the WAL up to and including this transaction; a crash before that loses only work
  // whose job is still active, and it is retried. Waiting here would serialise the processor
  // (PostgreSQL serialises the commits of transactions that NOTIFY).
  // plan_cache_mode force_custom_plan: the batch statements join a few rows to whole tables, and
  // a prepared statement's generic plan, made once while a table was small (a new install, the
  // first minutes of a campaign), would keep hashing the whole table after it grew: measured,
  // conversations scanned three times per transaction and the lag growing from 0.6 to 3 s within
  // a minute of 1,000 new customers/s. Custom plans see the table's size now, for a little planning.
  const events = await queryRows<LoadedEvent>(
    manager,
    prepared(`SELECT id, raw_body AS "rawBody", status, set_config('synchronous_commit', 'off', true) AS "commitMode",
            set_config('plan_cache_mode', 'force_custom_plan', true) AS "planMode"
       FROM whatsapp_webhook_events WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`),
    [ids],
  );
  const outcomes = new Map<string, WebhookEventOutcome>(ids.map((id) => [id, 'missing']));
  const finished = new Map<string, Finished>();
  const envelopes: { id: string; envelope: WebhookEnvelope }[] = [];
  for (const event of events) {
    if (event.status === 'processed' || event.status === 'ignored') {
      outcomes.set(event.id, 'skipped');
      continue;
    }
    const parsed = parse(event.rawBody);
    if ('reason' in parsed) finished.set(event.id, { status: 'unparseable', lastError: parsed.reason });
    else envelopes.push({ id: event.id, envelope: parsed.envelope });
  }

  await lockKeys(manager, envelopes.flatMap(({ envelope }) => lockKeysOf(envelope)));
  const lookups = await lookUp(manager, envelopes.map((e) => e.envelope));

  const scope: ProcessingScope = {
    context,
    manager,
    jobDb: tx.jobDb,
    notifications: new InboxNotifications(),
    storedWamids: lookups.storedWamids,
    stagedMessages: [],
    stagedStatuses: [],
    mediaMessageIds: [],
    correspondents: new Map(),
    prefetchedContacts: lookups.candidates,
    newCustomers: [],
    audit: new ConversationAuditTrail(),
    notes: [],
  };
  for (const { id, envelope } of envelopes) finished.set(id, await applyEnvelope(scope, lookups.routes, id, envelope));
  // The customers and conversations this batch opened, before their messages: hosts hear of a conversation before what is in it.
  await createNewCustomers(scope);
  await scope.audit.write(manager);
  await storeStagedMessages(scope);
  await applyStagedStatuses(scope);

  if (scope.mediaMessageIds.length > 0) {
    await context.jobs.insert(
      scope.mediaMessageIds.map((messageId) => ({ name: QUEUES.downloadMedia, data: { messageId } })),
      { db: tx.jobDb },
    );
  }
  await finishAndNotify(manager, finished, scope.notifications);
  for (const [id, { status }] of finished) outcomes.set(id, status);
  return outcomes;
}

function parse(rawBody: string): { envelope: WebhookEnvelope } | { reason: string } {
  let json: unknown;
  try {
    // Rows get well-formed text (PostgreSQL refuses a lone surrogate or NUL in jsonb and text); the raw event keeps the original.
    json = wellFormedJson(JSON.parse(rawBody), rawBody);
  } catch (error) {
    return { reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = parseWebhookBody(json);
  return parsed.ok ? { envelope: parsed.envelope } : { reason: parsed.reason };
}

async function applyEnvelope(scope: ProcessingScope, routes: Routes, eventId: string, envelope: WebhookEnvelope): Promise<Finished> {
  const unroutable: string[] = [];
  const metaErrors: MetaError[] = [];
  scope.notes = [];
  let applied = 0;
  for (const entry of envelope.entry) {
    const at = entry.time ? new Date(entry.time * 1000) : new Date();
    for (const change of entry.changes) {
      const number = numberOf(change);
      if (number) {
        const account = routes.byPhoneNumberId.get(number.phone_number_id);
        if (!account) {
          unroutable.push(
            `no WhatsApp number has phone_number_id ${number.phone_number_id} (display number ${number.display_phone_number}), ${change.field}: add it, then reprocess this event`,
          );
          continue;
        }
        applied += await applyNumberChange(scope, account, change, at);
        if (change.kind === 'messages' || change.kind === 'calls') metaErrors.push(...(change.value.errors ?? []));
        continue;
      }
      if (change.kind === 'other') {
        scope.notes.push(`field ${change.field} is not applied by this inbox (kept in the raw event)`);
        continue;
      }
      const accounts = routes.byWabaId.get(entry.id) ?? [];
      if (accounts.length === 0) {
        unroutable.push(`no WhatsApp number belongs to WABA ${entry.id} (${change.field}): add it, then reprocess this event`);
        continue;
      }
      if (change.kind === 'account_notice') await applyAccountNotice(scope.manager, accounts, { field: change.field, value: change.value, at });
      else if (isTemplateChange(change)) await applyTemplateUpdate(scope.manager, accounts.map((a) => a.id), change);
      applied++;
    }
  }
  if (metaErrors.length > 0) scope.context.logger.warn('Meta reported errors in a webhook', { eventId, errors: metaErrors });
  if (unroutable.length > 0) return { status: 'unroutable', lastError: unroutable.join('\n') };
  const notes = [...(metaErrors.length > 0 ? [describeMetaErrors(metaErrors)] : []), ...scope.notes];
  if (applied === 0 && notes.length === 0) notes.push('the delivery carried nothing to apply');
  return { status: applied > 0 ? 'processed' : 'ignored', lastError: notes.length > 0 ? notes.join('\n') : null };
}

function isTemplateChange(change: WebhookChange): change is Extract<WebhookChange, TemplateUpdateChange> {
  return ['template_status', 'template_category', 'template_quality', 'template_components'].includes(change.kind);
}

/** The number a change is for, when it names one (`metadata.phone_number_id`). */
function numberOf(change: WebhookChange): { phone_number_id: string; display_phone_number: string } | null {
  switch (change.kind) {
    case 'messages':
    case 'echoes':
    case 'history':
    case 'app_state_sync':
    case 'user_preferences':
    case 'calls':
      return change.value.metadata;
    default:
      return null;
  }
}

/** Applies a change addressed to one number; returns how many things it applied (0: nothing, and the notes say why). */
async function applyNumberChange(scope: ProcessingScope, account: RoutedAccount, change: WebhookChange, at: Date): Promise<number> {
  switch (change.kind) {
    case 'messages': {
      const notesBefore = scope.notes.length;
      await stageInboundMessages(scope, account, change.value);
      stageMessageStatuses(scope, account, change.value.statuses ?? []);
      for (const status of change.value.otherStatuses ?? []) {
        if (status.type === 'call') await applyCallStatus(scope, account, status);
        else scope.notes.push(`${status.type} status ${status.status} of ${status.id} kept in the raw event: ${status.type} statuses are not tracked by this inbox`);
      }
      // Applied unless every item of it was skipped (and said why): a change with nothing in it still went through.
      const items = (change.value.messages?.length ?? 0) + (change.value.statuses?.length ?? 0) + (change.value.otherStatuses?.length ?? 0);
      return items > 0 && scope.notes.length - notesBefore >= items ? 0 : 1;
    }
    case 'echoes':
      await stageBusinessEchoes(scope, account, change.value);
      return 1;
    case 'history':
      return (await importHistory(scope, account, change.value, change.value.metadata.display_phone_number)) > 0 || (change.value.messages?.length ?? 0) > 0 ? 1 : 0;
    case 'app_state_sync':
      await applyAppStateSync(scope, account, change.value, at);
      return 1;
    case 'user_preferences':
      return (await applyMarketingPreferences(scope, account, change.value)) > 0 ? 1 : 0;
    case 'calls':
      return (await recordCalls(scope, account, change.value)) > 0 ? 1 : 0;
    default:
      return 0;
  }
}

interface Routes {
  byPhoneNumberId: Map<string, RoutedAccount>;
  byWabaId: Map<string, RoutedAccount[]>;
}

interface Lookups {
  routes: Routes;
  storedWamids: Set<string>;
  /** The contacts the senders may be, by `senderKey` (account id). */
  candidates: Map<string, ContactCandidate[]>;
}

/**
 * In one statement: the accounts the events are routed to, which of their wamids are already
 * stored, and the contacts (with their live conversation) their senders may be. Read after the
 * locks: under them, "not stored" stays true until we store it, and no contact changes.
 */
async function lookUp(manager: EntityManager, envelopes: readonly WebhookEnvelope[]): Promise<Lookups> {
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  const wamids = new Set<string>();
  const senders: { key: string; phone_number_id: string; wa_id: string | null; user_id: string | null }[] = [];
  for (const envelope of envelopes) {
    for (const entry of envelope.entry) {
      for (const change of entry.changes) {
        if (change.kind === 'messages') {
          const phoneNumberId = change.value.metadata.phone_number_id;
          phoneNumberIds.add(phoneNumberId);
          for (const message of change.value.messages ?? []) {
            if (message.type === 'reaction') continue;
            wamids.add(message.id);
            const sender = senderOf(message, change.value.contacts ?? []);
            if (!sender) continue;
            const key = senderKey(phoneNumberId, sender);
            for (const waId of sender.waId ? lookupSpellings(sender.waId) : [null]) {
              senders.push({ key, phone_number_id: phoneNumberId, wa_id: waId, user_id: sender.userId });
            }
          }
          for (const status of change.value.statuses ?? []) wamids.add(status.id);
        } else if (numberOf(change)) {
          phoneNumberIds.add(numberOf(change)!.phone_number_id);
          for (const message of messagesOf(change)) wamids.add(message.id);
        } else if (change.kind !== 'other') {
          wabaIds.add(entry.id);
        }
      }
    }
  }
  const lookups: Lookups = { routes: { byPhoneNumberId: new Map(), byWabaId: new Map() }, storedWamids: new Set(), candidates: new Map() };
  if (phoneNumberIds.size === 0 && wabaIds.size === 0) return lookups;
  const found = await queryOne<{ accounts: RoutedAccount[]; stored: string[]; candidates: (ContactCandidate & { key: string })[] }>(
    manager,
    `SELECT COALESCE((SELECT json_agg(json_build_object('id', id, 'phoneNumberId', phone_number_id, 'wabaId', waba_id, 'defaultRegion', default_region,
                                        'displayPhoneNumber', display_phone_number))
                        FROM whatsapp_accounts WHERE phone_number_id = ANY($1::text[]) OR waba_id = ANY($2::text[])), '[]') AS accounts,
            COALESCE((SELECT json_agg(wamid) FROM whatsapp_messages WHERE wamid = ANY($3::text[])), '[]') AS stored,
            COALESCE((SELECT json_agg(candidate) FROM (
               SELECT DISTINCT ON (s.key, c.id) s.key, ${CANDIDATE_COLUMNS}
                 FROM jsonb_to_recordset($4::jsonb) AS s(key text, phone_number_id text, wa_id text, user_id text)
                 JOIN whatsapp_accounts a ON a.phone_number_id = s.phone_number_id
                 -- Two index lookups, not one OR: an OR across wa_id and user_id scans every contact.
                 CROSS JOIN LATERAL (
                   SELECT * FROM whatsapp_contacts byPhone WHERE byPhone.account_id = a.id AND byPhone.wa_id = s.wa_id
                   UNION ALL
                   SELECT * FROM whatsapp_contacts byUser WHERE byUser.account_id = a.id AND byUser.user_id = s.user_id) AS c) AS candidate), '[]') AS candidates`,
    [[...phoneNumberIds], [...wabaIds], [...wamids], JSON.stringify(senders)],
  );
  for (const account of found!.accounts) {
    if (phoneNumberIds.has(account.phoneNumberId)) lookups.routes.byPhoneNumberId.set(account.phoneNumberId, account);
    if (wabaIds.has(account.wabaId)) lookups.routes.byWabaId.set(account.wabaId, [...(lookups.routes.byWabaId.get(account.wabaId) ?? []), account]);
  }
  lookups.storedWamids = new Set(found!.stored);
  // From here on senders are known by account id: re-key, with an empty list for "looked up, none".
  const byPhoneKey = new Map<string, ContactCandidate[]>(senders.map((sender) => [sender.key, []]));
  for (const { key, ...candidate } of found!.candidates) byPhoneKey.get(key)?.push(candidate);
  for (const [key, candidates] of byPhoneKey) {
    const separator = key.indexOf(':');
    const account = lookups.routes.byPhoneNumberId.get(key.slice(0, separator));
    if (account) lookups.candidates.set(`${account.id}${key.slice(separator)}`, candidates);
  }
  return lookups;
}

/** Every contact and wamid an event touches, so that all the locks are taken at once, in order. */
function lockKeysOf(envelope: WebhookEnvelope): string[] {
  const keys: string[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      const number = numberOf(change);
      if (!number) continue;
      const phoneNumberId = number.phone_number_id;
      const contact = (waId: string | null | undefined, userId: string | null | undefined) => {
        if (waId || userId) keys.push(...contactLockKeys(phoneNumberId, { waId: waId ?? null, userId: userId ?? null }));
      };
      switch (change.kind) {
        case 'messages':
          for (const message of change.value.messages ?? []) {
            keys.push(...messageKeys(message));
            const sender = senderOf(message, change.value.contacts ?? []);
            if (sender) contact(sender.waId, sender.userId);
            const system = describeInboundMessage(message).system;
            if (system?.newWaId || system?.newUserId) contact(system.newWaId, system.newUserId);
            if (system?.previousUserId) contact(null, system.previousUserId);
          }
          for (const status of change.value.statuses ?? []) keys.push(messageLockKey(status.id));
          for (const status of change.value.otherStatuses ?? []) keys.push(messageLockKey(status.id));
          break;
        case 'echoes':
          for (const message of change.value.message_echoes ?? []) {
            keys.push(...messageKeys(message));
            contact(message.to, message.to_user_id);
          }
          break;
        case 'history':
          for (const part of change.value.history ?? []) {
            for (const thread of part.threads ?? []) {
              contact(thread.id, null);
              for (const message of thread.messages ?? []) keys.push(messageLockKey(message.id));
            }
          }
          for (const message of change.value.messages ?? []) {
            keys.push(messageLockKey(message.id));
            contact(message.from, null);
            contact(message.to, null);
          }
          break;
        case 'app_state_sync':
          for (const sync of change.value.state_sync ?? []) contact(sync.contact?.phone_number, null);
          break;
        case 'user_preferences':
          for (const preference of change.value.user_preferences ?? []) contact(preference.wa_id, preference.user_id);
          break;
        case 'calls':
          for (const call of change.value.calls ?? []) {
            keys.push(messageLockKey(call.id));
            contact(call.from, call.from_user_id);
            contact(call.to, call.to_user_id);
          }
          for (const status of change.value.otherStatuses ?? []) keys.push(messageLockKey(status.id));
          break;
        default:
          break;
      }
    }
  }
  return keys;
}

/** The message locks a message needs: its own, or the message it reacts to or changes. */
function messageKeys(message: InboundMessage): string[] {
  const described = describeInboundMessage(message);
  if (described.reaction) return [messageLockKey(described.reaction.targetWamid)];
  if (described.revision) return [messageLockKey(described.revision.targetWamid), messageLockKey(message.id)];
  return [messageLockKey(message.id)];
}

/** The messages a change carries, whatever its kind (to know which are already stored). */
function messagesOf(change: WebhookChange): InboundMessage[] {
  switch (change.kind) {
    case 'echoes':
      return change.value.message_echoes ?? [];
    case 'history':
      return [...(change.value.history ?? []).flatMap((part) => (part.threads ?? []).flatMap((thread) => thread.messages ?? [])), ...(change.value.messages ?? [])];
    case 'calls':
      return (change.value.calls ?? []).map((call) => ({ id: call.id, timestamp: call.timestamp, type: 'call' }) as InboundMessage);
    default:
      return [];
  }
}

/**
 * Records every event's outcome and emits the transaction's notifications, in one statement.
 * processed_at is the clock at the end of the work, not the transaction's start (`now()`), so
 * that it tells when the event's rows were written.
 */
async function finishAndNotify(manager: EntityManager, finished: Map<string, Finished>, notifications: InboxNotifications): Promise<void> {
  const entries = [...finished];
  if (entries.length === 0 && notifications.size === 0) return;
  await queryRows(
    manager,
    prepared(`WITH finished AS (
       UPDATE whatsapp_webhook_events e
          SET status = f.status, last_error = f.last_error, attempts = e.attempts + 1, processed_at = clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS f(id, status, last_error)
        WHERE e.id = f.id
     )
     SELECT pg_notify($4, payload) FROM unnest($5::text[]) AS payload`),
    [
      entries.map(([id]) => id),
      entries.map(([, f]) => f.status),
      entries.map(([, f]) => f.lastError?.slice(0, MAX_ERROR_LENGTH) ?? null),
      INBOX_CHANNEL,
      notifications.payloads(),
    ],
  );
}

/**
 * Outside the rolled-back transaction, so the failure and its reason stay visible in the back
 * office. True once the event has failed MAX_PROCESSING_ATTEMPTS times: its job then completes
 * instead of being retried.
 */
async function recordFailure(context: PluginContext, eventId: string, error: unknown): Promise<boolean> {
  const reason = error instanceof Error ? error.message : String(error);
  const row = await context.dataSource
    .query(
      `UPDATE whatsapp_webhook_events SET status = 'failed', attempts = attempts + 1,
              last_error = CASE WHEN attempts + 1 >= $3 THEN $4 || $2 ELSE $2 END
        WHERE id = $1 AND status NOT IN ('processed', 'ignored') RETURNING attempts`,
      [eventId, reason.slice(0, MAX_ERROR_LENGTH), MAX_PROCESSING_ATTEMPTS, `gave up after ${MAX_PROCESSING_ATTEMPTS} attempts (Reprocess to try again): `],
    )
    .then((result: [{ attempts: number }[], number]) => result[0][0], (recordError: unknown) => {
      context.logger.error('could not record a webhook event failure', { eventId, error: String(recordError) });
      return undefined;
    });
  if (row && row.attempts >= MAX_PROCESSING_ATTEMPTS) {
    context.logger.error('webhook event failed too many times; left failed for a person to look at', { eventId, error: reason });
    return true;
  }
  context.logger.warn('webhook event failed; pg-boss will retry it', { eventId, error: reason });
  return false;
}

function describeMetaErrors(errors: readonly MetaError[]): string {
  return `Meta reported: ${errors
    .map((error) => `(${error.code}) ${error.title}${error.error_data?.details ? `: ${error.error_data.details}` : ''}`)
    .join('; ')}`;
}

import type { EntityManager } from 'typeorm';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { describeInboundMessage } from '../domain/inbound-message.js';
import { parseWebhookBody, type MetaError, type WebhookEnvelope } from '../domain/webhook-payload.js';
import type { WebhookEventStatus } from '../entities/whatsapp-webhook-event.entity.js';
import { QUEUES } from '../db/job-queues.js';
import type { PluginContext } from '../context/plugin-context.js';
import { contactLockKeys, lockKeys, messageLockKey } from '../db/advisory-locks.js';
import { applyStagedStatuses, stageMessageStatuses } from './apply-message-statuses.js';
import { applyTemplateUpdate } from './apply-template-update.js';
import { INBOX_CHANNEL, InboxNotifications } from '../db/notify.js';
import { CANDIDATE_COLUMNS, lookupSpellings, senderKey, type ContactCandidate } from './resolve-inbound-contact.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { senderOf, stageInboundMessages, storeStagedMessages } from './store-inbound-messages.js';
import { isUuid } from '../domain/uuid.js';

export type WebhookEventOutcome =
  | Extract<WebhookEventStatus, 'processed' | 'ignored' | 'unroutable' | 'unparseable'>
  /** The event was already processed or ignored (its job ran twice): nothing done. */
  | 'skipped'
  | 'missing';

export type WebhookEventResult = { outcome: WebhookEventOutcome } | { error: unknown };

const MAX_ERROR_LENGTH = 4000;

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
      await recordFailure(context, ids[0]!, error);
      results.set(ids[0]!, { error });
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
  const events = await queryRows<LoadedEvent>(
    manager,
    prepared(`SELECT id, raw_body AS "rawBody", status, set_config('synchronous_commit', 'off', true) AS "commitMode"
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
  };
  for (const { id, envelope } of envelopes) finished.set(id, await applyEnvelope(scope, lookups.routes, id, envelope));
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
    json = JSON.parse(rawBody);
  } catch (error) {
    return { reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = parseWebhookBody(json);
  return parsed.ok ? { envelope: parsed.envelope } : { reason: parsed.reason };
}

async function applyEnvelope(scope: ProcessingScope, routes: Routes, eventId: string, envelope: WebhookEnvelope): Promise<Finished> {
  const unroutable: string[] = [];
  const metaErrors: MetaError[] = [];
  let applied = 0;
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      switch (change.kind) {
        case 'messages': {
          const { metadata } = change.value;
          const account = routes.byPhoneNumberId.get(metadata.phone_number_id);
          if (!account) {
            unroutable.push(
              `no WhatsApp number has phone_number_id ${metadata.phone_number_id} (display number ${metadata.display_phone_number}): add it, then reprocess this event`,
            );
            break;
          }
          await stageInboundMessages(scope, account, change.value);
          stageMessageStatuses(scope, account, change.value.statuses ?? []);
          metaErrors.push(...(change.value.errors ?? []));
          applied++;
          break;
        }
        case 'template_status':
        case 'template_category':
        case 'template_quality': {
          const accounts = routes.byWabaId.get(entry.id) ?? [];
          if (accounts.length === 0) {
            unroutable.push(`no WhatsApp number belongs to WABA ${entry.id} (${change.field}): add it, then reprocess this event`);
            break;
          }
          await applyTemplateUpdate(scope.manager, accounts.map((a) => a.id), change);
          applied++;
          break;
        }
        case 'other':
          scope.context.logger.info('webhook field not applied', { eventId, field: change.field });
          break;
      }
    }
  }
  if (metaErrors.length > 0) scope.context.logger.warn('Meta reported errors in a webhook', { eventId, errors: metaErrors });
  if (unroutable.length > 0) return { status: 'unroutable', lastError: unroutable.join('\n') };
  return { status: applied > 0 ? 'processed' : 'ignored', lastError: metaErrors.length > 0 ? describeMetaErrors(metaErrors) : null };
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
    `SELECT COALESCE((SELECT json_agg(json_build_object('id', id, 'phoneNumberId', phone_number_id, 'wabaId', waba_id, 'defaultRegion', default_region))
                        FROM whatsapp_accounts WHERE phone_number_id = ANY($1::text[]) OR waba_id = ANY($2::text[])), '[]') AS accounts,
            COALESCE((SELECT json_agg(wamid) FROM whatsapp_messages WHERE wamid = ANY($3::text[])), '[]') AS stored,
            COALESCE((SELECT json_agg(candidate) FROM (
               SELECT DISTINCT ON (s.key, c.id) s.key, ${CANDIDATE_COLUMNS}
                 FROM jsonb_to_recordset($4::jsonb) AS s(key text, phone_number_id text, wa_id text, user_id text)
                 JOIN whatsapp_accounts a ON a.phone_number_id = s.phone_number_id
                 JOIN whatsapp_contacts c ON c.account_id = a.id AND (c.wa_id = s.wa_id OR c.user_id = s.user_id)) AS candidate), '[]') AS candidates`,
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
      if (change.kind !== 'messages') continue;
      const phoneNumberId = change.value.metadata.phone_number_id;
      for (const message of change.value.messages ?? []) {
        const described = describeInboundMessage(message);
        if (described.reaction) {
          keys.push(messageLockKey(described.reaction.targetWamid));
          continue;
        }
        keys.push(messageLockKey(message.id));
        const sender = senderOf(message, change.value.contacts ?? []);
        if (sender) keys.push(...contactLockKeys(phoneNumberId, sender));
        if (described.system?.newWaId) keys.push(...contactLockKeys(phoneNumberId, { waId: described.system.newWaId, userId: null }));
      }
      for (const status of change.value.statuses ?? []) keys.push(messageLockKey(status.id));
    }
  }
  return keys;
}

/** Records every event's outcome and emits the transaction's notifications, in one statement. */
async function finishAndNotify(manager: EntityManager, finished: Map<string, Finished>, notifications: InboxNotifications): Promise<void> {
  const entries = [...finished];
  if (entries.length === 0 && notifications.size === 0) return;
  await queryRows(
    manager,
    prepared(`WITH finished AS (
       UPDATE whatsapp_webhook_events e
          SET status = f.status, last_error = f.last_error, attempts = e.attempts + 1, processed_at = now()
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

/** Outside the rolled-back transaction, so the failure and its reason stay visible in the back office. */
async function recordFailure(context: PluginContext, eventId: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  context.logger.warn('webhook event failed; pg-boss will retry it', { eventId, error: reason });
  await context.dataSource
    .query(
      `UPDATE whatsapp_webhook_events SET status = 'failed', attempts = attempts + 1, last_error = $2
        WHERE id = $1 AND status NOT IN ('processed', 'ignored')`,
      [eventId, reason.slice(0, MAX_ERROR_LENGTH)],
    )
    .catch((recordError: unknown) => context.logger.error('could not record a webhook event failure', { eventId, error: String(recordError) }));
}

function describeMetaErrors(errors: readonly MetaError[]): string {
  return `Meta reported: ${errors
    .map((error) => `(${error.code}) ${error.title}${error.error_data?.details ? `: ${error.error_data.details}` : ''}`)
    .join('; ')}`;
}

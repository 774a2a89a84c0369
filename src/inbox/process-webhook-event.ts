import type { EntityManager } from 'typeorm';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { describeInboundMessage } from '../domain/inbound-message.js';
import { parseWebhookBody, type MetaError, type WebhookEnvelope } from '../domain/webhook-payload.js';
import type { WebhookEventStatus } from '../entities/whatsapp-webhook-event.entity.js';
import type { PluginContext } from '../plugin-context.js';
import { contactLockKeys, lockKeys, messageLockKey } from './advisory-locks.js';
import { applyMessageStatuses } from './apply-message-statuses.js';
import { applyTemplateUpdate } from './apply-template-update.js';
import { InboxNotifications } from './inbox-notifications.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { queryOne, queryRows } from './sql.js';
import { senderOf, storeInboundMessages } from './store-inbound-messages.js';

export type WebhookEventOutcome =
  | Extract<WebhookEventStatus, 'processed' | 'ignored' | 'unroutable' | 'unparseable'>
  /** The event was already processed or ignored (a job ran twice): nothing done. */
  | 'skipped'
  | 'missing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ERROR_LENGTH = 4000;

/**
 * Processes one stored webhook event in one transaction: every entry, change, message, status
 * and error (pitfall 1). The event ends `processed`, `ignored` (nothing for the inbox in it),
 * `unroutable` (a number or WABA no account has: reprocess it once the account exists) or
 * `unparseable`. Anything else throws after recording `failed`, the attempt and the reason,
 * so that pg-boss retries; the last attempt's reason stays on the event.
 */
export async function processWebhookEvent(context: PluginContext, eventId: string): Promise<WebhookEventOutcome> {
  if (!UUID.test(eventId)) return 'missing';
  try {
    return await inTransaction(context.dataSource, (tx) => processInTransaction(context, tx, eventId));
  } catch (error) {
    await recordFailure(context, eventId, error);
    throw error;
  }
}

async function processInTransaction(context: PluginContext, tx: Transaction, eventId: string): Promise<WebhookEventOutcome> {
  const { manager } = tx;
  // FOR UPDATE: two jobs for one event (a retry racing a slow first attempt) run one after the other.
  const event = await queryOne<{ rawBody: string; status: WebhookEventStatus }>(
    manager,
    `SELECT raw_body AS "rawBody", status FROM whatsapp_webhook_events WHERE id = $1 FOR UPDATE`,
    [eventId],
  );
  if (!event) return 'missing';
  if (event.status === 'processed' || event.status === 'ignored') return 'skipped';

  let json: unknown;
  try {
    json = JSON.parse(event.rawBody);
  } catch (error) {
    return finish(manager, eventId, 'unparseable', `not JSON: ${(error as Error).message}`);
  }
  const parsed = parseWebhookBody(json);
  if (!parsed.ok) return finish(manager, eventId, 'unparseable', parsed.reason);
  const { envelope } = parsed;

  const routes = await loadRoutes(manager, envelope);
  await lockKeys(manager, lockKeysOf(envelope, routes));

  const scope: ProcessingScope = { context, manager, jobDb: tx.jobDb, notifications: new InboxNotifications() };
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
          await storeInboundMessages(scope, account, change.value);
          await applyMessageStatuses(manager, account, change.value.statuses ?? [], scope.notifications);
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
          await applyTemplateUpdate(manager, accounts.map((a) => a.id), change);
          applied++;
          break;
        }
        case 'other':
          context.logger.info('webhook field not applied', { eventId, field: change.field });
          break;
      }
    }
  }
  await scope.notifications.emit(manager);

  if (metaErrors.length > 0) context.logger.warn('Meta reported errors in a webhook', { eventId, errors: metaErrors });
  if (unroutable.length > 0) return finish(manager, eventId, 'unroutable', unroutable.join('\n'));
  return finish(manager, eventId, applied > 0 ? 'processed' : 'ignored', metaErrors.length > 0 ? describeMetaErrors(metaErrors) : null);
}

interface Routes {
  byPhoneNumberId: Map<string, RoutedAccount>;
  byWabaId: Map<string, RoutedAccount[]>;
}

/** Every account the event may be routed to, in one query. */
async function loadRoutes(manager: EntityManager, envelope: WebhookEnvelope): Promise<Routes> {
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      if (change.kind === 'messages') phoneNumberIds.add(change.value.metadata.phone_number_id);
      else if (change.kind !== 'other') wabaIds.add(entry.id);
    }
  }
  const routes: Routes = { byPhoneNumberId: new Map(), byWabaId: new Map() };
  if (phoneNumberIds.size === 0 && wabaIds.size === 0) return routes;
  const accounts = await queryRows<RoutedAccount>(
    manager,
    `SELECT id, phone_number_id AS "phoneNumberId", waba_id AS "wabaId", default_region AS "defaultRegion"
       FROM whatsapp_accounts WHERE phone_number_id = ANY($1::text[]) OR waba_id = ANY($2::text[])`,
    [[...phoneNumberIds], [...wabaIds]],
  );
  for (const account of accounts) {
    if (phoneNumberIds.has(account.phoneNumberId)) routes.byPhoneNumberId.set(account.phoneNumberId, account);
    if (wabaIds.has(account.wabaId)) routes.byWabaId.set(account.wabaId, [...(routes.byWabaId.get(account.wabaId) ?? []), account]);
  }
  return routes;
}

/** Every contact and wamid the event touches, so that all its locks are taken at once, in order. */
function lockKeysOf(envelope: WebhookEnvelope, routes: Routes): string[] {
  const keys: string[] = [];
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      if (change.kind !== 'messages') continue;
      const account = routes.byPhoneNumberId.get(change.value.metadata.phone_number_id);
      if (!account) continue;
      for (const message of change.value.messages ?? []) {
        const described = describeInboundMessage(message);
        if (described.reaction) {
          keys.push(messageLockKey(described.reaction.targetWamid));
          continue;
        }
        keys.push(messageLockKey(message.id));
        const sender = senderOf(message, change.value.contacts ?? []);
        if (sender) keys.push(...contactLockKeys(account.id, sender));
        if (described.system?.newWaId) keys.push(...contactLockKeys(account.id, { waId: described.system.newWaId, userId: null }));
      }
      for (const status of change.value.statuses ?? []) keys.push(messageLockKey(status.id));
    }
  }
  return keys;
}

async function finish(
  manager: EntityManager,
  eventId: string,
  status: Exclude<WebhookEventOutcome, 'skipped' | 'missing'>,
  lastError: string | null,
): Promise<WebhookEventOutcome> {
  await queryRows(
    manager,
    `UPDATE whatsapp_webhook_events SET status = $2, last_error = $3, attempts = attempts + 1, processed_at = now() WHERE id = $1`,
    [eventId, status, lastError?.slice(0, MAX_ERROR_LENGTH) ?? null],
  );
  return status;
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

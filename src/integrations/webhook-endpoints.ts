import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows } from '../db/sql.js';
import { isEventKind } from '../domain/event-kinds.js';
import { isUuid } from '../domain/uuid.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { IntegrationRefusal } from './integration-refusal.js';
import { requireIntegrationManager, requireKnownNumbers, requireName } from './integration-manager.js';
import { newWebhookSecret } from './webhook-signature.js';

export interface WebhookEndpointInput {
  name: string;
  url: string;
  /** Empty: every kind. */
  eventKinds: readonly string[];
  /** Null: every number. */
  accountId: string | null;
}

/**
 * Adds an endpoint (`integrations.manage`) and returns its signing secret: the only time it is
 * shown. It is stored sealed with the SecretBox; a lost secret is rotated, never read back.
 */
export async function createWebhookEndpoint(
  context: PluginContext,
  actor: InboxActor | null,
  input: WebhookEndpointInput,
): Promise<{ id: string; secret: string }> {
  const manager = requireIntegrationManager(actor);
  const fields = await validEndpoint(context, input);
  const secret = newWebhookSecret();
  const row = await queryOne<{ id: string }>(
    context.dataSource,
    `INSERT INTO whatsapp_webhook_endpoints (name, url, event_kinds, account_id, secret_encrypted, created_by_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [fields.name, fields.url, fields.eventKinds, fields.accountId, context.secretBox.seal(secret), manager.id],
  );
  return { id: row!.id, secret };
}

/** Changes what an endpoint receives and where. */
export async function editWebhookEndpoint(context: PluginContext, actor: InboxActor | null, id: string, input: WebhookEndpointInput): Promise<void> {
  requireIntegrationManager(actor);
  const fields = await validEndpoint(context, input);
  await changeEndpoint(context, id, `name = $2, url = $3, event_kinds = $4, account_id = $5`, [fields.name, fields.url, fields.eventKinds, fields.accountId]);
}

/** A new secret for the endpoint, shown this once; the old one stops signing at once. */
export async function rotateWebhookSecret(context: PluginContext, actor: InboxActor | null, id: string): Promise<{ secret: string }> {
  requireIntegrationManager(actor);
  const secret = newWebhookSecret();
  await changeEndpoint(context, id, `secret_encrypted = $2`, [context.secretBox.seal(secret)]);
  return { secret };
}

/**
 * Turns an endpoint on or off. Enabling one the plugin disabled starts its failure count over;
 * the deliveries it missed while off are sent then.
 */
export async function setWebhookEndpointEnabled(context: PluginContext, actor: InboxActor | null, id: string, enabled: boolean): Promise<void> {
  requireIntegrationManager(actor);
  await changeEndpoint(
    context,
    id,
    enabled ? `enabled = true, disabled_reason = NULL, failing_since = NULL` : `enabled = false, disabled_reason = 'manual'`,
    [],
  );
}

/** Sends one delivery again, now, with a fresh retry schedule (whatever became of it). */
export async function redeliverWebhook(context: PluginContext, actor: InboxActor | null, deliveryId: string): Promise<void> {
  requireIntegrationManager(actor);
  const updated = isUuid(deliveryId)
    ? await queryRows(
        context.dataSource,
        `UPDATE whatsapp_webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 RETURNING id`,
        [deliveryId],
      )
    : [];
  if (updated.length === 0) throw IntegrationRefusal.of('not-found');
}

async function changeEndpoint(context: PluginContext, id: string, set: string, params: unknown[]): Promise<void> {
  const updated = isUuid(id)
    ? await queryRows(context.dataSource, `UPDATE whatsapp_webhook_endpoints SET ${set}, updated_at = now() WHERE id = $1 RETURNING id`, [id, ...params])
    : [];
  if (updated.length === 0) throw IntegrationRefusal.of('not-found');
}

async function validEndpoint(context: PluginContext, input: WebhookEndpointInput): Promise<WebhookEndpointInput> {
  const name = requireName(input.name);
  const url = validUrl(input.url);
  const eventKinds = [...new Set(input.eventKinds)];
  const unknown = eventKinds.find((kind) => !isEventKind(kind));
  if (unknown !== undefined) throw IntegrationRefusal.of('unknown-event-kind', { kind: unknown });
  if (input.accountId) await requireKnownNumbers(context.dataSource, [input.accountId]);
  return { name, url, eventKinds, accountId: input.accountId || null };
}

/** An absolute http(s) URL without credentials in it (a secret in a URL ends up in logs). */
function validUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw IntegrationRefusal.of('invalid-url');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.href.length > 2000) throw IntegrationRefusal.of('invalid-url');
  return url.href;
}

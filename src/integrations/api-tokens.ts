import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import { loadPermissions } from '../permissions/load-permissions.js';
import type { Permission } from '../permissions/permission-names.js';
import { holds, type InboxActor, type PermissionSnapshot } from '../permissions/permission-snapshot.js';
import { IntegrationRefusal } from './integration-refusal.js';
import { requireIntegrationManager, requireKnownNumbers, requireName } from './integration-manager.js';

/** What a token may be given: reading the inbox and sending. */
export const API_TOKEN_PERMISSIONS = ['inbox.view', 'inbox.view_all', 'inbox.reply', 'campaigns.manage'] as const satisfies readonly Permission[];
const TOKEN_PREFIX = 'wat_';

export interface ApiTokenInput {
  name: string;
  permissions: readonly string[];
  /** Null: every number its creator may act on. */
  accountIds: readonly string[] | null;
  /** Null: never expires. */
  expiresInDays: number | null;
  requestsPerMinute?: number;
}

/**
 * Creates a token (`integrations.manage`) and returns it: the only time it is shown; only its
 * SHA-256 is kept (the token is 256 random bits, so a fast hash is as safe as a slow one and
 * costs nothing per request).
 */
export async function createApiToken(context: PluginContext, actor: InboxActor | null, input: ApiTokenInput): Promise<{ id: string; token: string }> {
  const manager = requireIntegrationManager(actor);
  const name = requireName(input.name);
  const permissions = [...new Set(input.permissions)];
  if (permissions.length === 0) throw IntegrationRefusal.of('no-permission');
  const unknown = permissions.find((p) => !(API_TOKEN_PERMISSIONS as readonly string[]).includes(p));
  if (unknown !== undefined) throw IntegrationRefusal.of('unknown-permission', { permission: unknown });
  if (input.accountIds) await requireKnownNumbers(context.dataSource, input.accountIds);
  if (input.expiresInDays !== null && !(Number.isInteger(input.expiresInDays) && input.expiresInDays >= 1 && input.expiresInDays <= 3650)) {
    throw IntegrationRefusal.of('invalid-expiry');
  }
  const rate = input.requestsPerMinute ?? 120;
  if (!Number.isInteger(rate) || rate < 1 || rate > 6000) throw IntegrationRefusal.of('invalid-rate');

  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await queryOne<{ id: string }>(
    context.dataSource,
    `INSERT INTO whatsapp_api_tokens (name, token_prefix, token_hash, permissions, account_ids, requests_per_minute, created_by_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(days => $8::int) END) RETURNING id`,
    [name, token.slice(0, 12), hashOf(token), permissions, input.accountIds ? [...new Set(input.accountIds)] : null, rate, manager.id, input.expiresInDays],
  );
  return { id: row!.id, token };
}

/** Revokes a token at once (its next request gets 401). */
export async function revokeApiToken(context: PluginContext, actor: InboxActor | null, tokenId: string): Promise<void> {
  requireIntegrationManager(actor);
  const revoked = isUuid(tokenId)
    ? await queryRows(context.dataSource, `UPDATE whatsapp_api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id`, [tokenId])
    : [];
  if (revoked.length === 0) throw IntegrationRefusal.of('not-found');
}

/** Who a valid token acts as. */
export interface ApiPrincipal {
  tokenId: string;
  requestsPerMinute: number;
  /** Its creator, with the permissions both the token and the creator hold now. */
  actor: InboxActor;
}

/**
 * The principal of a bearer token, or null when it is unknown, revoked, expired, or its creator
 * is no longer active. A token acts for its creator and never beyond what the creator holds now:
 * a manager who loses a permission, or leaves, takes it from their tokens too.
 */
export async function authenticateApiToken(dataSource: DataSource, bearer: string): Promise<ApiPrincipal | null> {
  if (!bearer.startsWith(TOKEN_PREFIX) || bearer.length > 100) return null;
  const row = await queryOne<{ id: string; permissions: string[]; account_ids: string[] | null; requests_per_minute: number; agent_id: string; role: string }>(
    dataSource,
    `UPDATE whatsapp_api_tokens t SET last_used_at = CASE WHEN t.last_used_at > now() - interval '1 minute' THEN t.last_used_at ELSE now() END
       FROM whatsapp_agents a
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
        AND a.id = t.created_by_id AND a.is_active
      RETURNING t.id, t.permissions, t.account_ids, t.requests_per_minute, a.id AS agent_id, a.role`,
    [hashOf(bearer)],
  );
  if (!row) return null;
  const creator: InboxActor = { id: row.agent_id, role: row.role, permissions: await loadPermissions(dataSource, { id: row.agent_id, role: row.role }) };
  return {
    tokenId: row.id,
    requestsPerMinute: row.requests_per_minute,
    actor: { id: row.agent_id, role: row.role, permissions: scopedSnapshot(creator, row.permissions as Permission[], row.account_ids) },
  };
}

function scopedSnapshot(creator: InboxActor, permissions: Permission[], accountIds: string[] | null): PermissionSnapshot {
  const numbers = accountIds ?? Object.keys(creator.permissions?.byNumber ?? {});
  const byNumber = Object.fromEntries(numbers.map((accountId) => [accountId, permissions.filter((p) => holds(creator, p, accountId))]));
  return { everyNumber: accountIds ? [] : permissions.filter((p) => holds(creator, p, null)), byNumber };
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import type { Queryable } from '../db/sql.js';
import { queryRows } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';
import { IntegrationRefusal } from './integration-refusal.js';

/** Refuses unless the actor manages integrations (held for every number: endpoints and tokens span numbers). */
export function requireIntegrationManager(actor: InboxActor | null): InboxActor {
  if (!actor || !holds(actor, 'integrations.manage', null)) throw IntegrationRefusal.of('not-allowed');
  return actor;
}

/** Refuses numbers that do not exist. */
export async function requireKnownNumbers(db: Queryable, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  if (!accountIds.every(isUuid)) throw IntegrationRefusal.of('unknown-number');
  const found = await queryRows<{ id: string }>(db, `SELECT id FROM whatsapp_accounts WHERE id = ANY($1::uuid[])`, [accountIds]);
  if (found.length !== new Set(accountIds).size) throw IntegrationRefusal.of('unknown-number');
}

export function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200 || /[<>\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(trimmed)) throw IntegrationRefusal.of('name-required');
  return trimmed;
}

import type { EntityManager } from 'typeorm';
import { prepared, queryOne, type Queryable } from '../db/sql.js';
import { holds, numbersWith, type InboxActor } from '../permissions/permission-snapshot.js';
import { CampaignRefusal } from './campaign-refusal.js';

/** The numbers whose campaigns the actor manages ('all' or account ids): lists are filtered on them in SQL. */
export function campaignNumbers(actor: InboxActor | null): 'all' | string[] {
  return actor ? numbersWith(actor, 'campaigns.manage') : 'all';
}

/** Refuses an actor without `campaigns.manage` on this number; null is the host's own code (API, events), which may. */
export function assertManages(actor: InboxActor | null, accountId: string): void {
  if (actor && !holds(actor, 'campaigns.manage', accountId)) throw CampaignRefusal.of('not-allowed');
}

export interface LockedBroadcast {
  id: string;
  accountId: string;
  status: string;
}

/** Refuses a broadcast the actor may not read (`campaigns.manage` on its number), or one that does not exist. */
export async function assertReadsBroadcast(db: Queryable, broadcastId: string, actor: InboxActor | null): Promise<void> {
  const row = await queryOne<{ accountId: string }>(db, prepared(`SELECT account_id AS "accountId" FROM whatsapp_broadcasts WHERE id::text = $1`), [broadcastId]);
  if (!row) throw CampaignRefusal.of('not-found');
  assertManages(actor, row.accountId);
}

/** The broadcast, locked for this transaction (its state changes one at a time), if the actor manages its number. */
export async function lockBroadcast(manager: EntityManager, broadcastId: string, actor: InboxActor | null): Promise<LockedBroadcast> {
  const row = await queryOne<LockedBroadcast>(
    manager,
    prepared(`SELECT id, account_id AS "accountId", status FROM whatsapp_broadcasts WHERE id::text = $1 FOR UPDATE`),
    [broadcastId],
  );
  if (!row) throw CampaignRefusal.of('not-found');
  assertManages(actor, row.accountId);
  return row;
}

import type { EntityManager } from 'typeorm';
import type { MetaError } from '../domain/webhook-payload.js';
import { statusPricing } from '../domain/message-pricing.js';
import { lockKeys, messageLockKey } from '../db/advisory-locks.js';
import { applyStatusReports } from './apply-status-reports.js';
import { InboxNotifications } from '../db/notify.js';
import { MESSAGE_REF_COLUMNS, REFRESH_REACTIONS_SQL, type MessageRef } from './record-reaction.js';
import { REFRESH_REVISIONS_SQL } from './record-revision.js';
import { prepared, queryOne } from '../db/sql.js';

interface ParkedStatus {
  status: string;
  statusAt: string;
  payload: { errors?: MetaError[] } & Parameters<typeof statusPricing>[0];
}

/**
 * Applies what arrived before the message with this wamid was stored: parked statuses (then
 * deleted), customer reactions, and edits and deletions. The processor calls it after inserting an inbound message;
 * the sending side must call it in the transaction that records an outbound message's wamid,
 * after writing it. Takes the wamid's lock itself (re-entrant for callers already holding it).
 * Notifications go to `notifications` when given, else are emitted at once (delivered on commit).
 */
export async function applyParkedUpdates(manager: EntityManager, wamid: string, notifications?: InboxNotifications): Promise<void> {
  await lockKeys(manager, [messageLockKey(wamid)]);
  const found = await queryOne<{ statuses: ParkedStatus[] | null; reacted: MessageRef | null }>(
    manager,
    prepared(`WITH parked AS (
        DELETE FROM whatsapp_pending_statuses WHERE wamid = $1 AND EXISTS (SELECT 1 FROM whatsapp_messages WHERE wamid = $1)
        RETURNING status, status_at, payload
     ), reacted AS (
        ${REFRESH_REACTIONS_SQL} AND EXISTS (SELECT 1 FROM whatsapp_message_reactions WHERE target_wamid = $1)
        RETURNING ${MESSAGE_REF_COLUMNS}
     )
     SELECT (SELECT json_agg(json_build_object('status', status, 'statusAt', status_at, 'payload', payload)) FROM parked) AS statuses,
            (SELECT row_to_json(reacted) FROM reacted) AS reacted`),
    [wamid],
  );
  const sink = notifications ?? new InboxNotifications();
  if (found?.reacted) sink.add({ kind: 'message.updated', ...found.reacted });
  const revised = await queryOne<MessageRef>(manager, prepared(`${REFRESH_REVISIONS_SQL} RETURNING ${MESSAGE_REF_COLUMNS}`), [wamid]);
  if (revised) sink.add({ kind: 'message.updated', ...revised });
  if (found?.statuses) {
    const reports = found.statuses.map((parked) => ({
      status: parked.status,
      at: new Date(parked.statusAt),
      errors: parked.payload.errors ?? [],
      pricing: statusPricing(parked.payload),
    }));
    for (const updated of await applyStatusReports(manager, new Map([[wamid, reports]]))) sink.add({ kind: 'message.updated', ...updated });
  }
  if (!notifications) await sink.emit(manager);
}

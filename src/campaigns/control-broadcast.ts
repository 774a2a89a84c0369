import type { EntityManager } from 'typeorm';
import type { PluginContext } from '../context/plugin-context.js';
import { InboxNotifications } from '../db/notify.js';
import { queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import { emitBroadcastEvent } from '../events/emit-campaign-events.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { enqueueFeed } from './broadcast-jobs.js';
import { lockBroadcast } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';

/**
 * Pauses a sending (or scheduled) broadcast. The few seconds of messages queued ahead and not yet
 * taken by a sender are withdrawn and their recipients go back to pending: after a pause, only
 * messages already on their way to Meta still go.
 */
export async function pauseBroadcast(context: PluginContext, actor: InboxActor | null, broadcastId: string): Promise<void> {
  await inTransaction(context.dataSource, async ({ manager }) => {
    const broadcast = await lockBroadcast(manager, broadcastId, actor);
    if (broadcast.status !== 'sending' && broadcast.status !== 'scheduled') throw CampaignRefusal.of('not-sending');
    await withdrawQueued(manager, broadcast.id, 'pending');
    await queryRows(
      manager,
      `UPDATE whatsapp_broadcasts SET status = 'paused', paused_at = now(), paused_reason = NULL, updated_at = now() WHERE id = $1`,
      [broadcast.id],
    );
    await emitBroadcastEvent(manager, 'broadcast.paused', broadcast.id, { actorId: actor?.id ?? null, reason: 'by-hand' });
  });
}

/** Sending goes on from where it stopped: pending recipients only, never one that already has its message. */
export async function resumeBroadcast(context: PluginContext, actor: InboxActor | null, broadcastId: string): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const broadcast = await lockBroadcast(tx.manager, broadcastId, actor);
    if (broadcast.status !== 'paused') throw CampaignRefusal.of('not-paused');
    await queryRows(
      tx.manager,
      `UPDATE whatsapp_broadcasts SET status = 'sending', started_at = COALESCE(started_at, now()), paused_at = NULL, paused_reason = NULL, fed_at = now(), updated_at = now()
        WHERE id = $1`,
      [broadcast.id],
    );
    await enqueueFeed(context, broadcast.id, { db: tx.jobDb });
  });
}

/** Stops for good: pending recipients and messages not yet taken by a sender are skipped as cancelled. */
export async function cancelBroadcast(context: PluginContext, actor: InboxActor | null, broadcastId: string): Promise<void> {
  await inTransaction(context.dataSource, async ({ manager }) => {
    const broadcast = await lockBroadcast(manager, broadcastId, actor);
    if (broadcast.status === 'completed' || broadcast.status === 'cancelled') throw CampaignRefusal.of('already-finished');
    await withdrawQueued(manager, broadcast.id, 'skipped');
    await queryRows(
      manager,
      `UPDATE whatsapp_broadcast_recipients SET state = 'skipped', skip_reason = 'cancelled' WHERE broadcast_id = $1 AND state = 'pending'`,
      [broadcast.id],
    );
    await queryRows(manager, `UPDATE whatsapp_broadcasts SET status = 'cancelled', finished_at = now(), updated_at = now() WHERE id = $1`, [broadcast.id]);
    await emitBroadcastEvent(manager, 'broadcast.cancelled', broadcast.id, { actorId: actor?.id ?? null, reason: 'by-hand' });
  });
}

/**
 * Deletes the broadcast's messages still `queued` (no sender took them: their jobs will find
 * nothing to send) and puts their recipients back to pending, or skips them as cancelled. A
 * message a sender already claimed is left to go; its recipient keeps it.
 */
async function withdrawQueued(manager: EntityManager, broadcastId: string, to: 'pending' | 'skipped'): Promise<void> {
  const withdrawn = await queryRows<{ id: string; conversation_id: string; account_id: string }>(
    manager,
    `WITH r AS (
       SELECT r.id AS recipient_id, r.message_id FROM whatsapp_broadcast_recipients r
         JOIN whatsapp_messages m ON m.id = r.message_id
        WHERE r.broadcast_id = $1 AND r.state = 'queued' AND m.status = 'queued'
        FOR UPDATE OF r, m
     ), released AS (
       UPDATE whatsapp_broadcast_recipients x SET state = $2::text, skip_reason = CASE WHEN $2::text = 'skipped' THEN 'cancelled' END, message_id = NULL
         FROM r WHERE x.id = r.recipient_id
     )
     DELETE FROM whatsapp_messages m USING r, whatsapp_conversations c
      WHERE m.id = r.message_id AND c.id = m.conversation_id
      RETURNING m.id, m.conversation_id, c.account_id`,
    [broadcastId, to],
  );
  const notifications = new InboxNotifications();
  for (const message of withdrawn) notifications.add({ kind: 'conversation.updated', accountId: message.account_id, conversationId: message.conversation_id });
  await notifications.emit(manager);
}

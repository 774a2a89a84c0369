import { inTransaction } from '../db/transaction.js';
import { applyParkedUpdates } from '../statuses/apply-parked-updates.js';
import { findParkedWamid } from '../statuses/find-parked-wamid.js';
import type { PluginContext } from '../context/plugin-context.js';
import { enqueueSend } from './enqueue-send.js';
import { notifyInStatement } from '../db/notify.js';
import type { OutboundSettings } from './delivery-settings.js';
import { pruneIdleRateLimits } from './send-rate-limiter.js';
import { queryOne, queryRows } from '../db/sql.js';
import { emitMessageEvents } from '../events/emit-event.js';

export interface ReconcileReport {
  /** `sending` for longer than a send can take: their worker died mid-request. */
  markedUnknown: number;
  /** `unknown` sends a status webhook told about: wamid and status taken from it. */
  adopted: number;
  /** `unknown` sends nothing was heard of within `reconcileAfterMs`: queued again. */
  resent: number;
  /** `unknown` too many times: failed rather than risk yet another duplicate. */
  failed: number;
  /** `queued` messages whose job was lost: given a new one. */
  requeued: number;
}

const BATCH = 500;
const ACCOUNT_OF_M = `(SELECT c.account_id FROM whatsapp_conversations c WHERE c.id = m.conversation_id)`;
const UNKNOWN_OUTCOME_KEY = 'metaError.transport.unknownOutcome';

/**
 * Settles sends whose outcome is not known, without ever sending a message twice on a guess.
 * Meta has no idempotency key, so a send that may have gone out is only resent once nothing
 * (no status webhook carrying its callback data) was heard of it for `reconcileAfterMs`.
 * Runs as a scheduled job (every minute) in any number of processes; every step is guarded by
 * the message's current status, so two sweeps at once do no harm.
 */
export async function reconcileUnknownMessages(context: PluginContext, settings: OutboundSettings): Promise<ReconcileReport> {
  const now = context.clock.now().getTime();
  const report: ReconcileReport = { markedUnknown: 0, adopted: 0, resent: 0, failed: 0, requeued: 0 };

  report.markedUnknown = (
    await queryRows(
      context.dataSource,
      `WITH m AS (
         UPDATE whatsapp_messages SET status = 'unknown', send_attempts = send_attempts + 1, unknown_outcomes = unknown_outcomes + 1,
           error_code = NULL, error_title = 'no answer: the sending worker stopped during the request', error_details = NULL,
           error_explanation_key = $2, updated_at = now()
          WHERE status = 'sending' AND direction = 'outbound' AND sending_at < $1
          RETURNING id, conversation_id
       )
       SELECT ${notifyInStatement.messageUpdated('m', ACCOUNT_OF_M)} FROM m`,
      [new Date(now - settings.stuckSendingAfterMs), UNKNOWN_OUTCOME_KEY],
    )
  ).length;

  const unknown = await queryRows<{ id: string }>(
    context.dataSource,
    `SELECT id FROM whatsapp_messages WHERE status = 'unknown' AND direction = 'outbound' ORDER BY sending_at LIMIT ${BATCH}`,
  );
  for (const { id } of unknown) {
    const settled = await settleUnknown(context, id, settings, now);
    if (settled) report[settled] += 1;
  }

  const lost = await queryRows<{ id: string }>(
    context.dataSource,
    `SELECT id FROM whatsapp_messages
      WHERE status = 'queued' AND direction = 'outbound' AND COALESCE(next_attempt_at, queued_at) < $1
      ORDER BY queued_at LIMIT ${BATCH}`,
    [new Date(now - settings.stuckQueuedAfterMs)],
  );
  for (const { id } of lost) {
    // A duplicate job is harmless: only one can claim the message.
    await inTransaction(context.dataSource, (tx) => enqueueSend(context, tx, id));
    report.requeued += 1;
  }

  await pruneIdleRateLimits(context.dataSource);
  if (Object.values(report).some((count) => count > 0)) context.logger.info('outbound reconciliation', { ...report });
  return report;
}

async function settleUnknown(
  context: PluginContext,
  messageId: string,
  settings: OutboundSettings,
  now: number,
): Promise<'adopted' | 'resent' | 'failed' | null> {
  return inTransaction(context.dataSource, async (tx) => {
    const message = await queryOne<{ callback: string | null; sending_at: Date | null; unknown_outcomes: number; account_id: string }>(
      tx.manager,
      `SELECT m.payload->>'biz_opaque_callback_data' AS callback, m.sending_at, m.unknown_outcomes, ${ACCOUNT_OF_M} AS account_id
         FROM whatsapp_messages m WHERE m.id = $1 AND m.status = 'unknown' FOR UPDATE`,
      [messageId],
    );
    if (!message) return null;

    const wamid = message.callback ? await findParkedWamid(tx.manager, message.callback) : null;
    if (wamid) {
      // Meta did send it: take its wamid; the parked statuses then move it forward from `unknown`.
      await queryRows(
        tx.manager,
        `UPDATE whatsapp_messages SET wamid = $2, error_code = NULL, error_title = NULL, error_details = NULL, error_explanation_key = NULL,
                updated_at = now()
          WHERE id = $1 AND wamid IS NULL`,
        [messageId, wamid],
      );
      // Hosts hear of it as of any accepted send, before the statuses it already reached.
      await emitMessageEvents(tx.manager, 'message.sent', [messageId]);
      await applyParkedUpdates(tx.manager, wamid);
      return 'adopted';
    }

    const waitedLongEnough = message.sending_at !== null && message.sending_at.getTime() < now - settings.reconcileAfterMs;
    if (!waitedLongEnough) return null;
    if (message.unknown_outcomes >= settings.maxUnknownOutcomes) {
      await queryRows(
        tx.manager,
        `WITH m AS (
           UPDATE whatsapp_messages SET status = 'failed', failed_at = now(), error_explanation_key = $2, updated_at = now()
            WHERE id = $1 RETURNING id, conversation_id
         )
         SELECT ${notifyInStatement.messageUpdated('m', '$3')} FROM m`,
        [messageId, 'outbound.failure.outcomeNeverKnown', message.account_id],
      );
      await emitMessageEvents(tx.manager, 'message.failed', [messageId]);
      return 'failed';
    }
    await queryRows(
      tx.manager,
      `WITH m AS (
         UPDATE whatsapp_messages SET status = 'queued', next_attempt_at = NULL, updated_at = now() WHERE id = $1 RETURNING id, conversation_id
       )
       SELECT ${notifyInStatement.messageUpdated('m', '$2')} FROM m`,
      [messageId, message.account_id],
    );
    await enqueueSend(context, tx, messageId);
    return 'resent';
  });
}

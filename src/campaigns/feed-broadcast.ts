import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { contactForPhone } from '../contacts/contact-for-phone.js';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { refusalBeforeMeta } from '../delivery/refusal-before-meta.js';
import type { ParameterMapping, RecipientSkipReason } from '../domain/campaign-kinds.js';
import { resolveParameters } from '../domain/parameter-mapping.js';
import { emitBroadcastEvent } from '../events/emit-campaign-events.js';
import { enqueueFeed } from './broadcast-jobs.js';
import { isMarketing, loadCampaignTemplate, templateMessage, type CampaignTemplate } from './campaign-template.js';
import { loadBroadcastProgress } from './read/broadcast-progress.js';
import { conversationForContact } from './reach-contact.js';

export interface FeedSettings {
  /** Messages kept queued ahead of the sending speed, in seconds of it: enough that senders never wait for work, few enough that a pause stops at once. */
  windowSeconds: number;
  /** A feeder hands over to a new job after this long (below its queue's expiry). */
  runForMs: number;
  /** Recipients queued per transaction at most. */
  batchSize: number;
  /** Pause between two looks at the window. */
  tickMs: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = { windowSeconds: 3, runForMs: 25_000, batchSize: 50, tickMs: 200 };

/** The feeder says it is alive this often; the sweep feeds again a sending broadcast silent for longer than FEEDER_SILENT_MS. */
const HEARTBEAT_MS = 5_000;
export const FEEDER_SILENT_MS = 90_000;

/** Why a broadcast paused by itself when its template is no longer approved (an i18n key, shown on its page). */
const TEMPLATE_NOT_APPROVED = 'campaigns.paused.templateNotApproved';

export type FeedOutcome = 'completed' | 'stopped' | 'continued';

interface FeedState {
  id: string;
  status: string;
  account_id: string;
  phone_number_id: string;
  account_rate: number;
  account_status: string;
  blocked_reason_key: string | null;
  template_id: string | null;
  parameters: Record<string, ParameterMapping>;
  messages_per_second: number | null;
  use_marketing_api: boolean;
}

/** The key a broadcast's messages share: their send cap, and how the feeder counts those in flight. */
export function broadcastSendCapKey(broadcastId: string): string {
  return `broadcast:${broadcastId}`;
}

/**
 * Sends a broadcast, a few seconds ahead of its speed: it keeps `speed × windowSeconds` of its
 * messages queued in the send pipeline (which holds them to the speed, the number's throughput
 * and the pair rate) and tops that up as they go out, reading pending recipients in order a
 * batch at a time — the audience is never loaded. Each recipient becomes `queued` in the same
 * transaction as its message and send job, so a recipient gets one message whatever crashes:
 * an uncommitted batch is still pending for the next feeder. Stops when the broadcast is no
 * longer sending (paused, cancelled), pauses it with the reason when the number is blocked or
 * the template no longer approved, completes it when nothing is pending or in flight.
 */
export async function feedBroadcast(context: PluginContext, broadcastId: string, settings: FeedSettings = DEFAULT_FEED_SETTINGS): Promise<FeedOutcome> {
  const deadline = Date.now() + settings.runForMs;
  let heartbeat = 0;
  for (;;) {
    if (Date.now() - heartbeat >= HEARTBEAT_MS) {
      heartbeat = Date.now();
      await queryRows(context.dataSource, prepared(`UPDATE whatsapp_broadcasts SET fed_at = now() WHERE id::text = $1 AND status = 'sending'`), [broadcastId]);
    }
    const state = await queryOne<FeedState>(
      context.dataSource,
      prepared(`SELECT b.id, b.status, b.account_id, a.phone_number_id, a.messages_per_second AS account_rate, a.status AS account_status, a.blocked_reason_key,
              b.template_id, b.parameters, b.messages_per_second, b.use_marketing_api
         FROM whatsapp_broadcasts b JOIN whatsapp_accounts a ON a.id = b.account_id WHERE b.id::text = $1`),
      [broadcastId],
    );
    if (!state || state.status !== 'sending') return 'stopped';
    const template = await loadCampaignTemplate(context.dataSource, state.account_id, state.template_id);
    const stopReason =
      state.account_status !== 'active' ? 'outbound.failure.accountInactive' : (state.blocked_reason_key ?? (template?.status === 'APPROVED' ? null : TEMPLATE_NOT_APPROVED));
    if (stopReason || !template) {
      await pauseBySelf(context, state.id, stopReason ?? TEMPLATE_NOT_APPROVED);
      return 'stopped';
    }

    // Without a speed of its own, a broadcast goes as fast as the number may send.
    const speed = Math.min(state.messages_per_second ?? state.account_rate, state.account_rate);
    const inFlight = await countInFlight(context, state.id);
    const room = Math.ceil(speed * settings.windowSeconds) - inFlight;
    if (room > 0) {
      const queued = await queueRecipients(context, state, template, speed, Math.min(room, settings.batchSize));
      if (queued === 'none-pending' && inFlight === 0 && (await complete(context, state.id))) return 'completed';
      if (queued === 'queued') continue;
    }
    if (Date.now() >= deadline) {
      await enqueueFeed(context, state.id);
      return 'continued';
    }
    await sleep(settings.tickMs);
  }
}

async function countInFlight(context: PluginContext, broadcastId: string): Promise<number> {
  const row = await queryOne<{ n: number }>(
    context.dataSource,
    prepared(`SELECT count(*)::int AS n FROM whatsapp_messages WHERE send_cap_key = $1 AND status IN ('queued', 'sending')`),
    [broadcastSendCapKey(broadcastId)],
  );
  return row?.n ?? 0;
}

interface PendingRecipient {
  id: string;
  wa_id: string | null;
  contact_id: string | null;
  crm_record_label: string | null;
  values: Record<string, string>;
}

interface ContactRow {
  name: string | null;
  phone: string | null;
  crm_label: string | null;
  attributes: Record<string, string>;
}

/** One transaction: up to `limit` pending recipients become queued (with their message) or skipped (with the reason). */
async function queueRecipients(context: PluginContext, state: FeedState, template: CampaignTemplate, speed: number, limit: number): Promise<'queued' | 'none-pending' | 'stopped'> {
  return inTransaction(context.dataSource, async (tx) => {
    // Shared with other feeders, exclusive against a pause or a cancel: those wait for this batch and then see its messages.
    const live = await queryOne<{ status: string }>(tx.manager, prepared(`SELECT status FROM whatsapp_broadcasts WHERE id = $1 FOR SHARE`), [state.id]);
    if (live?.status !== 'sending') return 'stopped';
    const recipients = await queryRows<PendingRecipient>(
      tx.manager,
      prepared(`SELECT id, wa_id, contact_id, crm_record_label, "values" FROM whatsapp_broadcast_recipients
        WHERE broadcast_id = $1 AND state = 'pending' ORDER BY position LIMIT $2 FOR UPDATE SKIP LOCKED`),
      [state.id, limit],
    );
    if (recipients.length === 0) return 'none-pending';
    for (const recipient of recipients) await queueRecipient(context, tx, state, template, speed, recipient);
    return 'queued';
  });
}

async function queueRecipient(context: PluginContext, tx: Transaction, state: FeedState, template: CampaignTemplate, speed: number, recipient: PendingRecipient): Promise<void> {
  const { manager } = tx;
  const contactId =
    recipient.contact_id ??
    (recipient.wa_id ? await contactForPhone(manager, { id: state.account_id, phoneNumberId: state.phone_number_id }, recipient.wa_id, context) : null);
  if (!contactId) return skip(manager, recipient.id, null, 'invalid-phone');
  const contact = (await queryOne<ContactRow>(
    manager,
    prepared(`SELECT COALESCE(display_name, profile_name, crm_record_label) AS name, phone_e164 AS phone, crm_record_label AS crm_label, attributes
       FROM whatsapp_contacts WHERE id = $1`),
    [contactId],
  ))!;
  const parameters = resolveParameters(state.parameters, {
    name: contact.name,
    phone: contact.phone,
    crmLabel: recipient.crm_record_label ?? contact.crm_label,
    attributes: contact.attributes,
    values: recipient.values,
  });
  if (parameters.missing.length > 0) return skip(manager, recipient.id, contactId, 'missing-parameter');
  const message = templateMessage(template, parameters.values);
  if (!message.ok) return skip(manager, recipient.id, contactId, 'missing-parameter');

  const conversationId = await conversationForContact(manager, state.account_id, contactId);
  let target;
  try {
    target = await loadSendTarget(tx, conversationId);
  } catch (error) {
    if (error instanceof OutboundRefusal) return skip(manager, recipient.id, contactId, skipReasonOf(error.reason));
    throw error;
  }
  // The pipeline checks again right before Meta; checking here too keeps a stopped contact out of the counts of what was queued.
  const refused = refusalBeforeMeta({ ...target.conditions, templateCategory: template.category });
  if (refused) return skip(manager, recipient.id, contactId, skipReasonOf(refused.reason));

  const queued = await queueOutboundMessage(context, tx, {
    target,
    content: message.content,
    body: message.body,
    actorId: null,
    templateId: template.id,
    sendCap: { key: broadcastSendCapKey(state.id), perSecond: speed },
    marketingApi: state.use_marketing_api && isMarketing(template),
  });
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_broadcast_recipients SET state = 'queued', message_id = $2, contact_id = $3 WHERE id = $1`),
    [recipient.id, queued.id, contactId],
  );
}

function skipReasonOf(reason: string): RecipientSkipReason {
  if (reason === 'marketing-opted-out') return 'opted-out';
  if (reason === 'number-blocked' || reason === 'account-inactive') return 'number-blocked';
  return 'not-sendable';
}

async function skip(manager: EntityManager, recipientId: string, contactId: string | null, reason: RecipientSkipReason): Promise<void> {
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_broadcast_recipients SET state = 'skipped', skip_reason = $2, contact_id = COALESCE($3, contact_id) WHERE id = $1`),
    [recipientId, reason, contactId],
  );
}

/** Completed with its counts as they stand (later statuses reach the host as message events). */
async function complete(context: PluginContext, broadcastId: string): Promise<boolean> {
  return inTransaction(context.dataSource, async ({ manager }) => {
    const rows = await queryRows(
      manager,
      `UPDATE whatsapp_broadcasts b SET status = 'completed', finished_at = now(), updated_at = now()
        WHERE b.id = $1 AND b.status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM whatsapp_broadcast_recipients r WHERE r.broadcast_id = b.id AND r.state = 'pending')
        RETURNING b.id`,
      [broadcastId],
    );
    if (rows.length === 0) return false;
    const { total, sent, delivered, read, replied, failed, skipped, failedByReason, skippedByReason } = (await loadBroadcastProgress(manager, broadcastId))!;
    await emitBroadcastEvent(manager, 'broadcast.completed', broadcastId, {
      counts: { total, sent, delivered, read, replied, failed, skipped, failedByReason, skippedByReason },
    });
    return true;
  });
}

/**
 * Sending cannot go on (the number blocked, the template paused by Meta): paused with the reason,
 * resumable once fixed. Hosts hear why in a word (`template-not-approved`, `number-blocked`).
 */
async function pauseBySelf(context: PluginContext, broadcastId: string, reasonKey: string): Promise<void> {
  await inTransaction(context.dataSource, async ({ manager }) => {
    const paused = await queryRows(
      manager,
      `UPDATE whatsapp_broadcasts SET status = 'paused', paused_at = now(), paused_reason = $2, updated_at = now() WHERE id = $1 AND status = 'sending' RETURNING id`,
      [broadcastId, reasonKey],
    );
    if (paused.length === 0) return;
    const reason = reasonKey === TEMPLATE_NOT_APPROVED ? 'template-not-approved' : 'number-blocked';
    await emitBroadcastEvent(manager, 'broadcast.paused', broadcastId, { actorId: null, reason });
  });
  context.logger.warn('broadcast paused by itself', { broadcastId, reason: reasonKey });
}

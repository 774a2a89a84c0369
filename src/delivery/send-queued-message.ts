import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboundMessage } from '../cloud-api/index.js';
import { GraphApiError } from '../cloud-api/index.js';
import { nextRetryDelayMs, shouldRetry } from '../domain/retry-backoff.js';
import type { PluginContext } from '../context/plugin-context.js';
import { callbackDataSql } from './callback-data.js';
import { notifyInStatement } from '../db/notify.js';
import type { OutboundSettings } from './delivery-settings.js';
import {
  deferSend,
  failureOf,
  recordFailed,
  recordSent,
  recordUnknown,
  scheduleRetry,
  type ClaimedMessage,
  type SendFailure,
} from './record-send-outcome.js';
import { DatabaseClock, localNow } from '../db/database-clock.js';
import { numberRateLimit, pairRateLimit, releaseSendSlot, reserveSendSlot, sendCapRateLimit, slowDownSends, type RateLimit } from './send-rate-limiter.js';
import { queryOne } from '../db/sql.js';
import { refusalBeforeMeta } from './refusal-before-meta.js';
import { isUuid } from '../domain/uuid.js';

export type SendOutcome =
  | { outcome: 'sent'; wamid: string }
  | { outcome: 'retry-scheduled'; at: Date; code: number | null }
  | { outcome: 'deferred'; at: Date }
  | { outcome: 'failed'; code: number | null; explanationKey: string }
  | { outcome: 'unknown' }
  /** Not `queued` (already sent, being sent, failed…): a duplicate job, nothing to do. */
  | { outcome: 'skipped' };

/**
 * One send job: claim the message (`queued` → `sending`, with `sending_at`) so no other worker
 * can send it, wait for its rate-limit slots, call Meta, and record what happened. The claim
 * comes before the request, so a crash leaves it `sending` (→ `unknown`, reconciled), never
 * `queued` (which would send it again).
 */
export async function sendQueuedMessage(context: PluginContext, messageId: string, settings: OutboundSettings): Promise<SendOutcome> {
  const message = isUuid(messageId) ? await claim(context, messageId) : undefined;
  if (!message) return { outcome: 'skipped' };

  if (!message.accountActive) return fail(context, message, localFailure('outbound.failure.accountInactive', 'the number is inactive'));
  const refused = refusalBeforeMeta(message.conditions);
  if (refused) return fail(context, message, { code: refused.code, title: refused.reason, details: null, explanationKey: refused.key });
  const accessToken = openAccessToken(context, message);
  if (!accessToken) {
    return fail(context, message, { ...localFailure('outbound.failure.noAccessToken', 'the number has no usable access token'), flags: 'account' });
  }

  const slots = await reserveSlots(context, message, settings).catch((error: unknown) => {
    // Nothing was sent yet: put it back rather than leave it `sending` (which would mean "maybe sent").
    context.logger.warn('could not reserve a send slot', { messageId: message.id, error: String(error) });
    return { granted: false as const, retryInMs: PREPARE_RETRY_MS };
  });
  if (!slots.granted) {
    const at = new Date(context.clock.now().getTime() + slots.retryInMs);
    await deferSend(context, message, at);
    return { outcome: 'deferred', at };
  }
  const { pair, number } = slots;

  let wamid: string;
  try {
    ({ wamid } = await context.graph.sendMessage(
      { accessToken, phoneNumberId: message.phoneNumberId, timeoutMs: settings.requestTimeoutMs, marketingMessages: message.marketingApi },
      message.payload,
    ));
  } catch (error) {
    return afterError(context, message, error, settings, { pair, number });
  }
  await recordSentPersistently(context, message, wamid);
  return { outcome: 'sent', wamid };
}

const PREPARE_RETRY_MS = 5_000;

function openAccessToken(context: PluginContext, message: ClaimedMessage): string | null {
  if (!message.sealedAccessToken) return null;
  try {
    return context.secretBox.open(message.sealedAccessToken);
  } catch (error) {
    context.logger.error('cannot open the access token of a number', { accountId: message.accountId, error: String(error) });
    return null;
  }
}

/**
 * The pair slot first, then the message's send cap (a broadcast's speed), then the number's: the
 * later slots are short and must be used on time, after any longer wait before them. A slot
 * taken is given back when a later one is refused. A capped message (a broadcast the manager sent
 * at a chosen speed, up to the number's cap) takes the number's slot at the cap's headroom and
 * lateness: spaced and punctual enough to hold 96 % of the cap without any second going over it.
 */
async function reserveSlots(
  context: PluginContext,
  message: ClaimedMessage,
  settings: OutboundSettings,
): Promise<{ granted: true; pair: RateLimit; number: RateLimit } | { granted: false; retryInMs: number }> {
  const pair = pairRateLimit(message.accountId, message.payload.to ?? message.payload.recipient!, settings.pairRate);
  const capped = message.sendCap !== null;
  const cap = message.sendCap ? sendCapRateLimit(message.sendCap.key, message.sendCap.perSecond, settings.sendCapHeadroom) : null;
  const number = numberRateLimit(message.accountId, message.messagesPerSecond, capped ? settings.sendCapHeadroom : settings.rateHeadroom);
  const lateness = capped ? settings.sendCapLatenessMs : settings.slotLatenessMs;
  const taken: RateLimit[] = [];
  for (const [limit, onTime] of [[pair, false], ...(cap ? [[cap, true] as const] : []), [number, true]] as const) {
    const slot = await waitForSlot(context, limit, settings, onTime, lateness);
    if (!slot.granted) {
      for (const given of taken) await releaseSendSlot(context.dataSource, given);
      return slot;
    }
    taken.push(limit);
  }
  return { granted: true, pair, number };
}

const RECORD_SENT_DELAYS_MS = [200, 1_000, 5_000];

// Meta has the message; losing its wamid to a passing database error would leave it to the
// reconciliation (and, without status webhooks, to a resend). Worth a few tries.
async function recordSentPersistently(context: PluginContext, message: ClaimedMessage, wamid: string): Promise<void> {
  for (const delayMs of [...RECORD_SENT_DELAYS_MS, null]) {
    try {
      return await recordSent(context, message, wamid);
    } catch (error) {
      if (delayMs === null) throw error;
      context.logger.warn('could not record a sent message yet', { messageId: message.id, wamid, error: String(error) });
      await sleep(delayMs);
    }
  }
}

async function afterError(
  context: PluginContext,
  message: ClaimedMessage,
  error: unknown,
  settings: OutboundSettings,
  limits: { pair: RateLimit; number: RateLimit },
): Promise<SendOutcome> {
  const failure = failureOf(error);
  // Anything but a typed answer may have happened after the request was written: never resend blindly.
  if (!(error instanceof GraphApiError) || error.outcome === 'unknown') {
    context.logger.warn('send outcome unknown, to be reconciled', { messageId: message.id, error: String(error) });
    await recordUnknown(context, message, failure);
    return { outcome: 'unknown' };
  }
  const { classification } = error;
  if (classification.retry && shouldRetry(classification, message.sendNumber)) {
    const delayMs = nextRetryDelayMs(classification.retry.schedule, message.sendNumber, settings.random);
    const slowed = slowedLimit(error.code, limits);
    if (slowed) await slowDownSends(context.dataSource, slowed, { pauseMs: delayMs, slowForMs: settings.slowDownForMs });
    const at = new Date(context.clock.now().getTime() + delayMs);
    await scheduleRetry(context, message, failure, at);
    return { outcome: 'retry-scheduled', at, code: error.code };
  }
  return fail(context, message, failure);
}

const SLOT_TRIES = 3;
// One per process: a calibration of this machine's clock against the database's, not shared state.
const databaseClock = new DatabaseClock();

/**
 * Reserves a slot of `limit` and sleeps until it. With `onTime`, a slot this process reached
 * more than `slotLatenessMs` late (a stalled event loop) is given up and another one taken:
 * sends bunched up after a stall are what would break a per-second cap. The slot's time is
 * the database's, mapped onto the local clock (DatabaseClock), so neither waiting for the row
 * lock nor reading the answer late makes a late slot look on time.
 */
async function waitForSlot(
  context: PluginContext,
  limit: RateLimit,
  settings: OutboundSettings,
  onTime: boolean,
  latenessMs: number,
): Promise<{ granted: true } | { granted: false; retryInMs: number }> {
  for (let tries = 0; tries < SLOT_TRIES; tries++) {
    const slot = await reserveSendSlot(context.dataSource, limit, settings.maxRateWaitMs);
    const received = localNow();
    if (!slot.granted) return { granted: false, retryInMs: slot.waitMs };
    databaseClock.observe(slot.answeredAtMs, received);
    const due = databaseClock.toLocal(slot.atMs) ?? received + slot.waitMs;
    const early = due - localNow();
    if (early > 0) await sleep(early);
    if (!onTime || localNow() - due <= latenessMs) return { granted: true };
  }
  return { granted: false, retryInMs: 0 };
}

// Meta's "too fast" answers slow every later send under the limit concerned, not only this message.
function slowedLimit(code: number | null, limits: { pair: RateLimit; number: RateLimit }): RateLimit | null {
  if (code === 131056) return limits.pair;
  if (code === 130429 || code === 4 || code === 80007) return limits.number;
  return null;
}

async function fail(context: PluginContext, message: ClaimedMessage, failure: SendFailure): Promise<SendOutcome> {
  await recordFailed(context, message, failure);
  context.logger.warn('message failed', { messageId: message.id, code: failure.code, title: failure.title });
  return { outcome: 'failed', code: failure.code, explanationKey: failure.explanationKey };
}

function localFailure(explanationKey: string, title: string): SendFailure {
  return { code: null, title, details: null, explanationKey };
}

interface ClaimRow {
  id: string;
  conversation_id: string;
  account_id: string;
  phone_number_id: string;
  messages_per_second: number;
  account_status: string;
  access_token_encrypted: string | null;
  template_id: string | null;
  payload: OutboundMessage;
  send_number: number;
  template_category: string | null;
  marketing_opted_out: boolean;
  username_only: boolean;
  blocked_reason_key: string | null;
  contact_id: string;
  send_cap_key: string | null;
  send_cap_per_second: number | null;
  marketing_api: boolean;
}

async function claim(context: PluginContext, messageId: string): Promise<ClaimedMessage | undefined> {
  const row = await queryOne<ClaimRow>(
    context.dataSource,
    `UPDATE whatsapp_messages m SET
        status = 'sending', sending_at = now(), updated_at = now(),
        payload = jsonb_set(m.payload, '{biz_opaque_callback_data}', to_jsonb(${callbackDataSql('m.id')}))
       FROM whatsapp_conversations c JOIN whatsapp_accounts a ON a.id = c.account_id JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE m.id = $1 AND m.status = 'queued' AND m.direction = 'outbound' AND c.id = m.conversation_id
      RETURNING m.id, m.conversation_id, c.account_id, a.phone_number_id, a.messages_per_second, a.status AS account_status,
                a.access_token_encrypted, m.template_id, m.payload, m.send_attempts + 1 AS send_number,
                (SELECT t.category FROM whatsapp_templates t WHERE t.id = m.template_id) AS template_category,
                ct.marketing_opted_out_at IS NOT NULL AS marketing_opted_out, m.payload ? 'recipient' AS username_only,
                a.blocked_reason_key, ct.id AS contact_id, m.send_cap_key, m.send_cap_per_second, m.marketing_api,
                ${notifyInStatement.messageUpdated('m', 'c.account_id')} AS notified`,
    [messageId],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    accountId: row.account_id,
    phoneNumberId: row.phone_number_id,
    messagesPerSecond: row.messages_per_second,
    accountActive: row.account_status === 'active',
    sealedAccessToken: row.access_token_encrypted,
    templateId: row.template_id,
    payload: row.payload,
    sendNumber: row.send_number,
    contactId: row.contact_id,
    conditions: {
      templateCategory: row.template_category,
      marketingOptedOut: row.marketing_opted_out,
      usernameOnly: row.username_only,
      blockedReasonKey: row.blocked_reason_key,
    },
    sendCap: row.send_cap_key && row.send_cap_per_second ? { key: row.send_cap_key, perSecond: row.send_cap_per_second } : null,
    marketingApi: row.marketing_api,
  };
}

import type { OutboundMessage } from '../cloud-api/index.js';
import { GraphApiError } from '../cloud-api/index.js';
import { inTransaction, type Transaction } from '../db/transaction.js';
import { statusesAdvanceableTo } from '../domain/status-rank.js';
import { applyParkedUpdates } from '../statuses/apply-parked-updates.js';
import type { PluginContext } from '../context/plugin-context.js';
import { notifyInStatement } from '../db/notify.js';
import { enqueueSend } from './enqueue-send.js';
import { queryOne, queryRows } from '../db/sql.js';
import { emitMessageEvents } from '../events/emit-event.js';
import { setMarketingConsent } from '../contacts/set-marketing-consent.js';
import type { SendConditions } from './refusal-before-meta.js';

/** A message this worker took (`queued` → `sending`) and is responsible for until it records an outcome. */
export interface ClaimedMessage {
  id: string;
  conversationId: string;
  accountId: string;
  phoneNumberId: string;
  messagesPerSecond: number;
  accountActive: boolean;
  sealedAccessToken: string | null;
  templateId: string | null;
  /** The request as it goes to Meta, with this send's callback data. */
  payload: OutboundMessage;
  /** 1 for the first request made for this message, 2 for the next… */
  sendNumber: number;
  /** The customer it goes to. */
  contactId: string;
  /** What the check before Meta decides on (refusalBeforeMeta). */
  conditions: SendConditions;
  /** The cap it shares with other messages (a broadcast's speed), if any. */
  sendCap: { key: string; perSecond: number } | null;
  /** Through the Marketing Messages API. */
  marketingApi: boolean;
}

/** Why a send did not succeed, as stored on the message (and on the account or template it flags). */
export interface SendFailure {
  code: number | null;
  title: string;
  details: string | null;
  /** i18n key of the plain explanation agents read. */
  explanationKey: string;
  /** An admin must act on the number or the template: nothing else goes out until then. */
  flags?: 'account' | 'template';
}

export function failureOf(error: unknown): SendFailure {
  if (!(error instanceof GraphApiError)) {
    return { code: null, title: error instanceof Error ? error.message : String(error), details: null, explanationKey: 'metaError.transport.unknownOutcome' };
  }
  return {
    code: error.code,
    title: error.title ?? error.message,
    details: error.details ?? (error.problems.length > 0 ? error.problems.join('; ') : null),
    explanationKey: error.classification.explanationKey,
    ...(error.classification.flags ? { flags: error.classification.flags } : {}),
  };
}

const FAILURE_COLUMNS = `error_code = $2, error_title = $3, error_details = $4, error_explanation_key = $5`;
const failureParams = (failure: SendFailure) => [failure.code, failure.title, failure.details, failure.explanationKey];

/**
 * Meta accepted the message: its wamid and `sent`, forward-only (a status webhook may already
 * have taken it further), then whatever statuses were parked for that wamid while the answer
 * was on its way. Clears the number's and the template's problem flags: sending works again.
 */
export async function recordSent(context: PluginContext, message: ClaimedMessage, wamid: string): Promise<void> {
  const advanceable = statusesAdvanceableTo('sent');
  await inTransaction(context.dataSource, async (tx) => {
    await queryRows(
      tx.manager,
      `WITH m AS (
         UPDATE whatsapp_messages SET
           wamid = COALESCE(wamid, $2),
           status = CASE WHEN status = ANY($3::text[]) THEN 'sent' ELSE status END,
           sent_at = COALESCE(sent_at, now()),
           send_attempts = send_attempts + 1,
           next_attempt_at = NULL,
           error_code = CASE WHEN status = ANY($3::text[]) THEN NULL ELSE error_code END,
           error_title = CASE WHEN status = ANY($3::text[]) THEN NULL ELSE error_title END,
           error_details = CASE WHEN status = ANY($3::text[]) THEN NULL ELSE error_details END,
           error_explanation_key = CASE WHEN status = ANY($3::text[]) THEN NULL ELSE error_explanation_key END,
           updated_at = now()
         WHERE id = $1
         RETURNING id, conversation_id, template_id
       ), account AS (
         UPDATE whatsapp_accounts SET problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL, updated_at = now()
          WHERE id = $4 AND problem_at IS NOT NULL
       ), template AS (
         UPDATE whatsapp_templates t SET problem_code = NULL, problem_message = NULL, problem_explanation_key = NULL, problem_at = NULL, updated_at = now()
           FROM m WHERE t.id = m.template_id AND t.problem_at IS NOT NULL
       )
       SELECT ${notifyInStatement.messageUpdated('m', '$4')} FROM m`,
      [message.id, wamid, advanceable, message.accountId],
    );
    await emitMessageEvents(tx.manager, 'message.sent', [message.id]);
    await applyParkedUpdates(tx.manager, wamid);
  });
}

/** Meta refused for a reason that passes: the message goes back to `queued` with a job at `at`. */
export async function scheduleRetry(context: PluginContext, message: ClaimedMessage, failure: SendFailure, at: Date): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const updated = await queryRows(
      tx.manager,
      `WITH m AS (
         UPDATE whatsapp_messages SET status = 'queued', send_attempts = send_attempts + 1, next_attempt_at = $6,
           ${FAILURE_COLUMNS}, updated_at = now()
          WHERE id = $1 AND status = 'sending'
          RETURNING id, conversation_id
       )
       SELECT ${notifyInStatement.messageUpdated('m', '$7')} FROM m`,
      [message.id, ...failureParams(failure), at, message.accountId],
    );
    if (updated.length > 0) await enqueueSend(context, tx, message.id, at);
  });
}

/** The rate limit has no slot soon enough: back to `queued` until `at`, no attempt spent. */
export async function deferSend(context: PluginContext, message: ClaimedMessage, at: Date): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const updated = await queryRows(
      tx.manager,
      `UPDATE whatsapp_messages SET status = 'queued', next_attempt_at = $2, updated_at = now()
        WHERE id = $1 AND status = 'sending' RETURNING id`,
      [message.id, at],
    );
    if (updated.length > 0) await enqueueSend(context, tx, message.id, at);
  });
}

/** Nothing was or will be sent: `failed` with Meta's code, title and a plain explanation; flags the number or template when an admin must act. */
export async function recordFailed(context: PluginContext, message: ClaimedMessage, failure: SendFailure): Promise<void> {
  await inTransaction(context.dataSource, async (tx) => {
    const updated = await queryRows(
      tx.manager,
      `WITH m AS (
         UPDATE whatsapp_messages SET status = 'failed', failed_at = now(), send_attempts = send_attempts + 1, next_attempt_at = NULL,
           ${FAILURE_COLUMNS}, updated_at = now()
          WHERE id = $1 AND status = 'sending'
          RETURNING id, conversation_id
       )
       SELECT ${notifyInStatement.messageUpdated('m', '$6')} FROM m`,
      [message.id, ...failureParams(failure), message.accountId],
    );
    if (updated.length === 0) return;
    await emitMessageEvents(tx.manager, 'message.failed', [message.id]);
    if (failure.flags) await flagProblem(tx, message, failure);
    // Meta says the customer stopped marketing messages: the contact's consent says so too, for every later send.
    if (failure.code === 131050 && !message.conditions.marketingOptedOut) await setMarketingConsent(tx.manager, message.contactId, true, 'meta_131050');
  });
}

/** The request was written and no answer came: `unknown` until status webhooks or the reconciliation settle it. */
export async function recordUnknown(context: PluginContext, message: ClaimedMessage, failure: SendFailure): Promise<void> {
  await queryRows(
    context.dataSource,
    `WITH m AS (
       UPDATE whatsapp_messages SET status = 'unknown', send_attempts = send_attempts + 1, unknown_outcomes = unknown_outcomes + 1, next_attempt_at = NULL,
         ${FAILURE_COLUMNS}, updated_at = now()
        WHERE id = $1 AND status = 'sending'
        RETURNING id, conversation_id
     )
     SELECT ${notifyInStatement.messageUpdated('m', '$6')} FROM m`,
    [message.id, ...failureParams(failure), message.accountId],
  );
}

async function flagProblem(tx: Transaction, message: ClaimedMessage, failure: SendFailure): Promise<void> {
  const table = failure.flags === 'template' ? 'whatsapp_templates' : 'whatsapp_accounts';
  const id = failure.flags === 'template' ? message.templateId : message.accountId;
  if (!id) return;
  await queryOne(
    tx.manager,
    `UPDATE ${table} SET problem_code = $2, problem_message = $3, problem_explanation_key = $4, problem_at = now(), updated_at = now() WHERE id = $1`,
    [id, failure.code, [failure.title, failure.details].filter(Boolean).join(' — '), failure.explanationKey],
  );
}

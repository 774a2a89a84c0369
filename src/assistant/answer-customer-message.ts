import type { PluginContext } from '../context/plugin-context.js';
import { queryOne } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import { handoverKeywords, asksForHuman, matchedKeyword } from '../domain/assistant-handover.js';
import type { HandoverReason, SkipReason } from '../domain/assistant-modes.js';
import { serviceWindow } from '../domain/service-window.js';
import { isOpenAt } from '../domain/business-hours.js';
import { loadAutomationSettings } from '../automation/automation-settings.js';
import { recordAudit } from '../conversations/conversation-change.js';
import { freeFormTarget } from '../conversations/free-form-send.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { checkAnswer } from './answer-guard.js';
import { answerPrompt, recentTurns } from './assistant-prompt.js';
import { callModel, recordRun, type ModelCall } from './assistant-runs.js';
import { conversationAssistant, embeddingOf, modelOf, type AssistantSettings, type ConversationAssistant } from './conversation-assistant.js';
import { handOver } from './hand-over.js';
import { knowledgeBasesOfNumber, retrievePassages, type Passage } from './knowledge/retrieve-passages.js';

export interface AssistantAnswerJobData {
  conversationId: string;
  /** The customer's message that asked. */
  messageId: string;
}

export type AnswerOutcome =
  | { outcome: 'answered'; messageId: string; runId: string }
  | { outcome: 'handed_over'; reason: HandoverReason; runId: string }
  | { outcome: 'skipped'; reason: SkipReason | 'mode_off' };

/**
 * Answer mode, for one customer message (the job the processor queues). In order: the number's
 * rules (the mode, a person already on it, the 24-hour window, a customer who said stop, the
 * hours chosen for the assistant), then what hands over to a person before any model is asked
 * (the customer asks for one, a keyword, the exchanges or the hourly cap reached, no passage
 * found), then the model, whose answer is checked (answer-guard) before it is sent, marked "AI".
 * Whatever happens is one run row; a hand-over also leaves its reason in the audit trail.
 */
export async function answerCustomerMessage(context: PluginContext, job: AssistantAnswerJobData, now: Date = context.clock.now()): Promise<AnswerOutcome> {
  const state = await conversationAssistant(context.dataSource, job.conversationId);
  if (!state || state.mode !== 'answer' || !state.assistant) return { outcome: 'skipped', reason: 'mode_off' };
  const message = await queryOne<{ body: string | null; created_at: Date; newer: boolean; answered: boolean; agent_replied: boolean }>(
    context.dataSource,
    `SELECT m.body, m.created_at,
            EXISTS (SELECT 1 FROM whatsapp_messages n WHERE n.conversation_id = m.conversation_id AND n.direction = 'inbound' AND n.created_at > m.created_at) AS newer,
            EXISTS (SELECT 1 FROM whatsapp_assistant_runs r WHERE r.conversation_id = m.conversation_id AND r.kind = 'answer' AND r.created_at >= m.created_at) AS answered,
            EXISTS (SELECT 1 FROM whatsapp_messages o WHERE o.conversation_id = m.conversation_id AND o.direction = 'outbound'
                       AND o.sent_by_id IS NOT NULL AND o.created_at > $3::timestamptz - interval '24 hours') AS agent_replied
       FROM whatsapp_messages m WHERE m.id = $1 AND m.conversation_id = $2 AND m.direction = 'inbound'`,
    [job.messageId, job.conversationId, now],
  );
  // A burst of messages is answered once, after its last one; a job that runs twice answers once.
  if (!message || message.newer || message.answered) return { outcome: 'skipped', reason: 'superseded' };
  const skip = skipReason(state, message, now, await isOpenNow(context, state.accountId, now));
  if (skip) {
    await recordRun(context.dataSource, { kind: 'answer', outcome: 'skipped', reason: skip, conversationId: state.conversationId, accountId: state.accountId, assistant: state.assistant, question: message.body });
    return { outcome: 'skipped', reason: skip };
  }
  const question = message.body ?? '';
  const before = await handoverBeforeModel(context, state, state.assistant, question);
  if (before) return handOverWithRun(context, state, { ...before, question, passages: [], call: null });

  const model = modelOf(context, state.assistant);
  const passages = await retrievePassages(context.dataSource, {
    knowledgeBaseIds: await knowledgeBasesOfNumber(context.dataSource, state.accountId),
    question,
    embedding: embeddingOf(model, state.assistant),
  });
  if (passages.length === 0) return handOverWithRun(context, state, { reason: 'no_passage', detail: 'no passage matches the question', question, passages, call: null });

  const prompt = answerPrompt({ instructions: state.assistant.instructions, passages, turns: await recentTurns(context.dataSource, state.conversationId) });
  const call = await callModel(model, prompt.request);
  if (!call.ok) return handOverWithRun(context, state, { reason: 'provider_error', detail: call.error.message, question, passages, call });
  const verdict = checkAnswer(call.result.text, { passages, canary: prompt.canary, requireCitation: true });
  if (!verdict.ok) return handOverWithRun(context, state, { reason: verdict.reason, detail: verdict.detail, question, passages, call, text: call.result.text });

  try {
    return await inTransaction(context.dataSource, async (tx) => {
      // The window is checked again under the send's own rules (a customer who stopped meanwhile, a number that was blocked).
      const target = await freeFormTarget(tx, state.conversationId, context.clock.now());
      const sent = await queueOutboundMessage(context, tx, {
        target,
        content: { type: 'text', text: { body: verdict.text } },
        body: verdict.text,
        actorId: null,
        automation: 'assistant',
      });
      const runId = await recordRun(tx.manager, {
        kind: 'answer', outcome: 'answered', conversationId: state.conversationId, accountId: state.accountId, assistant: state.assistant,
        messageId: sent.id, question, text: verdict.text, passages, call,
      });
      await recordAudit(tx.manager, state.conversationId, null, { kind: 'assistant_replied', details: { messageId: sent.id, runId, passages: passages.map((p) => p.chunkId) } });
      return { outcome: 'answered' as const, messageId: sent.id, runId };
    });
  } catch (error) {
    if (!(error instanceof OutboundRefusal)) throw error;
    await recordRun(context.dataSource, {
      kind: 'answer', outcome: 'skipped', reason: 'window_closed', conversationId: state.conversationId, accountId: state.accountId, assistant: state.assistant,
      question, text: verdict.text, passages, call,
    });
    return { outcome: 'skipped', reason: 'window_closed' };
  }
}

function skipReason(state: ConversationAssistant, message: { agent_replied: boolean }, now: Date, open: boolean): SkipReason | null {
  if (state.handedOverAt) return 'handed_over';
  if (message.agent_replied) return 'agent_active';
  if (!serviceWindow(state.lastInboundAt, now).open) return 'window_closed';
  if (state.optedOut) return 'opted_out';
  const hours = state.assistant?.answerHours ?? 'always';
  if ((hours === 'business_hours' && !open) || (hours === 'outside_business_hours' && open)) return 'outside_hours';
  return null;
}

/** The number's business hours (automation's settings); a number without them is always open. */
async function isOpenNow(context: PluginContext, accountId: string, now: Date): Promise<boolean> {
  const settings = (await loadAutomationSettings(context.dataSource, [accountId])).get(accountId);
  return isOpenAt(settings?.businessHours ?? null, now);
}

async function handoverBeforeModel(
  context: PluginContext,
  state: ConversationAssistant,
  assistant: AssistantSettings,
  question: string,
): Promise<{ reason: HandoverReason; detail: string } | null> {
  if (asksForHuman(question)) return { reason: 'asked_for_human', detail: 'the customer asked for a person' };
  const keyword = matchedKeyword(question, handoverKeywords(assistant.handoverKeywords));
  if (keyword) return { reason: 'keyword', detail: keyword };
  const counts = await queryOne<{ exchanges: number; last_hour: number }>(
    context.dataSource,
    `SELECT count(*) FILTER (WHERE created_at > COALESCE($2::timestamptz, '-infinity'))::int AS exchanges,
            count(*) FILTER (WHERE created_at > now() - interval '1 hour')::int AS last_hour
       FROM whatsapp_assistant_runs WHERE conversation_id = $1 AND kind = 'answer' AND outcome = 'answered'`,
    [state.conversationId, state.countSince],
  );
  if ((counts?.exchanges ?? 0) >= assistant.maxExchanges) return { reason: 'max_exchanges', detail: String(assistant.maxExchanges) };
  if ((counts?.last_hour ?? 0) >= assistant.answersPerHour) return { reason: 'hourly_cap', detail: String(assistant.answersPerHour) };
  return null;
}

async function handOverWithRun(
  context: PluginContext,
  state: ConversationAssistant,
  input: { reason: HandoverReason; detail: string; question: string; passages: Passage[]; call: ModelCall | null; text?: string },
): Promise<AnswerOutcome> {
  return inTransaction(context.dataSource, async (tx) => {
    const runId = await recordRun(tx.manager, {
      kind: 'answer', outcome: 'handed_over', reason: input.reason, conversationId: state.conversationId, accountId: state.accountId,
      assistant: state.assistant, question: input.question, text: input.text ?? null, passages: input.passages, call: input.call,
    });
    await handOver(tx, state, { reason: input.reason, detail: input.detail, runId });
    return { outcome: 'handed_over' as const, reason: input.reason, runId };
  });
}

import type { PluginContext } from '../context/plugin-context.js';
import { queryOne } from '../db/sql.js';
import { isUuid } from '../domain/uuid.js';
import { checkAnswer } from './answer-guard.js';
import { assistantRefusal } from './assistant-refusal.js';
import { answerPrompt } from './assistant-prompt.js';
import { callModel, recordRun } from './assistant-runs.js';
import { assistantById, embeddingOf, modelOf } from './conversation-assistant.js';
import { retrievePassages } from './knowledge/retrieve-passages.js';

export interface TestedQuestion {
  passages: { number: number; content: string; score: number }[];
  /** With an assistant chosen: what it would answer (null when it would hand over), and why not. */
  answer?: { text: string | null; reason: string | null; inputTokens: number; outputTokens: number; costMicros: number; currency: string };
}

/**
 * The "test a question" box of a knowledge base: which passages a customer's question would
 * bring, and, with an assistant chosen, the answer its model would give from them.
 */
export async function testQuestion(
  context: PluginContext,
  input: { knowledgeBaseId: string; question: string; assistantId?: string | null; requestedById?: string | null },
): Promise<TestedQuestion> {
  const question = input.question.trim();
  if (!question) throw assistantRefusal('question-empty');
  const base = isUuid(input.knowledgeBaseId)
    ? await queryOne<{ id: string }>(context.dataSource, `SELECT id FROM whatsapp_knowledge_bases WHERE id = $1`, [input.knowledgeBaseId])
    : undefined;
  if (!base) throw assistantRefusal('knowledge-base-not-found');
  const assistant = input.assistantId ? await assistantById(context.dataSource, input.assistantId) : undefined;
  const model = assistant ? modelOf(context, assistant) : null;
  const passages = await retrievePassages(context.dataSource, {
    knowledgeBaseIds: [base.id],
    question,
    embedding: model && assistant ? embeddingOf(model, assistant) : null,
  });
  const shown = passages.map(({ number, content, score }) => ({ number, content, score }));
  if (!assistant || !model) return { passages: shown };
  if (passages.length === 0) return { passages: shown, answer: { text: null, reason: 'no_passage', inputTokens: 0, outputTokens: 0, costMicros: 0, currency: assistant.currency } };
  const prompt = answerPrompt({ instructions: assistant.instructions, passages, turns: [{ role: 'user', content: question }] });
  const call = await callModel(model, prompt.request);
  const verdict = call.ok ? checkAnswer(call.result.text, { passages, canary: prompt.canary, requireCitation: true }) : null;
  const runId = await recordRun(context.dataSource, {
    kind: 'test', outcome: !call.ok ? 'failed' : verdict?.ok ? 'answered' : 'handed_over', reason: call.ok ? (verdict?.ok ? null : verdict!.reason) : 'provider_error',
    assistant, question, passages, call, text: call.ok ? call.result.text : null, requestedById: input.requestedById ?? null,
  });
  if (!call.ok) throw assistantRefusal('provider-failed', { reason: call.error.message.slice(0, 200) });
  const cost = await queryOne<{ cost: string }>(context.dataSource, `SELECT cost_micros AS cost FROM whatsapp_assistant_runs WHERE id = $1`, [runId]);
  return {
    passages: shown,
    answer: {
      text: verdict!.ok ? verdict!.text : null,
      reason: verdict!.ok ? null : verdict!.reason,
      inputTokens: call.result.inputTokens,
      outputTokens: call.result.outputTokens,
      costMicros: Number(cost?.cost ?? 0),
      currency: assistant.currency,
    },
  };
}

import type { PluginContext } from '../context/plugin-context.js';
import { queryOne } from '../db/sql.js';
import { authorize, withPermissions } from '../conversations/conversation-access.js';
import { WorkflowRefusal } from '../conversations/workflow-refusal.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { Permission } from '../permissions/permission-names.js';
import { checkAnswer } from './answer-guard.js';
import { assistantRefusal } from './assistant-refusal.js';
import { answerPrompt, recentTurns, summaryPrompt } from './assistant-prompt.js';
import { callModel, recordRun } from './assistant-runs.js';
import { conversationAssistant, embeddingOf, modelOf, type AssistantSettings, type ConversationAssistant } from './conversation-assistant.js';
import { knowledgeBasesOfNumber, retrievePassages } from './knowledge/retrieve-passages.js';

/** A passage as the agent sees it beside a draft. */
export interface ShownPassage {
  number: number;
  content: string;
}

export interface Suggestion {
  /** The draft for the composer; null when no passage supports an answer (or the model's answer was refused). */
  draft: string | null;
  reason: 'no_passage' | 'unsafe_answer' | null;
  passages: ShownPassage[];
}

/** A conversation the actor may act on with `permission`, whose number has an assistant that is not off. */
async function assistantFor(context: PluginContext, conversationId: string, actor: InboxActor, permission: Permission): Promise<ConversationAssistant & { assistant: AssistantSettings }> {
  const state = await conversationAssistant(context.dataSource, conversationId);
  if (!state) throw WorkflowRefusal.of('conversation-not-found');
  authorize(await withPermissions(context.dataSource, actor), permission, state);
  if (!state.assistant) throw assistantRefusal('no-assistant');
  if (state.mode === 'off') throw assistantRefusal('assistant-off');
  return state as ConversationAssistant & { assistant: AssistantSettings };
}

/**
 * Suggest mode: a draft answer to the customer's last message from the passages that match it,
 * for the agent to edit and send (nothing is sent here). The agent needs to be allowed to reply.
 */
export async function suggestReply(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<Suggestion> {
  const state = await assistantFor(context, input.conversationId, input.actor, 'inbox.reply');
  const last = await queryOne<{ body: string }>(
    context.dataSource,
    `SELECT body FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'inbound' AND body IS NOT NULL AND body <> '' AND deleted_at IS NULL
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    [state.conversationId],
  );
  if (!last) throw assistantRefusal('no-customer-message');
  const model = modelOf(context, state.assistant);
  const passages = await retrievePassages(context.dataSource, {
    knowledgeBaseIds: await knowledgeBasesOfNumber(context.dataSource, state.accountId),
    question: last.body,
    embedding: embeddingOf(model, state.assistant),
  });
  const base = { kind: 'suggest' as const, conversationId: state.conversationId, accountId: state.accountId, assistant: state.assistant, question: last.body, passages, requestedById: input.actor.id };
  const shown = passages.map(({ number, content }) => ({ number, content }));
  if (passages.length === 0) {
    await recordRun(context.dataSource, { ...base, outcome: 'skipped', reason: 'no_passage' });
    return { draft: null, reason: 'no_passage', passages: [] };
  }
  const prompt = answerPrompt({ instructions: state.assistant.instructions, passages, turns: await recentTurns(context.dataSource, state.conversationId) });
  const call = await callModel(model, prompt.request);
  if (!call.ok) {
    await recordRun(context.dataSource, { ...base, outcome: 'failed', reason: 'provider_error', call });
    throw assistantRefusal('provider-failed', { reason: call.error.message.slice(0, 200) });
  }
  const verdict = checkAnswer(call.result.text, { passages, canary: prompt.canary, requireCitation: false });
  await recordRun(context.dataSource, { ...base, outcome: verdict.ok ? 'answered' : 'skipped', reason: verdict.ok ? null : verdict.reason, call, text: call.result.text });
  return verdict.ok ? { draft: verdict.text, reason: null, passages: shown } : { draft: null, reason: verdict.reason, passages: shown };
}

/** "Summarise this conversation" in the side panel: for whoever may see the conversation. */
export async function summariseConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<{ summary: string }> {
  const state = await assistantFor(context, input.conversationId, input.actor, 'inbox.view');
  const turns = await recentTurns(context.dataSource, state.conversationId, 50);
  if (turns.length === 0) throw assistantRefusal('no-customer-message');
  const call = await callModel(modelOf(context, state.assistant), summaryPrompt(turns));
  const base = { kind: 'summary' as const, conversationId: state.conversationId, accountId: state.accountId, assistant: state.assistant, requestedById: input.actor.id, call };
  if (!call.ok) {
    await recordRun(context.dataSource, { ...base, outcome: 'failed', reason: 'provider_error' });
    throw assistantRefusal('provider-failed', { reason: call.error.message.slice(0, 200) });
  }
  const summary = call.result.text.trim();
  await recordRun(context.dataSource, { ...base, outcome: 'answered', text: summary });
  return { summary };
}

import { queryOne, type Queryable } from '../db/sql.js';
import type { AssistantRunKind, AssistantRunOutcome } from '../domain/assistant-modes.js';
import type { RunPassage } from '../entities/whatsapp-assistant-run.entity.js';
import { costMicros, type AssistantSettings } from './conversation-assistant.js';
import type { ModelClient, ChatRequest, ChatResult } from './providers/model-client.js';
import { ProviderError } from './providers/provider-error.js';

/** A model's answer with what it cost, or its error; `durationMs` either way. */
export type ModelCall = { ok: true; result: ChatResult; durationMs: number } | { ok: false; error: ProviderError; durationMs: number };

export async function callModel(model: ModelClient, request: ChatRequest): Promise<ModelCall> {
  const started = performance.now();
  try {
    const result = await model.chat(request);
    return { ok: true, result, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError('network', error instanceof Error ? error.message : String(error), null, 1);
    return { ok: false, error: failure, durationMs: Math.round(performance.now() - started) };
  }
}

export interface RunRecord {
  kind: AssistantRunKind;
  outcome: AssistantRunOutcome;
  reason?: string | null;
  conversationId?: string | null;
  accountId?: string | null;
  assistant?: AssistantSettings | null;
  messageId?: string | null;
  question?: string | null;
  text?: string | null;
  passages?: readonly RunPassage[];
  call?: ModelCall | null;
  requestedById?: string | null;
}

/** Writes a run: tokens and cost from the call (a failed call cost nothing we were told of), priced with the assistant's rates. */
export async function recordRun(db: Queryable, run: RunRecord): Promise<string> {
  const result = run.call?.ok ? run.call.result : null;
  const inputTokens = result?.inputTokens ?? 0;
  const outputTokens = result?.outputTokens ?? 0;
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO whatsapp_assistant_runs (kind, outcome, reason, conversation_id, account_id, assistant_id, message_id, question, text, passages,
                                          provider, model, input_tokens, output_tokens, cost_micros, currency, attempts, duration_ms, error, requested_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id`,
    [
      run.kind,
      run.outcome,
      run.reason ?? null,
      run.conversationId ?? null,
      run.accountId ?? null,
      run.assistant?.id ?? null,
      run.messageId ?? null,
      run.question ?? null,
      run.text ?? null,
      JSON.stringify(run.passages ?? []),
      run.call ? run.assistant?.provider ?? null : null,
      run.call ? run.assistant?.model ?? null : null,
      inputTokens,
      outputTokens,
      run.assistant ? costMicros(run.assistant, inputTokens, outputTokens) : 0,
      run.call && run.assistant ? run.assistant.currency : null,
      run.call ? (run.call.ok ? run.call.result.attempts : run.call.error.attempts) : 0,
      run.call?.durationMs ?? 0,
      run.call && !run.call.ok ? `${run.call.error.failure}: ${run.call.error.message}`.slice(0, 1000) : null,
      run.requestedById ?? null,
    ],
  );
  return row!.id;
}

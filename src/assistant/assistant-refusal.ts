import { Refusal, refusalKey } from '../domain/refusal.js';

/** Why the assistant did not do what was asked: `assistant.refusal.<reason>` in locales/<lang>/assistant.json. */
export type AssistantRefusalReason =
  | 'file-unreadable'
  | 'file-empty'
  | 'file-too-large'
  | 'file-kind'
  | 'knowledge-base-not-found'
  | 'no-assistant'
  | 'assistant-off'
  | 'no-customer-message'
  | 'provider-failed'
  | 'question-empty';

export function assistantRefusal(reason: AssistantRefusalReason, params: Record<string, string | number> = {}): Refusal {
  return new Refusal(reason, refusalKey('assistant', reason), params);
}

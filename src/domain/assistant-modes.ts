/** What the assistant does on a number or in one conversation. Lists shared by the server and the screens. */
export const ASSISTANT_MODES = ['off', 'suggest', 'answer'] as const;
export type AssistantMode = (typeof ASSISTANT_MODES)[number];

export const ASSISTANT_PROVIDERS = ['openai', 'anthropic'] as const;
export type AssistantProvider = (typeof ASSISTANT_PROVIDERS)[number];

/** When Answer mode may reply by itself, against the number's business hours. */
export const ANSWER_HOURS = ['always', 'business_hours', 'outside_business_hours'] as const;
export type AnswerHours = (typeof ANSWER_HOURS)[number];

export const KNOWLEDGE_FILE_KINDS = ['csv', 'text', 'markdown', 'pdf'] as const;
export type KnowledgeFileKind = (typeof KNOWLEDGE_FILE_KINDS)[number];

export const INDEX_STATUSES = ['idle', 'queued', 'indexing', 'failed'] as const;
export type IndexStatus = (typeof INDEX_STATUSES)[number];

export const ASSISTANT_RUN_KINDS = ['suggest', 'answer', 'summary', 'test'] as const;
export type AssistantRunKind = (typeof ASSISTANT_RUN_KINDS)[number];

export const ASSISTANT_RUN_OUTCOMES = ['answered', 'handed_over', 'skipped', 'failed'] as const;
export type AssistantRunOutcome = (typeof ASSISTANT_RUN_OUTCOMES)[number];

/**
 * Why Answer mode gave a conversation to a person (a private note says it in words), or why it
 * stayed silent (skipped).
 */
export const HANDOVER_REASONS = ['asked_for_human', 'no_passage', 'keyword', 'max_exchanges', 'hourly_cap', 'unsafe_answer', 'provider_error'] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

export const SKIP_REASONS = ['mode_off', 'handed_over', 'agent_active', 'window_closed', 'opted_out', 'outside_hours', 'not_text', 'superseded'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

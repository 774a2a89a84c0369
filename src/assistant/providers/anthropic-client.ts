import type { ChatRequest, ChatResult, ModelClient, ModelSettings } from './model-client.js';
import { ProviderError } from './provider-error.js';
import { postJsonWithRetries, type RetryPolicy } from './request-with-retries.js';

const ANTHROPIC_VERSION = '2023-06-01';
/** Answers to WhatsApp customers are short; the cap keeps a runaway answer's cost bounded. */
const MAX_OUTPUT_TOKENS = 1024;

/** Anthropic's Messages API (`https://api.anthropic.com`); no embeddings there. */
export function anthropicClient(settings: ModelSettings, retry: Partial<RetryPolicy> = {}): ModelClient {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const url = base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION, ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) };
  const policy: RetryPolicy = { timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, ...retry };
  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      const { json, attempts } = await postJsonWithRetries(
        url,
        headers,
        {
          model: settings.model,
          max_tokens: MAX_OUTPUT_TOKENS,
          temperature: settings.temperature,
          system: request.system,
          // The Messages API wants the first turn to be the user's.
          messages: dropLeadingAssistantTurns(request.messages),
        },
        policy,
      );
      const content = json.content as { type?: string; text?: unknown }[] | undefined;
      const text = content?.filter((block) => block.type === 'text' && typeof block.text === 'string').map((block) => block.text as string).join('');
      if (text === undefined) throw new ProviderError('bad_answer', 'the answer has no text content', 200, attempts);
      const usage = (json.usage ?? {}) as { input_tokens?: number; output_tokens?: number };
      return { text, inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0, attempts };
    },
    embed: null,
  };
}

function dropLeadingAssistantTurns(messages: ChatRequest['messages']): ChatRequest['messages'] {
  const first = messages.findIndex((message) => message.role === 'user');
  return first < 0 ? [] : messages.slice(first);
}

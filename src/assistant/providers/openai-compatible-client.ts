import type { ChatRequest, ChatResult, ModelClient, ModelSettings } from './model-client.js';
import { ProviderError } from './provider-error.js';
import { postJsonWithRetries, type RetryPolicy } from './request-with-retries.js';

/**
 * Any OpenAI-compatible chat-completions endpoint: OpenAI, Azure OpenAI (its `/openai/v1` URL),
 * Ollama (`http://localhost:11434/v1`), vLLM, LM Studio, the sandbox's fake model. The base URL
 * is the one that ends before `/chat/completions`.
 */
export function openAiCompatibleClient(settings: ModelSettings, retry: Partial<RetryPolicy> = {}): ModelClient {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  const policy: RetryPolicy = { timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries, ...retry };
  return {
    async chat(request: ChatRequest): Promise<ChatResult> {
      const { json, attempts } = await postJsonWithRetries(
        `${base}/chat/completions`,
        headers,
        {
          model: settings.model,
          temperature: settings.temperature,
          messages: [{ role: 'system', content: request.system }, ...request.messages],
        },
        policy,
      );
      const choices = json.choices as { message?: { content?: unknown } }[] | undefined;
      const text = choices?.[0]?.message?.content;
      if (typeof text !== 'string') throw new ProviderError('bad_answer', 'the answer has no message content', 200, attempts);
      const usage = (json.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number };
      return { text, inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0, attempts };
    },
    embed: settings.embeddingModel
      ? async (texts) => {
          const { json, attempts } = await postJsonWithRetries(`${base}/embeddings`, headers, { model: settings.embeddingModel, input: texts }, policy);
          const data = json.data as { index: number; embedding: number[] }[] | undefined;
          if (!Array.isArray(data) || data.length !== texts.length) throw new ProviderError('bad_answer', 'the embeddings do not match the texts', 200, attempts);
          return [...data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        }
      : null,
  };
}

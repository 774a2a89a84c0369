import { anthropicClient } from './anthropic-client.js';
import type { ModelClient, ModelSettings } from './model-client.js';
import { openAiCompatibleClient } from './openai-compatible-client.js';
import type { RetryPolicy } from './request-with-retries.js';

export function modelClientFor(settings: ModelSettings, retry: Partial<RetryPolicy> = {}): ModelClient {
  return settings.provider === 'anthropic' ? anthropicClient(settings, retry) : openAiCompatibleClient(settings, retry);
}

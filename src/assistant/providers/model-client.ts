import type { AssistantProvider } from '../../domain/assistant-modes.js';

/** One turn of the conversation as a model sees it: the customer is `user`, the business `assistant`. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  system: string;
  messages: ChatTurn[];
}

export interface ChatResult {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** Requests made, retries included. */
  attempts: number;
}

/** What calling a model needs: an assistant's settings with its key opened. */
export interface ModelSettings {
  provider: AssistantProvider;
  baseUrl: string;
  model: string;
  temperature: number;
  apiKey: string | null;
  timeoutMs: number;
  maxRetries: number;
  embeddingModel: string | null;
}

export interface ModelClient {
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Null when the provider or the assistant has no embedding model. */
  embed: ((texts: string[]) => Promise<number[][]>) | null;
}

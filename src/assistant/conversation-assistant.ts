import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, type Queryable } from '../db/sql.js';
import type { AnswerHours, AssistantMode, AssistantProvider, HandoverReason } from '../domain/assistant-modes.js';
import { isUuid } from '../domain/uuid.js';
import type { ModelClient, ModelSettings } from './providers/model-client.js';
import { modelClientFor } from './providers/client-for.js';
import type { EmbeddingModel } from './knowledge/embeddings.js';

/** An assistant's settings as its use cases read them (the key still sealed). */
export interface AssistantSettings {
  id: string;
  name: string;
  provider: AssistantProvider;
  baseUrl: string;
  model: string;
  temperature: number;
  apiKeyEncrypted: string | null;
  embeddingModel: string | null;
  instructions: string | null;
  timeoutMs: number;
  maxRetries: number;
  inputPricePerMillion: number;
  outputPricePerMillion: number;
  currency: string;
  handoverKeywords: string;
  maxExchanges: number;
  answersPerHour: number;
  handoverAgentId: string | null;
  answerHours: AnswerHours;
}

/** A conversation as the assistant decides on it. */
export interface ConversationAssistant {
  conversationId: string;
  accountId: string;
  assigneeId: string | null;
  lastInboundAt: Date | null;
  optedOut: boolean;
  /** The number's mode, the conversation's own (null: the number's), and the one in force. */
  numberMode: AssistantMode;
  conversationMode: AssistantMode | null;
  mode: AssistantMode;
  handedOverAt: Date | null;
  handoverReason: HandoverReason | null;
  /** Since when Answer mode counts its exchanges here (an agent turning it back on starts again). */
  countSince: Date | null;
  assistant: AssistantSettings | null;
}

const ASSISTANT_COLUMNS = `
  s.id, s.name, s.provider, s.base_url AS "baseUrl", s.model, s.temperature, s.api_key_encrypted AS "apiKeyEncrypted",
  s.embedding_model AS "embeddingModel", s.instructions, s.timeout_ms AS "timeoutMs", s.max_retries AS "maxRetries",
  s.input_price_per_million::float8 AS "inputPricePerMillion", s.output_price_per_million::float8 AS "outputPricePerMillion", s.currency,
  s.handover_keywords AS "handoverKeywords", s.max_exchanges AS "maxExchanges", s.answers_per_hour AS "answersPerHour",
  s.handover_agent_id AS "handoverAgentId", s.answer_hours AS "answerHours"`;

/** The assistant and modes of a conversation; undefined when there is no such conversation. */
export async function conversationAssistant(db: Queryable, conversationId: string): Promise<ConversationAssistant | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const row = await queryOne<Omit<ConversationAssistant, 'mode' | 'assistant'> & { assistant: AssistantSettings | null }>(
    db,
    `SELECT c.id AS "conversationId", c.account_id AS "accountId", c.assignee_id AS "assigneeId", c.last_inbound_at AS "lastInboundAt",
            ct.marketing_opted_out_at IS NOT NULL AS "optedOut",
            COALESCE(n.mode, 'off') AS "numberMode", ac.mode AS "conversationMode",
            ac.handed_over_at AS "handedOverAt", ac.handover_reason AS "handoverReason", ac.updated_at AS "countSince",
            (SELECT row_to_json(a) FROM (SELECT ${ASSISTANT_COLUMNS} FROM whatsapp_assistants s WHERE s.id = n.assistant_id) a) AS assistant
       FROM whatsapp_conversations c
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
       LEFT JOIN whatsapp_assistant_numbers n ON n.account_id = c.account_id
       LEFT JOIN whatsapp_assistant_conversations ac ON ac.conversation_id = c.id
      WHERE c.id = $1`,
    [conversationId],
  );
  if (!row) return undefined;
  const mode: AssistantMode = row.assistant ? row.conversationMode ?? row.numberMode : 'off';
  return { ...row, lastInboundAt: asDate(row.lastInboundAt), handedOverAt: asDate(row.handedOverAt), countSince: asDate(row.countSince), mode };
}

/** An assistant by id (for a test question from a knowledge base's page). */
export async function assistantById(db: Queryable, assistantId: string): Promise<AssistantSettings | undefined> {
  if (!isUuid(assistantId)) return undefined;
  return queryOne<AssistantSettings>(db, `SELECT ${ASSISTANT_COLUMNS} FROM whatsapp_assistants s WHERE s.id = $1`, [assistantId]);
}

function asDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The model an assistant calls, its key opened by the SecretBox. */
export function modelOf(context: Pick<PluginContext, 'secretBox'>, assistant: AssistantSettings): ModelClient {
  return modelClientFor(modelSettings(context, assistant));
}

function modelSettings(context: Pick<PluginContext, 'secretBox'>, assistant: AssistantSettings): ModelSettings {
  return {
    provider: assistant.provider,
    baseUrl: assistant.baseUrl,
    model: assistant.model,
    temperature: assistant.temperature,
    apiKey: assistant.apiKeyEncrypted ? context.secretBox.open(assistant.apiKeyEncrypted) : null,
    timeoutMs: assistant.timeoutMs,
    maxRetries: assistant.maxRetries,
    embeddingModel: assistant.embeddingModel,
  };
}

/** The assistant's embedding model, when it has one and its provider offers embeddings. */
export function embeddingOf(model: ModelClient, assistant: AssistantSettings): EmbeddingModel | null {
  return model.embed && assistant.embeddingModel ? { model: assistant.embeddingModel, embed: model.embed } : null;
}

/** Millionths of the currency: tokens × price per million tokens. */
export function costMicros(assistant: Pick<AssistantSettings, 'inputPricePerMillion' | 'outputPricePerMillion'>, inputTokens: number, outputTokens: number): number {
  return Math.round(inputTokens * assistant.inputPricePerMillion + outputTokens * assistant.outputPricePerMillion);
}

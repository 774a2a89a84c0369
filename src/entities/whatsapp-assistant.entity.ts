import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AnswerHours, AssistantProvider } from '../domain/assistant-modes.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/**
 * A model the business chose, at an OpenAI-compatible endpoint or Anthropic's Messages API, with
 * its sealed key, its price, and the rules of Answer mode (hand-over keywords, exchanges, cap).
 */
@Entity({ name: 'whatsapp_assistants' })
@Check('ck_whatsapp_assistants_provider', `"provider" IN ('openai', 'anthropic')`)
@Check('ck_whatsapp_assistants_answer_hours', `"answer_hours" IN ('always', 'business_hours', 'outside_business_hours')`)
@Check(
  'ck_whatsapp_assistants_limits',
  `"timeout_ms" BETWEEN 1000 AND 300000 AND "max_retries" BETWEEN 0 AND 10 AND "max_exchanges" >= 1 AND "answers_per_hour" >= 1`,
)
export class WhatsAppAssistant extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_assistants' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20, default: 'openai' })
  provider: AssistantProvider;

  /** `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), `https://api.anthropic.com`… */
  @Column({ name: 'base_url', type: 'varchar', length: 500 })
  baseUrl: string;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'real', default: () => '0.2' })
  temperature: number;

  /** Sealed by the SecretBox; write-only in the back office. */
  @Column({ name: 'api_key_encrypted', type: 'text', nullable: true, select: false })
  apiKeyEncrypted: string | null;

  /** The provider's embedding model, if it has one: passages then also get a vector (with pgvector). */
  @Column({ name: 'embedding_model', type: 'varchar', length: 200, nullable: true })
  embeddingModel: string | null;

  /** The business's own words for the assistant (who it speaks for, its tone); the safety rules always come first. */
  @Column({ type: 'text', nullable: true })
  instructions: string | null;

  @Column({ name: 'timeout_ms', type: 'integer', default: 30000 })
  timeoutMs: number;

  @Column({ name: 'max_retries', type: 'integer', default: 3 })
  maxRetries: number;

  /** Price of a million input tokens, in `currency`. */
  @Column({ name: 'input_price_per_million', type: 'numeric', precision: 12, scale: 4, default: 0 })
  inputPricePerMillion: string;

  @Column({ name: 'output_price_per_million', type: 'numeric', precision: 12, scale: 4, default: 0 })
  outputPricePerMillion: string;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  /** Words or phrases (one per line or comma-separated) that hand the conversation to a person. */
  @Column({ name: 'handover_keywords', type: 'text', default: '' })
  handoverKeywords: string;

  /** Automatic answers in a conversation before it goes to a person. */
  @Column({ name: 'max_exchanges', type: 'integer', default: 6 })
  maxExchanges: number;

  /** Automatic answers per conversation in any hour; past it the conversation goes to a person. */
  @Column({ name: 'answers_per_hour', type: 'integer', default: 10 })
  answersPerHour: number;

  /** Who gets a handed-over conversation; null: the unassigned queue. */
  @Column({ name: 'handover_agent_id', type: 'varchar', length: 200, nullable: true })
  handoverAgentId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handover_agent_id', foreignKeyConstraintName: 'fk_whatsapp_assistants_handover_agent' })
  handoverAgent?: WhatsAppAgent | null;

  @Column({ name: 'answer_hours', type: 'varchar', length: 30, default: 'always' })
  answerHours: AnswerHours;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

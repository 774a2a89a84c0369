import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AssistantRunKind, AssistantRunOutcome } from '../domain/assistant-modes.js';
import { CreatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppAssistant } from './whatsapp-assistant.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';

/** A passage a run gave the model, as the run saw it. */
export interface RunPassage {
  number: number;
  chunkId: string;
  knowledgeBaseId: string;
  content: string;
  score: number;
}

/** Every time the assistant asked a model (or decided not to): what for, what came out, its tokens and cost. */
@Entity({ name: 'whatsapp_assistant_runs' })
@Check('ck_whatsapp_assistant_runs_kind', `"kind" IN ('suggest', 'answer', 'summary', 'test')`)
@Check('ck_whatsapp_assistant_runs_outcome', `"outcome" IN ('answered', 'handed_over', 'skipped', 'failed')`)
@Index('ix_whatsapp_assistant_runs_conversation_created', ['conversationId', 'createdAt'])
@Index('ix_whatsapp_assistant_runs_created', ['createdAt'])
export class WhatsAppAssistantRun extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_assistant_runs' })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: AssistantRunKind;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_runs_conversation' })
  conversation?: WhatsAppConversation | null;

  @Column({ name: 'assistant_id', type: 'uuid', nullable: true })
  assistantId: string | null;

  @ManyToOne(() => WhatsAppAssistant, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assistant_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_runs_assistant' })
  assistant?: WhatsAppAssistant | null;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_runs_account' })
  account?: WhatsAppAccount | null;

  @Column({ type: 'varchar', length: 15 })
  outcome: AssistantRunOutcome;

  /** Why it was handed over or skipped (HANDOVER_REASONS, SKIP_REASONS). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  reason: string | null;

  /** The message Answer mode sent. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => WhatsAppMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_runs_message' })
  message?: WhatsAppMessage | null;

  /** What the passages were searched with (the customer's last message, or the tested question). */
  @Column({ type: 'text', nullable: true })
  question: string | null;

  /** The model's answer (a suggestion, an answer, a summary). */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  passages: RunPassage[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model: string | null;

  @Column({ name: 'input_tokens', type: 'integer', default: 0 })
  inputTokens: number;

  @Column({ name: 'output_tokens', type: 'integer', default: 0 })
  outputTokens: number;

  /** Millionths of `currency`: tokens times the assistant's price per million. */
  @Column({ name: 'cost_micros', type: 'bigint', default: 0 })
  costMicros: string;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  /** Requests made to the provider (retries included). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'duration_ms', type: 'integer', default: 0 })
  durationMs: number;

  /** The provider's error, in its words (timeouts, 4xx, 5xx after the retries). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The agent who asked (a suggestion, a summary, a test). */
  @Column({ name: 'requested_by_id', type: 'varchar', length: 200, nullable: true })
  requestedById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_runs_requested_by' })
  requestedBy?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;
}

import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { AssistantMode, HandoverReason } from '../domain/assistant-modes.js';
import { UpdatedAt } from './columns.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';

/** The assistant in one conversation: a mode an agent chose for it, and whether it was handed to a person. */
@Entity({ name: 'whatsapp_assistant_conversations' })
@Check('ck_whatsapp_assistant_conversations_mode', `"mode" IN ('off', 'suggest', 'answer')`)
export class WhatsAppAssistantConversation extends BaseEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_assistant_conversations' })
  conversationId: string;

  @OneToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_conversations_conversation' })
  conversation?: WhatsAppConversation;

  /** Null: the number's mode. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  mode: AssistantMode | null;

  /** Set when Answer mode gave the conversation to a person; it stays quiet here until an agent turns it back on. */
  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true })
  handedOverAt: Date | null;

  @Column({ name: 'handover_reason', type: 'varchar', length: 30, nullable: true })
  handoverReason: HandoverReason | null;

  @Column({ name: 'updated_by_id', type: 'varchar', length: 200, nullable: true })
  updatedById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_conversations_updated_by' })
  updatedBy?: WhatsAppAgent | null;

  @UpdatedAt()
  updatedAt: Date;
}

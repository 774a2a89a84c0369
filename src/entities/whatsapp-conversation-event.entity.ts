import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';

export const CONVERSATION_EVENT_KINDS = [
  'opened', 'reopened', 'assigned', 'unassigned', 'resolved', 'lead_linked', 'lead_unlinked', 'lead_created', 'intent_detected',
  'status_changed', 'replied', 'template_sent', 'retried', 'ad_referral', 'marketing_opted_out', 'marketing_opted_in', 'labels_changed',
  'snoozed', 'unsnoozed', 'note_added', 'message_scheduled', 'scheduled_canceled', 'scheduled_failed',
  // Automations (details.automatic: true): an automatic message, an SLA warning or breach, a satisfaction survey and its answer.
  'automatic_message', 'sla_warning', 'sla_breached', 'satisfaction_requested', 'satisfaction_answered',
  'assistant_replied', 'assistant_handed_over', 'assistant_mode_changed',
] as const;
export type ConversationEventKind = (typeof CONVERSATION_EVENT_KINDS)[number];

/** The conversation's audit trail: who changed what, and when. Append-only. */
@Entity({ name: 'whatsapp_conversation_events' })
@Index('ix_whatsapp_conversation_events_conversation_created', ['conversationId', 'createdAt'])
export class WhatsAppConversationEvent extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_conversation_events' })
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_events_conversation' })
  conversation?: WhatsAppConversation;

  @Column({ type: 'varchar', length: 40 })
  kind: ConversationEventKind;

  /** Null when the system acted (the webhook processor, keyword routing). */
  @Column({ name: 'actor_id', type: 'varchar', length: 200, nullable: true })
  actorId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_events_actor' })
  actor?: WhatsAppAgent | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

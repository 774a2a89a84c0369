import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppLabel } from './whatsapp-label.entity.js';

/** A label on a conversation, and who put it there. */
@Entity({ name: 'whatsapp_conversation_labels' })
@Index('ix_whatsapp_conversation_labels_label', ['labelId', 'conversationId'])
export class WhatsAppConversationLabel extends BaseEntity {
  @PrimaryColumn({ name: 'conversation_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_conversation_labels' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_labels_conversation' })
  conversation?: WhatsAppConversation;

  @PrimaryColumn({ name: 'label_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_conversation_labels' })
  labelId: string;

  @ManyToOne(() => WhatsAppLabel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'label_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_labels_label' })
  label?: WhatsAppLabel;

  @Column({ name: 'added_by_id', type: 'varchar', length: 200, nullable: true })
  addedById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'added_by_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_labels_added_by' })
  addedBy?: WhatsAppAgent | null;

  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}

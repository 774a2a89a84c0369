import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';

export const SCHEDULED_MESSAGE_STATUSES = ['scheduled', 'sent', 'canceled', 'failed'] as const;
export type ScheduledMessageStatus = (typeof SCHEDULED_MESSAGE_STATUSES)[number];

/**
 * A message an agent wrote to go later. At `send_at` the same send use case runs as if the
 * author pressed Send then (window, permissions and rate limits checked at that moment); until
 * then it can be canceled.
 */
@Entity({ name: 'whatsapp_scheduled_messages' })
@Check('ck_whatsapp_scheduled_messages_status', `"status" IN ('scheduled', 'sent', 'canceled', 'failed')`)
@Index('ix_whatsapp_scheduled_messages_conversation', ['conversationId', 'sendAt'])
export class WhatsAppScheduledMessage extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_scheduled_messages' })
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_scheduled_messages_conversation' })
  conversation?: WhatsAppConversation;

  @Column({ name: 'author_id', type: 'varchar', length: 200 })
  authorId: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_whatsapp_scheduled_messages_author' })
  author?: WhatsAppAgent;

  @Column({ name: 'send_at', type: 'timestamptz' })
  sendAt: Date;

  /** What to send: `{ kind: 'text', text, replyToMessageId? }` or `{ kind: 'interactive', interactive, replyToMessageId? }`. */
  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: ScheduledMessageStatus;

  /** The message it became. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => WhatsAppMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_whatsapp_scheduled_messages_message' })
  message?: WhatsAppMessage | null;

  /** Why it could not go (an i18n key: the window had closed, the author lost the right…). */
  @Column({ name: 'failure_key', type: 'varchar', length: 100, nullable: true })
  failureKey: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

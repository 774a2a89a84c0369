import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';

/**
 * A private note agents write in a conversation's thread. It lives in its own table, never among
 * the messages: nothing that sends messages can ever reach it.
 */
@Entity({ name: 'whatsapp_conversation_notes' })
@Index('ix_whatsapp_conversation_notes_conversation_created', ['conversationId', 'createdAt'])
export class WhatsAppConversationNote extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_conversation_notes' })
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_notes_conversation' })
  conversation?: WhatsAppConversation;

  @Column({ name: 'author_id', type: 'varchar', length: 200, nullable: true })
  authorId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_whatsapp_conversation_notes_author' })
  author?: WhatsAppAgent | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

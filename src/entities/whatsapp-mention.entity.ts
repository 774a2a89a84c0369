import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppConversationNote } from './whatsapp-conversation-note.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';

/** An agent @mentioned in a note; unseen until they open the conversation. */
@Entity({ name: 'whatsapp_mentions' })
@Unique('uq_whatsapp_mentions_note_agent', ['noteId', 'agentId'])
@Index('ix_whatsapp_mentions_agent_unseen', ['agentId', 'createdAt'], { where: `"seen_at" IS NULL` })
@Index('ix_whatsapp_mentions_conversation', ['conversationId'])
export class WhatsAppMention extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_mentions' })
  id: string;

  @Column({ name: 'note_id', type: 'uuid' })
  noteId: string;

  @ManyToOne(() => WhatsAppConversationNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'note_id', foreignKeyConstraintName: 'fk_whatsapp_mentions_note' })
  note?: WhatsAppConversationNote;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_mentions_conversation' })
  conversation?: WhatsAppConversation;

  @Column({ name: 'agent_id', type: 'varchar', length: 200 })
  agentId: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_whatsapp_mentions_agent' })
  agent?: WhatsAppAgent;

  @Column({ name: 'seen_at', type: 'timestamptz', nullable: true })
  seenAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

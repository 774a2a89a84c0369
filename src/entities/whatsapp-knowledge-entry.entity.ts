import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppKnowledgeBase } from './whatsapp-knowledge-base.entity.js';
import { WhatsAppKnowledgeDocument } from './whatsapp-knowledge-document.entity.js';

/** A question and its answer: written in the back office, or a row of an uploaded CSV. */
@Entity({ name: 'whatsapp_knowledge_entries' })
@Index('ix_whatsapp_knowledge_entries_base', ['knowledgeBaseId'])
export class WhatsAppKnowledgeEntry extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_knowledge_entries' })
  id: string;

  @Column({ name: 'knowledge_base_id', type: 'uuid' })
  knowledgeBaseId: string;

  @ManyToOne(() => WhatsAppKnowledgeBase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'knowledge_base_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_entries_base' })
  knowledgeBase?: WhatsAppKnowledgeBase;

  /** The CSV it came from; null for an entry written in the back office. */
  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @ManyToOne(() => WhatsAppKnowledgeDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_entries_document' })
  document?: WhatsAppKnowledgeDocument | null;

  @Column({ type: 'text' })
  question: string;

  @Column({ type: 'text' })
  answer: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './columns.js';
import { WhatsAppKnowledgeBase } from './whatsapp-knowledge-base.entity.js';
import { WhatsAppKnowledgeDocument } from './whatsapp-knowledge-document.entity.js';
import { WhatsAppKnowledgeEntry } from './whatsapp-knowledge-entry.entity.js';

/** A passage the assistant may be given: an entry, or a piece of a document, with its full-text vector. */
@Entity({ name: 'whatsapp_knowledge_chunks' })
@Index('ix_whatsapp_knowledge_chunks_base', ['knowledgeBaseId'])
// GIN on search_vector: the migration declares it (a method TypeORM cannot express).
@Index('ix_whatsapp_knowledge_chunks_search', { synchronize: false })
export class WhatsAppKnowledgeChunk extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_knowledge_chunks' })
  id: string;

  @Column({ name: 'knowledge_base_id', type: 'uuid' })
  knowledgeBaseId: string;

  @ManyToOne(() => WhatsAppKnowledgeBase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'knowledge_base_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_chunks_base' })
  knowledgeBase?: WhatsAppKnowledgeBase;

  @Column({ name: 'entry_id', type: 'uuid', nullable: true })
  entryId: string | null;

  @ManyToOne(() => WhatsAppKnowledgeEntry, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_chunks_entry' })
  entry?: WhatsAppKnowledgeEntry | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId: string | null;

  @ManyToOne(() => WhatsAppKnowledgeDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_chunks_document' })
  document?: WhatsAppKnowledgeDocument | null;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  content: string;

  /** whatsapp_knowledge_vector(content), written with the passage. */
  @Column({ name: 'search_vector', type: 'tsvector', select: false })
  searchVector: string;

  @CreatedAt()
  createdAt: Date;
}
